"""Shared fixtures: every test gets its own database file through PROMO_DB."""
import pytest


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    path = tmp_path / "promo.duckdb"
    monkeypatch.setenv("PROMO_DB", str(path))
    return path
