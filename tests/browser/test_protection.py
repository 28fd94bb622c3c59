"""Fail closed, in Debian Chromium: on a protected app a partner who opened a link reaches no owner page, whatever they
type; on an unprotected app no link can be created and an old one does not open; user text that is Markdown shows
as its characters on every page (no link, no image), for the owner and the partner."""
import re
from urllib.parse import quote

import pytest

from promo import store
from promo.customers import demo
from promo.sharing import auth, links
from tests.browser.conftest import SHOTS, Server, ready

pytestmark = pytest.mark.browser
PASSWORD = "browser-owner-password"
EVIL = "**x** [link](https://evil.example) ![i](https://evil.example/i.png)"
OWNER_PAGES = ["simulator", "calendar", "data", "sharing", "settings", "compare", "segments", "library", ""]
OUTSIDE = 'a[href*="evil.example"], img[src*="evil.example"]'
SHOWN = re.sub(r"(?<=:)(?=//)", "\u2060", EVIL)  # as the page shows it: a word joiner keeps the address unlinked


@pytest.fixture(scope="module")
def protected(tmp_path_factory):
    """A password-protected server with a public address, Markdown in every kind of name, and a link."""
    d = tmp_path_factory.mktemp("protected")
    con = demo.open_or_create(d / "promo.duckdb")
    store.save_settings(con, business_name=EVIL, public_url="https://promo.example.com")
    rec = store.get_scenario(con, 2)
    sid = store.save_scenario(con, EVIL, store.scenario_campaign(rec), rec["summary"])
    segs = [s.to_dict() for s in store.load_segments(con)]
    segs[1] |= {"zh": EVIL, "en": EVIL}
    store.save_segments(con, segs)
    _id, token = store.create_share(con, EVIL, [("scenario", 1), ("scenario", sid)], 7, "en")
    con.close()
    s = Server(d / "promo.duckdb", d / "server.log", env={auth.ENV_HASH: auth.hash_password(PASSWORD, log2_n=12)})
    yield s.first_run(), token
    s.stop()


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """A protected server with a public address and the demo's plain names (for the README's pictures)."""
    d = tmp_path_factory.mktemp("clean")
    con = demo.open_or_create(d / "promo.duckdb")
    store.save_settings(con, public_url="https://promo.example.com")
    con.close()
    s = Server(d / "promo.duckdb", d / "server.log", env={auth.ENV_HASH: auth.hash_password(PASSWORD, log2_n=12)})
    yield s.first_run()
    s.stop()


@pytest.fixture(scope="module")
def open_app(tmp_path_factory):
    """No password, and a link made while the app was protected."""
    d = tmp_path_factory.mktemp("open")
    con = demo.open_or_create(d / "promo.duckdb")
    _id, token = store.create_share(con, "Dairy shop", [("scenario", 1)], 7, "en")
    con.close()
    s = Server(d / "promo.duckdb", d / "server.log", env={links.ENV_URL: ""})
    yield s.first_run(), token
    s.stop()


def _main(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def test_a_partner_with_a_link_reaches_no_owner_page(protected, page):
    s, token = protected
    page.goto(f"{s.url}/?share={token}")
    ready(page)
    page.locator('[data-testid="stButtonGroup"]').get_by_role("radio").nth(2).wait_for()
    for path in OWNER_PAGES:  # the same browser, typing the owner's addresses, with or without the link
        for suffix in ("", "?page=simulator", f"?share={token[:40]}", "?share=", "?lang=en&type=coupon"):
            page.goto(f"{s.url}/{path}{suffix}")
            ready(page)
            text = _main(page)
            assert (page.get_by_role("slider").count() == 0
                    and page.locator('[data-testid="stFileUploader"]').count() == 0)
            assert page.locator('[data-testid="stDataFrame"], [data-testid="stSidebarNav"]').count() == 0
            if suffix.startswith("?share"):
                assert "This link is not valid or no longer works" in text, (path, suffix)
            else:
                assert "Log in" in text or "需要登录" in text, (path, suffix)
                page.get_by_label("Owner password").or_(page.get_by_label("所有者密码")).wait_for()
        page.goto(f"{s.url}/{path}?share={token}")  # the link itself, at any path: the partner view only
        ready(page)
        # two scenarios and their comparison
        assert page.locator('[data-testid="stButtonGroup"]').get_by_role("radio").count() == 3
        assert page.locator(OUTSIDE).count() == 0


def test_markdown_in_names_stays_text_for_the_owner_and_the_partner(protected, page):
    s, token = protected
    page.goto(f"{s.url}/?lang=en")
    ready(page)
    page.get_by_label("Owner password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_text("Logged in as the owner").wait_for()
    for path in OWNER_PAGES:
        page.get_by_role("link", name={"": "Overview", "simulator": "Simulator", "calendar": "Calendar",
                                       "data": "Customer data", "sharing": "Share with partners",
                                       "settings": "Business settings", "compare": "Compare", "segments": "Segments",
                                       "library": "Promotion library"}[path], exact=True).click()
        ready(page)
        assert page.locator(OUTSIDE).count() == 0, path
        assert page.locator('[data-testid="stException"]').count() == 0, path
    page.goto(f"{s.url}/simulator?lang=en&type=coupon&coupon.face_value={quote(EVIL)}")  # a value in the address
    ready(page)
    page.get_by_label("Owner password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_text(f"The link's coupon.face_value={SHOWN} is not valid").wait_for()  # shown as typed
    assert page.locator(OUTSIDE).count() == 0
    page.goto(f"{s.url}/?share={token}")
    ready(page)
    page.locator('[data-testid="stButtonGroup"]').get_by_role("radio").nth(1).click()
    page.get_by_role("heading", name=SHOWN).wait_for()  # the partner sees the name as typed
    assert SHOWN in _main(page) and page.locator(OUTSIDE).count() == 0


def test_an_unprotected_app_creates_no_link_and_opens_none(open_app, page):
    s, token = open_app
    page.goto(f"{s.url}/sharing?lang=en")
    ready(page)
    page.get_by_text("Share links need an owner password first").wait_for()
    assert "python -m promo hash-password" in _main(page) and "PROMO_OWNER_PASSWORD_HASH" in _main(page)
    assert page.get_by_role("button", name="Create link").count() == 0
    assert page.get_by_text("Not protected: no owner password. Only this computer").count() == 1  # the sidebar
    page.goto(f"{s.url}/?share={token}")
    ready(page)
    page.get_by_text("Share links work only while the app is protected by an owner password").wait_for()
    assert page.locator('[data-testid="stPlotlyChart"], [role=radiogroup]').count() == 0


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_owner_creates_a_link_on_the_public_address_and_the_partner_stays_in_it(clean, browser, page, lang):
    page.goto(f"{clean.url}/sharing?lang={lang}")
    ready(page)
    password = {"en": "Owner password", "zh": "所有者密码"}[lang]
    page.get_by_label(password).fill(PASSWORD)
    page.get_by_label(password).press("Enter")
    page.get_by_role("button", name={"en": "Create link", "zh": "生成链接"}[lang]).wait_for()
    ready(page)
    page.get_by_label({"en": "Partner name", "zh": "合作方名称"}[lang], exact=True).fill("Dairy shop")
    page.locator('[data-testid="stMultiSelect"]').first.click()
    for number in ("(#1)", "(#7)"):  # scenarios 1 and 7, typed and picked
        page.keyboard.type(number)
        page.get_by_role("option", name=number).click()
    page.keyboard.press("Escape")
    page.get_by_role("button", name={"en": "Create link", "zh": "生成链接"}[lang]).click()
    code = page.locator('[data-testid="stCode"]')
    code.wait_for()
    ready(page)
    link = code.inner_text().strip()
    assert link.startswith("https://promo.example.com/?share=") and len(link.split("=")[1]) == 43
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"sharing_{lang}.png"))  # the README's picture of the Sharing page
    partner = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    partner.goto(link.replace("https://promo.example.com", clean.url))  # the proxy's job, here
    ready(partner)
    partner.locator('[data-testid="stMetric"]').first.wait_for()
    for path in ("simulator", "sharing", "data"):
        partner.goto(f"{clean.url}/{path}")
        ready(partner)
        partner.get_by_label("所有者密码").or_(partner.get_by_label("Owner password")).wait_for()  # only the login
        assert (partner.get_by_role("slider").count() == 0
                and partner.locator('[data-testid="stDataFrame"]').count() == 0)
    partner.context.close()
