"""A real server on a free port with its own database, and Debian Chromium driven by Playwright."""
import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.server import CHROMIUM_ARGS, ROOT, Server, kpi, ready  # noqa: F401 - re-exported for tests

# `make screenshots` points this at docs/screenshots (the README's pictures); a plain test run keeps its
# pictures in tests/artifacts, so running the tests does not change tracked files
SHOTS = Path(os.environ.get("PROMO_SHOTS") or ROOT / "tests" / "artifacts" / "screenshots").resolve()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    d = tmp_path_factory.mktemp("server")
    s = Server(d / "promo.duckdb", d / "server.log").first_run()
    yield s
    s.stop()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    pg = context.new_page()
    yield pg
    context.close()
