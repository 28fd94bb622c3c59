"""Make the repository root importable when pytest is run from anywhere."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def no_business_database(tmp_path, monkeypatch):
    """The model's CLI reads the business's segments from PROMO_DB when it exists: model tests use the shipped
    defaults unless they make a database themselves."""
    monkeypatch.setenv("PROMO_DB", str(tmp_path / "none.duckdb"))
