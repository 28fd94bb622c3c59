"""Share links use the configured public address (PROMO_PUBLIC_URL wins over the Business setting), never the owner's
own browser address; the Sharing page warns when the address is missing or points to this computer."""
import pytest

import ui
from promo import InputError, store
from promo.i18n import t
from promo.sharing import links
from tests.app.conftest import shown


@pytest.mark.parametrize("text, expected", [
    ("https://promo.example.com/", "https://promo.example.com"),
    ("  http://10.0.0.5:8501/promo ", "http://10.0.0.5:8501/promo"),
    ("", ""),
])
def test_a_public_address_is_normalised(text, expected):
    assert links.check_url(text) == expected


@pytest.mark.parametrize("text", ["promo.example.com", "javascript:alert(1)", "ftp://x.example", "https://x.example/?a=1",
                                  "https://x.example/#top", "https://user:pw@x.example", "https://x.example:99999",
                                  "https://exa mple.com"])
def test_anything_else_is_refused_with_an_example(text):
    with pytest.raises(InputError, match=r"is not a public address like https://promo.example.com|has a port"):
        links.check_url(text)


def test_the_environment_wins_and_local_or_missing_addresses_are_problems():
    assert links.public_base({"public_url": "https://a.example"}, {links.ENV_URL: "https://b.example/"}) == \
        ("https://b.example", "env")
    assert links.public_base({"public_url": "https://a.example"}, {}) == ("https://a.example", "setting")
    assert links.problem(*links.public_base({"public_url": ""}, {})) == "missing"
    assert links.problem(*links.public_base({}, {links.ENV_URL: "not a url"})) == "env_invalid"
    for local in ("http://localhost:8501", "http://127.0.0.1", "http://[::1]:8501", "http://127.1.2.3/x"):
        assert links.problem(local, "setting") == "local", local
    assert links.problem("https://promo.example.com", "setting") is None
    assert (links.share_link("https://promo.example.com/sub/", "T" * 43)
            == "https://promo.example.com/sub/?share=" + "T" * 43)


def test_settings_page_saves_the_public_address_and_refuses_a_bad_one(owner, db_path):
    at = owner("pages/settings.py")
    at.text_input(key="set_public_url").input("javascript:alert(1)")
    at.get("form_submit_button")[0].click()
    at.run()
    assert "is not a public address like https://promo.example.com" in shown(at.error[0].value)
    assert store.get_settings(store.connect(db_path))["public_url"] == ""
    at.text_input(key="set_public_url").input("https://promo.example.com/")
    at.get("form_submit_button")[0].click()
    at.run()
    assert store.get_settings(store.connect(db_path))["public_url"] == "https://promo.example.com"


@pytest.mark.parametrize("setting, env, warning", [
    ("", None, "share.url.missing"),
    ("http://localhost:8501", None, "share.url.local"),
    ("https://promo.example.com", "localhost:8501", "share.url.env_invalid"),
])
def test_sharing_page_warns_when_links_would_reach_nobody(owner, db_path, monkeypatch, setting, env, warning):
    con = store.connect(db_path)
    store.save_settings(con, public_url=setting)
    con.close()
    if env is not None:
        monkeypatch.setenv(links.ENV_URL, env)
    at = owner("pages/sharing.py")
    assert [w.value for w in at.main.warning] == [t(warning, "en", url=ui.plain(setting))]
    at.multiselect(key="share_scenarios").set_value([1])
    at.text_input(key="share_partner").input("Dairy shop")
    at.get("form_submit_button")[0].click()
    at.run()
    link = at.code[0].value
    assert link.startswith(("/?share=", "http://localhost:8501/?share=")) and len(link.split("=")[1]) == 43


def test_the_link_is_built_on_the_setting_not_on_the_browser_address(owner, db_path):
    con = store.connect(db_path)
    store.save_settings(con, public_url="https://plans.example.org/promo")
    con.close()
    at = owner("pages/sharing.py")
    assert not at.main.warning
    assert at.caption[1].value == t("share.url.base", "en", url=ui.plain("https://plans.example.org/promo"),
                                    source=ui.plain(t("share.url.source.setting", "en")))
    at.multiselect(key="share_scenarios").set_value([1, 2])
    at.text_input(key="share_partner").input("Agency")
    at.get("form_submit_button")[0].click()
    at.run()
    assert at.code[0].value.startswith("https://plans.example.org/promo/?share=")
