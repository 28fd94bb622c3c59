"""Deployment files stay true: every setting and environment variable is documented; the image is safe to host."""
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_config_setting_is_documented():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    for section, options in config.items():
        for name in options:
            assert f"`{section}.{name}`" in DOC, f"{section}.{name} is not in the README"


def test_every_environment_variable_is_documented():
    from promo.sharing import auth
    from promo.store import DB_ENV

    dockerfile = (ROOT / "Dockerfile").read_text()
    env_lines = dockerfile.split("ENV ", 1)[1].split("\n\n", 1)[0]
    names = {line.strip().split("=")[0] for line in env_lines.replace("\\", "\n").splitlines() if "=" in line}
    for name in {DB_ENV, auth.ENV_HASH} | names - {"PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "PIP_NO_CACHE_DIR"}:
        assert name in DOC, f"{name} is not in the README"


def test_dockerfile_runs_as_non_root_with_health_check_and_volume():
    d = (ROOT / "Dockerfile").read_text()
    assert d.startswith("#") and "FROM python:3.11-slim" in d
    assert "USER promo" in d and "HEALTHCHECK" in d and "/_stcore/health" in d
    assert 'VOLUME ["/data"]' in d and "PROMO_DB=/data/promo.duckdb" in d
    assert "chromium" in d and "fonts-noto-cjk" in d


def test_hosting_settings():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableXsrfProtection"] is True and config["browser"]["gatherUsageStats"] is False
    assert config["server"]["headless"] is True and config["server"]["maxUploadSize"] <= 500
