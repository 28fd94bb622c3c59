"""Main journeys in Debian Chromium: every page in both languages, live simulator, save → compare, shared link."""
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SHOTS, Server, kpi, ready

pytestmark = pytest.mark.browser
PAGES = ["overview", "library", "simulator", "compare", "calendar", "segments", "data", "settings", "sharing"]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_every_page_loads_without_error(server, page, name, lang):
    page.goto(f"{server.url}/{'' if name == 'overview' else name}?lang={lang}")  # the default page lives at /
    ready(page)
    time.sleep(0.5)
    assert page.locator('[role="dialog"]').count() == 0  # e.g. Streamlit's "Page not found"
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
    assert ("模拟器" if lang == "zh" else "Simulator") in nav
    if name not in ("data", "sharing"):  # test_data.py and test_protection.py take those pages' pictures
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}_{lang}.png"), full_page=name != "library")


def _wait_change(page, label: str, old: str, timeout: float = 15.0) -> str:
    deadline = time.time() + timeout
    while time.time() < deadline:
        ready(page)
        now = kpi(page, label)
        if now != old:
            return now
        time.sleep(0.05)
    raise AssertionError(f"{label} stayed {old}")


def test_slider_updates_kpi_and_chart(server, page):
    page.goto(f"{server.url}/simulator?lang=en")
    ready(page)
    profit = kpi(page, "Profit")
    chart_text = page.locator('[data-testid="stPlotlyChart"]').first.inner_text()
    slider = page.get_by_role("slider").first
    slider.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    assert _wait_change(page, "Profit", profit) != profit
    assert page.locator('[data-testid="stPlotlyChart"]').first.inner_text() != chart_text
    assert "discount.depth=20" in page.url


def test_save_scenario_then_find_it_on_compare(server, page):
    page.goto(f"{server.url}/simulator?lang=en&type=coupon&seg=dormant")
    ready(page)
    page.get_by_label("Scenario name").fill("Browser coupon <script>alert(1)</script>")
    page.get_by_label("Scenario name").press("Enter")
    ready(page)
    page.get_by_role("button", name="Save scenario").click()
    page.get_by_text("Saved (no.").wait_for()
    page.get_by_role("link", name="Compare").click()
    ready(page)
    page.get_by_text("Browser coupon <script>alert(1)</script>").first.wait_for()
    assert page.locator("script:has-text('alert(1)')").count() == 0


def test_shared_url_reproduces_the_simulator(server, browser, page):
    page.goto(f"{server.url}/simulator?lang=en&type=coupon&seg=dormant&seg=vip&coupon.face_value=20")
    ready(page)
    shared = page.url
    profit, cost = kpi(page, "Profit"), kpi(page, "Cost")
    other = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    other.goto(shared)
    ready(other)
    assert kpi(other, "Profit") == profit and kpi(other, "Cost") == cost
    expect(other.get_by_role("spinbutton", name="Face value (¥)")).to_have_value("20.00")  # retries while it mounts
    other.context.close()


# every text the sidebar menu shows while the page loads, recorded from the first paint on
NAV_WATCH = """document.addEventListener('DOMContentLoaded', () => {
    window.navTexts = [];
    const look = () => {
        const nav = document.querySelector('[data-testid="stSidebarNav"]');
        const text = nav ? nav.innerText : '';
        if (window.navTexts[window.navTexts.length - 1] !== text) window.navTexts.push(text);
    };
    new MutationObserver(look).observe(document, {subtree: true, childList: true, characterData: true});
    look();
});"""


@pytest.mark.parametrize("path, text", [("/?lang=en", "Best saved scenarios"), ("/simulator?lang=en&type=lottery", "First prize value")])
def test_first_visit_after_a_start_shows_only_the_app_navigation(tmp_path, browser, path, text):
    """The first run after a start goes through Streamlit's old-style pages (a folder named pages/): it must
    neither list the modules of pages/ as pages, even for a moment, nor run a deep link's page without app.py."""
    s = Server(tmp_path / "fresh.duckdb", tmp_path / "server.log")
    try:
        pg = browser.new_context().new_page()
        pg.add_init_script(NAV_WATCH)
        pg.goto(f"{s.url}{path}")
        pg.get_by_text(text).first.wait_for()
        ready(pg)
        pg.get_by_text("Promotion library").first.wait_for()
        seen = [t for t in pg.evaluate("window.navTexts") if t]
        assert seen and all("access" not in t and "downloads" not in t for t in seen), seen
        assert all("Promotion library" in t for t in seen), seen  # only the app's menu, never the page files' list
        pg.context.close()
    finally:
        s.stop()


def _save(page, name: str) -> None:
    page.get_by_label("Scenario name").fill(name)
    page.get_by_label("Scenario name").press("Enter")
    ready(page)


def test_two_sessions_saving_at_once_both_succeed(server, browser):
    pages = [browser.new_context(viewport={"width": 1400, "height": 1000}).new_page() for _ in range(2)]
    for i, pg in enumerate(pages):
        pg.goto(f"{server.url}/simulator?lang=en&type=gift&seg=new")
        ready(pg)
        _save(pg, f"concurrent {i}")
    buttons = [pg.get_by_role("button", name="Save scenario") for pg in pages]
    for b in buttons:  # both clicks go out before either rerun finishes
        b.dispatch_event("click")
    for pg in pages:
        pg.get_by_text("Saved (no.").wait_for()
    pages[0].goto(f"{server.url}/compare?lang=en")
    ready(pages[0])
    for i in range(2):
        pages[0].get_by_text(f"concurrent {i}").first.wait_for()
    for pg in pages:
        pg.context.close()


def test_kill_9_then_restart_keeps_saved_scenarios(tmp_path, browser):
    db = tmp_path / "kill.duckdb"
    s = Server(db, tmp_path / "a.log")
    pg = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    try:
        pg.goto(f"{s.url}/simulator?lang=en&type=lottery&seg=vip")
        ready(pg)
        _save(pg, "survives kill -9")
        pg.get_by_role("button", name="Save scenario").click()
        pg.get_by_text("Saved (no.").wait_for()
    finally:
        s.proc.kill()  # SIGKILL: no clean shutdown
        s.proc.wait()
        s.log.close()
    s2 = Server(db, tmp_path / "b.log")
    try:
        pg.goto(f"{s2.url}/compare?lang=en")
        ready(pg)
        pg.get_by_text("survives kill -9").first.wait_for()
    finally:
        pg.context.close()
        s2.stop()
