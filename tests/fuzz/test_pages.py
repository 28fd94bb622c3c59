"""Fuzz through the pages: every import file uploaded on the Data page, every JSON file on the Calendar page and every
link URL of the corpus gives a message or the page it asks for — no exception box, no user text read as Markdown,
and the database unchanged (a valid link only counts its opening)."""
from urllib.parse import parse_qs, urlsplit

import pytest

import ui
from promo import store
from promo.customers import demo
from promo.sharing import auth
from tests.app.conftest import shown, widgets
from tests.app.test_text_is_text import leaks
from tests.fuzz import files
from tests.fuzz.test_cli import table_digest
from tests.sharing.conftest import PARTNER_WIDGETS

URLS = files.URLS.read_text(encoding="utf-8").splitlines()
PAGE_OF = {"": None, "overview": "pages/overview.py", **{p: f"pages/{p}.py" for p in (
    "simulator", "calendar", "data", "sharing", "settings", "compare", "segments", "library")}}


@pytest.fixture
def site(db_path):
    """The demo database with a link to scenarios 1 and 7; its digest before any visit."""
    con = demo.open_or_create(db_path)
    _id, token = store.create_share(con, "Dairy shop", [("scenario", 1), ("scenario", 7)], 7, "en")
    con.close()
    return token, table_digest(db_path)  # before the app opens the file


def without_opens(digest: dict) -> dict:
    return {t: v for t, v in digest.items() if t != "shares"}


def query(url: str, token: str) -> tuple[str, dict]:
    parts = urlsplit(url.replace("{token30}", token[:30]).replace("{token}", token))
    params = {k: v[0] if len(v) == 1 else v for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    return parts.path.strip("/"), params


@pytest.mark.slow
@pytest.mark.parametrize("url", URLS)
def test_a_typed_address_gets_its_page_or_a_message(app, site, db_path, monkeypatch, url):
    token, before = site
    path, params = query(url, token)
    if "share" in params:  # links live on a protected app
        monkeypatch.setenv(auth.ENV_HASH, auth.hash_password("owner password", log2_n=10))
    at = app(**params)
    if "share" not in params and PAGE_OF[path]:
        at.switch_page(PAGE_OF[path]).run()
    assert not at.exception, [e.value for e in at.exception]
    assert leaks(at) == []
    if "share" in params:
        valid = params["share"] == token
        assert ((len(at.info) == 0 and widgets(at) == PARTNER_WIDGETS) if valid
                else (len(at.info) == 1 and widgets(at) == {}))
        for page in ("pages/simulator.py", "pages/data.py", "pages/sharing.py"):
            with pytest.raises(ValueError, match="Known pages"):
                at.switch_page(page)
        after = table_digest(ui.con())
        assert (without_opens(after) if valid else after) == (without_opens(before) if valid else before)
    else:
        assert table_digest(ui.con()) == before


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(files.small_files()))
def test_an_import_file_gets_a_message_and_writes_nothing(app, db_path, name):
    at = app("pages/data.py", lang="en")
    before = table_digest(ui.con())
    at.file_uploader(key="data_tx_file").set_value((name, (files.CORPUS / name).read_bytes(), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.error, "every corpus file is refused or has blocking rows"
    assert all(b.disabled for b in at.button if b.key == "data_import")
    assert leaks(at) == [] and table_digest(ui.con()) == before


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(files.json_files()))
def test_a_plan_file_gets_a_message_and_changes_nothing(app, name):
    at = app("pages/calendar.py", lang="zh")
    plan = store.working_plan(ui.con())
    at.file_uploader(key="cal_import").set_value((name, (files.JSON / name).read_bytes(), "application/json")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("未导入" in shown(e.value) or "计划文件" in shown(e.value)
               for e in at.error), [e.value for e in at.error]
    assert store.working_plan(ui.con()) == plan and leaks(at) == []
