"""Deployment files stay true: every setting and environment variable is documented; the image is safe to host."""
import subprocess
import sys
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.browser.server import Server
from tests.browser.st_client import Session, run_sync

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


def test_error_details_stay_in_the_log_and_the_health_check_runs_the_app():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"  # everywhere, not only in the image
    assert config["server"]["scriptHealthCheckEnabled"] is True
    d = (ROOT / "Dockerfile").read_text()
    assert "CMD curl -fsS http://127.0.0.1:8501/_stcore/script-health-check || exit 1" in d
    assert "docs/deployment.md" not in d and '"On your own server (Docker behind nginx with HTTPS)"' in d
    assert "### On your own server (Docker behind nginx with HTTPS)" in DOC


@pytest.mark.slow
def test_a_second_server_on_the_same_database_is_unhealthy_and_says_why(tmp_path):
    """The first server holds the database; a second one on the same file answers /_stcore/health (it is up) but
    fails the script health check, shows visitors the reason instead of a traceback, and the CLI names the holder."""
    db = tmp_path / "promo.duckdb"
    first = Server(db, tmp_path / "first.log")
    try:
        assert _get(first.url + "/_stcore/script-health-check") == (200, "ok")  # opens the database
        second = Server(db, tmp_path / "second.log")
        try:
            assert _get(second.url + "/_stcore/health") == (200, "ok")
            assert _get(second.url + "/_stcore/script-health-check") == (503, "error")

            async def visit():
                async with Session(second.port, "lang=en") as s:
                    await s.run()
                    return s.headings, s.errors
            headings, errors = run_sync(visit(), timeout=60)
            assert headings == [":material/database_off: 应用无法打开数据库",
                                ":material/database_off: The app cannot open its database"]
            assert errors == []
        finally:
            second.stop()
        cli = subprocess.run([sys.executable, "-m", "promo", "calibrate", "--db", str(db)], cwd=ROOT,
                             capture_output=True, text=True, timeout=120)
        assert cli.returncode == 2 and cli.stdout == ""
        assert cli.stderr == (f"error: The database '{db}' is in use: the running app (a Streamlit server, PID "
                              f"{first.proc.pid}) holds it. Stop the app first (Ctrl+C in its terminal, or docker "
                              "stop), or use another database file with --db or the PROMO_DB environment variable.\n")
    finally:
        first.stop()


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()
