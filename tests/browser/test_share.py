"""Share links in Debian Chromium: the partner sees only the shared items and no editing control; bad links get
one message; the owner logs in (password-protected server); the HTML report opens offline."""
from datetime import datetime

import pytest

from promo import store
from promo.customers import demo
from promo.sharing import auth
from tests.browser.conftest import SHOTS, Server, ready
from tests.browser.st_client import Session, run_sync

pytestmark = pytest.mark.browser
PASSWORD = "browser-owner-password"
EVIL = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">'
# Controls a partner may use: the language switch (two radio inputs in the sidebar), the item choice (radio buttons in
# a stButtonGroup), the download buttons and the button that draws the PNG charts for a download: all read only
EDITING = ('input:not([data-testid="stSidebar"] [role="radiogroup"] input), textarea, select, [role="slider"], '
           '[role="spinbutton"], [role="combobox"], [data-testid="stButton"]:not(.st-key-share_dl_png_make *), '
           '[data-testid="stFormSubmitButton"], [data-testid="stFileUploader"], [data-testid="stDataFrame"], '
           '[data-testid="stSidebarNav"], [data-testid="stPageLink"]')


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A password-protected server whose database holds a link to scenarios 1 and 7, a revoked and an expired link,
    and a link to a scenario with HTML in its name; made before the server starts (it then holds the file lock)."""
    d = tmp_path_factory.mktemp("share")
    con = demo.open_or_create(d / "promo.duckdb")
    names = {s["id"]: s["name"] for s in store.list_scenarios(con)}
    rec = store.get_scenario(con, 2)
    evil_id = store.save_scenario(con, EVIL, store.scenario_campaign(rec), rec["summary"])
    tokens = {"good": store.create_share(con, "Dairy shop", [("scenario", 1), ("scenario", 7)], 7, "en")[1],
              "evil": store.create_share(con, EVIL, [("scenario", evil_id)], 7, "en")[1],
              "expired": store.create_share(con, "p", [("scenario", 1)], 1, "en", now=datetime(2020, 1, 1))[1]}
    revoked_id, tokens["revoked"] = store.create_share(con, "p", [("scenario", 1)], 7, "en")
    store.revoke_share(con, revoked_id)
    con.close()
    s = Server(d / "promo.duckdb", d / "server.log",
               env={auth.ENV_HASH: auth.hash_password(PASSWORD, log2_n=12)}).first_run()
    yield s, tokens, names
    s.stop()


def _items(page):
    return page.locator('[data-testid="stButtonGroup"]').get_by_role("radio")


def _text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def test_partner_sees_only_shared_items_and_no_editing_control(site, page):
    s, tokens, names = site
    page.goto(f"{s.url}/?share={tokens['good']}")
    ready(page)
    _items(page).nth(2).wait_for()
    assert [t.inner_text() for t in _items(page).all()] == [names[1], names[7], "Comparison"]
    page.locator('[data-testid="stPlotlyChart"] .main-svg').nth(2).wait_for()
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 3  # only the chosen item is drawn
    assert page.locator(EDITING).count() == 0
    assert page.locator('[data-testid="stSidebar"] [role="radiogroup"] input').count() == 2  # 中文 / English
    text = _text(page)
    assert not any(n in text for i, n in names.items() if i not in (1, 7))
    _items(page).get_by_text(names[7]).click()
    page.get_by_text("Cost and benefit of each party").wait_for()  # co-promotion split, still in the link's language
    ready(page)
    assert (page.get_by_role("heading", name=names[7]).count() == 1
            and page.get_by_role("heading", name=names[1]).count() == 0)
    assert _items(page).nth(1).get_attribute("aria-checked") == "true"
    page.locator('[data-testid="stPlotlyChart"]:visible .main-svg').nth(2).wait_for()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "partner_en.png"))  # the README's picture of the partner view
    page.get_by_text("中文").click()
    ready(page)
    _items(page).get_by_text("方案对比").click()
    page.get_by_text("投资回报率（P10–P90）").wait_for()
    ready(page)
    assert _items(page).nth(1).get_attribute("aria-checked") == "false"
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 2
    assert page.locator(EDITING).count() == 0


@pytest.mark.parametrize("suffix", ["/simulator?share={t}", "/sharing?share={t}", "/?share={t}&page=simulator",
                                    "/compare?share={t}&scenario=3&id=3"])
def test_changing_the_url_does_not_leave_the_partner_view(site, page, suffix):
    s, tokens, names = site
    page.goto(s.url + suffix.format(t=tokens["good"]))
    ready(page)
    _items(page).nth(2).wait_for()
    assert _items(page).count() == 3
    assert page.locator(EDITING).count() == 0
    assert names[3] not in _text(page)


def test_forged_item_choices_over_the_websocket_show_only_the_links_items(site):
    """A client sending item values no button offers (another scenario's name, an index, nothing, markup) keeps
    the item it had: never another scenario, never an error."""
    s, tokens, names = site

    async def forge() -> list:
        async with Session(s.port, f"share={tokens['good']}") as c:
            await c.run()
            seen = [c.headings[-1]]
            widget = next(iter(c.choices))
            assert c.choices[widget] == [names[1], names[7], "Comparison"]
            for value in (names[3], names[7], "3", "Comparison", "", "<script>", names[1]):
                await c.run(widget, value)
                seen.append(c.headings[-1])
            return seen, c.errors
    seen, errors = run_sync(forge(), timeout=120)
    # each forged value is ignored (the view stays where it was); the real choices in between still work
    assert seen == [names[1], names[1], names[7], names[7], "Comparison", "Comparison", "Comparison", names[1]]
    assert errors == []


@pytest.mark.parametrize("which", ["random", "truncated", "expired", "revoked"])
def test_bad_links_get_one_plain_message(site, page, which):
    s, tokens, _names = site
    token = {"random": "A" * 43, "truncated": tokens["good"][:30]}.get(which) or tokens[which]
    page.goto(f"{s.url}/?share={token}")
    ready(page)
    page.get_by_text("This link is not valid or no longer works").wait_for()
    assert page.locator(f"{EDITING}, [role=radiogroup], [role=radio], [data-testid=stPlotlyChart]").count() == 0


def test_html_in_names_shows_as_text(site, page):
    s, tokens, _names = site
    page.goto(f"{s.url}/?share={tokens['evil']}")
    ready(page)
    page.get_by_role("heading", name=EVIL).wait_for()
    assert EVIL in _text(page)
    assert page.evaluate("window.pwned") is None
    assert page.locator("img[src=x], script:has-text('pwned')").count() == 0


def test_owner_login_then_sees_the_links(site, page):
    s, _tokens, _names = site
    page.goto(f"{s.url}/simulator?lang=en")
    ready(page)
    page.get_by_text("This app is password-protected").wait_for()
    assert page.get_by_role("slider").count() == 0
    page.get_by_label("Owner password").fill("not it")
    page.get_by_role("button", name="Log in").click()
    page.get_by_text("Wrong password.").wait_for()
    page.get_by_label("Owner password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_text("Logged in as the owner").wait_for()
    page.get_by_role("link", name="Share with partners").click()
    ready(page)
    page.locator('[data-testid="stDataFrame"]').wait_for()
    # the grid draws on a canvas; the cells it shows stay in the DOM for screen readers
    page.wait_for_function("() => [...document.querySelectorAll('[role=gridcell]')]"
                           ".some(c => c.textContent === 'Dairy shop')")


def test_html_report_opens_offline_with_its_charts(site, page, browser, tmp_path):
    s, tokens, names = site
    page.goto(f"{s.url}/?share={tokens['good']}")
    ready(page)
    with page.expect_download(timeout=60_000) as dl:
        page.get_by_role("button", name="Offline web page").click()
    path = tmp_path / "report.html"
    dl.value.save_as(path)
    offline = browser.new_context()
    requests = []
    offline.on("request", lambda r: requests.append(r.url))
    report = offline.new_page()
    report.goto(path.as_uri())
    report.wait_for_selector(".plotly-graph-div .main-svg")
    report.wait_for_timeout(500)
    assert [u for u in requests if not u.startswith(("file:", "data:", "blob:"))] == []
    assert report.locator(".plotly-graph-div").count() == 2 + 3 * 2  # comparison, then each scenario's three
    assert names[7] in report.locator("body").inner_text()
    offline.close()
