"""Bad input and attacks on share links and hosting: each refused with a plain message, nothing changed."""
import subprocess
import sys
from datetime import datetime

import pytest

from promo import store
from promo.customers import demo
from ui import access
from tests.app.conftest import APP
from tests.sharing.conftest import PARTNER_WIDGETS, save_demo_plan
from tests.app.conftest import widgets
from tests.sharing.test_pages import items


def _state(db_path):
    con = store.connect(db_path)
    try:
        return ([(s["id"], s["name"], s["summary"]) for s in store.list_scenarios(con)],
                [(s["id"], s["opens"], s["revoked"]) for s in store.list_shares(con)])
    finally:
        con.close()


def _refused(at):
    """Only the plain message: no widgets (not even the language switch), tabs, metrics or charts."""
    assert [i.value for i in at.info] == [access.invalid_message()]
    assert widgets(at) == {} and len(at.get("download_button")) == 0
    assert len(at.button_group) == 0 and len(at.metric) == 0 and len(at.get("plotly_chart")) == 0 and len(at.title) == 0


def test_random_token(run, shared, db_path):
    import secrets

    before = _state(db_path)
    _refused(run(share=secrets.token_urlsafe(32)))
    assert _state(db_path) == before


@pytest.mark.parametrize("cut", [1, 10, 42])
def test_truncated_token(run, shared, db_path, cut):
    _sid, token = shared
    before = _state(db_path)
    _refused(run(share=token[:cut]))
    assert _state(db_path) == before


@pytest.mark.parametrize("bad", ["", "' OR '1'='1", "<script>alert(1)</script>", "A" * 5000])
def test_garbage_token(run, shared, bad):
    _refused(run(share=bad))


def test_expired_link(run, db_path, protected):
    con = demo.open_or_create(db_path)
    _sid, token = store.create_share(con, "p", [("scenario", 1)], 1, "en", now=datetime(2020, 1, 1))
    con.close()
    _refused(run(share=token))


def test_revoked_link(run, shared, db_path):
    sid, token = shared
    con = store.connect(db_path)
    store.revoke_share(con, sid)
    con.close()
    before = _state(db_path)
    _refused(run(share=token))
    assert _state(db_path) == before


@pytest.mark.parametrize("extra", [{"page": "simulator"}, {"page": "sharing"}, {"scenario": "3"}, {"id": "2"},
                                   {"type": "coupon", "seg": "vip"}, {"share_items": "scenario:3"}])
def test_valid_link_with_other_query_params_shows_only_the_shared_items(run, shared, db_path, extra):
    _sid, token = shared
    at = run(share=token, **extra)
    con = store.connect(db_path)
    names = [store.get_scenario(con, i)["name"] for i in (1, 7)]
    con.close()
    assert items(at) == [*names, "Comparison"]
    assert widgets(at) == PARTNER_WIDGETS


@pytest.mark.parametrize("page", ["pages/simulator.py", "pages/sharing.py", "pages/compare.py", "pages/segments.py"])
def test_valid_link_cannot_reach_editing_pages(run, shared, page):
    _sid, token = shared
    at = run(share=token)
    with pytest.raises(ValueError, match=r"Known pages: \[('[^']*partner\.py'(, )?)+\]\."):
        at.switch_page(page)


def test_dropping_the_share_param_keeps_the_partner_view(run, shared):
    """Navigating drops query params; the session stays on its link instead of reaching the owner pages."""
    _sid, token = shared
    at = run(share=token)
    del at.query_params["share"]
    at.run()
    assert len(items(at)) == 3 and widgets(at) == PARTNER_WIDGETS


def test_a_second_link_in_the_same_session_starts_at_its_first_item(run, shared, db_path):
    """The item choice is an index into the current link's own list; a choice kept from a longer link reaches
    nothing."""
    _sid, token = shared
    con = store.connect(db_path)
    pid = save_demo_plan(con, "Plan 2027")
    _id, other = store.create_share(con, "Other", [("scenario", 2), ("plan", pid)], 7, "en")
    names = [store.get_scenario(con, 2)["name"], "Plan 2027"]
    con.close()
    at = run(share=token)
    at.segmented_control(key="share_item").set_value(2).run()
    assert at.subheader[0].value == "Comparison"
    at.query_params["share"] = other
    at.run()
    assert not at.exception and items(at) == names
    assert at.subheader[0].value == names[0] and len(at.get("plotly_chart")) == 3


def test_html_and_script_in_names_are_text(run, db_path, protected):
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>**bold** [link](javascript:alert(1))'
    con = demo.open_or_create(db_path)
    rec = store.get_scenario(con, 1)
    sid = store.save_scenario(con, evil, store.scenario_campaign(rec), rec["summary"])
    _id, token = store.create_share(con, evil, [("scenario", sid)], 7, "en")
    con.close()
    at = run(share=token)
    assert widgets(at) == {"radio": ["lang"], "button": ["share_dl_png_make"]}
    for element in [*at.markdown, *at.caption]:
        assert not element.proto.allow_html
    caption = at.caption[0].value
    assert "\\<script\\>" in caption and "\\*\\*bold\\*\\*" in caption and "\\[link\\]\\(javascript" in caption
    assert items(at) == [] and at.subheader[0].value.startswith("\\<script\\>")


def test_sql_in_names_is_stored_and_shown_verbatim(owner, db_path):
    sql = "Robert'); DROP TABLE scenarios; --"
    con = demo.open_or_create(db_path)
    rec = store.get_scenario(con, 2)
    sid = store.save_scenario(con, sql, store.scenario_campaign(rec), rec["summary"])
    store.create_share(con, sql, [("scenario", sid)], 7, "en")
    con.close()
    owner = owner("pages/sharing.py")
    assert owner.dataframe[0].value.iloc[0]["Partner"] == sql
    assert sql in owner.dataframe[0].value.iloc[0]["Items"]
    con = store.connect(db_path)
    assert store.get_scenario(con, sid)["name"] == sql and len(store.list_scenarios(con)) == 8
    con.close()


def test_oversized_upload_is_refused_by_the_server_config():
    """Streamlit refuses an upload above server.maxUploadSize before any page sees it: the import's 500 MB."""
    out = subprocess.run([sys.executable, "-c",
                          "from streamlit import config; config.get_config_options(force_reparse=True);"
                          "print(config.get_option('server.maxUploadSize'), "
                          "config.get_option('server.enableXsrfProtection'),"
                          "config.get_option('browser.gatherUsageStats'))"],
                         cwd=APP.rsplit("/", 1)[0], capture_output=True, text=True, check=True).stdout.split()
    from promo.customers import ingest

    assert out == [str(ingest.MAX_BYTES // 2**20), "True", "False"]
