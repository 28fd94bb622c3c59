"""Main journeys in Debian Chromium: every page in both languages, live simulator, save → compare, shared link."""
import io
import time
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from promo import live_charts

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


CHART = '[data-testid="stVegaLiteChart"]'


@pytest.fixture(scope="module")
def simulated(tmp_path_factory):
    """simulated(**params) → (result, sensitivity rows) of a discount on the demo's active customers: what the
    simulator should show, computed here on a demo database of its own (the same segments as the server's)."""
    from promo import make_campaign, sensitivity, simulate, store
    from promo.customers import demo

    con = demo.open_or_create(tmp_path_factory.mktemp("expect") / "demo.duckdb")
    segments = tuple(store.load_segments(con))
    con.close()

    def run(**params):
        campaign = make_campaign("discount", ["active"], params)
        return simulate(campaign, segments, draws=10_000, seed=7), sensitivity(campaign, segments)
    return run


def marks(page, i: int) -> list[dict]:
    """The data behind chart ``i`` as Vega-Lite describes its marks to screen readers ('field: value; …')."""
    labels = page.evaluate(f"(i) => [...document.querySelectorAll('{CHART}')[i].querySelectorAll('[aria-label]')]"
                           ".map(e => e.getAttribute('aria-label'))", i)
    return [dict(part.split(": ", 1) for part in label.split("; ") if ": " in part)
            for label in labels if "; " in label and not label.startswith(("X-axis", "Y-axis"))]


def number(text: str) -> float:
    return float(text.replace("−", "-").replace(",", ""))


def _wait_charts_changed(page, before: list[list[dict]]) -> None:
    deadline = time.time() + 20
    while time.time() < deadline:
        ready(page)
        if all(marks(page, i) != before[i] for i in range(3)):
            return
        time.sleep(0.1)
    raise AssertionError("a chart did not change")


def test_slider_updates_kpis_and_every_chart_in_place_with_the_new_values(server, page, simulated):
    page.goto(f"{server.url}/simulator?lang=en")
    ready(page)
    page.locator(f"{CHART} svg").nth(2).wait_for()
    profit = kpi(page, "Profit")
    before = [marks(page, i) for i in range(3)]
    page.evaluate(f"() => {{ window.drawn = [...document.querySelectorAll('{CHART} svg')]; }}")
    slider = page.get_by_role("slider", name="Discount depth (%)")
    slider.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    assert _wait_change(page, "Profit", profit) != profit
    _wait_charts_changed(page, before)
    assert "discount.depth=20" in page.url
    expect(page.get_by_role("spinbutton", name="Discount depth (%)")).to_have_value("20.0")  # the typed twin
    result, sens = simulated(depth=0.20)
    waterfall, distribution, tornado = (marks(page, i) for i in range(3))
    total = next(m for m in waterfall if m["label"] == "Profit")
    assert number(total["end"]) == pytest.approx(result.profit.mean, rel=1e-6)
    assert kpi(page, "Profit") in page.locator(CHART).nth(0).inner_text()  # the bar's label reads as the KPI
    drawn = live_charts.distribution(result, "en", "¥").data
    text = page.locator(CHART).nth(1).inner_text()
    assert drawn["text"][0] in text and drawn["subtitle"][0] in text  # P(loss), P10, P50, P90 of this result
    assert kpi(page, "P(loss)") in drawn["text"][0]
    bars = [m for m in distribution if "x1" in m]  # one a bin: its upper edge is the next one's lower
    assert [number(m["x1"]) for m in bars] == pytest.approx(drawn["x1"][1:-3], rel=1e-6)
    rows = live_charts.tornado(sens, "en", "¥").data
    assert [m["name"] for m in tornado] == rows["name"]
    assert [number(m["end"]) for m in tornado] == pytest.approx(rows["end"], rel=1e-6)
    # drawn in place: the same three pictures, their data replaced (no chart drawn from scratch)
    assert page.evaluate(f"() => [...document.querySelectorAll('{CHART} svg')].every((e, i) => e === window.drawn[i])")


def test_typing_a_number_sets_the_slider_and_the_downloads_follow(server, page, simulated):
    page.goto(f"{server.url}/simulator?lang=en")
    ready(page)
    page.locator(f"{CHART} svg").nth(2).wait_for()
    profit = kpi(page, "Profit")
    box = page.get_by_role("spinbutton", name="Discount depth (%)")
    box.fill("30")
    box.press("Enter")
    assert _wait_change(page, "Profit", profit) != profit
    assert "discount.depth=30" in page.url
    expect(page.get_by_role("slider", name="Discount depth (%)")).to_have_value("30")
    result, _ = simulated(depth=0.30)
    assert kpi(page, "Profit") == live_charts.waterfall(result, "en", "¥").data["text"][-1]
    with page.expect_download() as dl:  # the save panel was not redrawn: its files still follow the inputs
        page.get_by_role("button", name="Excel workbook").click()
    sheet = openpyxl.load_workbook(io.BytesIO(Path(dl.value.path()).read_bytes()))["Inputs"]
    assert ["Discount depth", 0.3] in [[row[1], row[2]] for row in sheet.iter_rows(values_only=True)]


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


@pytest.mark.parametrize("path, text", [("/?lang=en", "Best saved scenarios"),
                                        ("/simulator?lang=en&type=lottery", "First prize value")])
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
