"""AppTest: owner login (password, OIDC), the unprotected note, creating and revoking links, the partner view."""
import pytest

import ui
from promo import store
from promo.customers import demo
from promo.i18n import t
from promo.sharing import auth, links
from ui import access
from tests.app.conftest import shown, widgets
from tests.sharing.conftest import PARTNER_WIDGETS, PASSWORD

OIDC = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "s" * 32, "client_id": "id",
        "client_secret": "secret", "server_metadata_url": "https://id.example.com/.well-known/openid-configuration",
        "owner_emails": ["boss@example.com"]}


def items(at) -> list[str]:
    """The partner view's item choice (absent when the link holds one item)."""
    return [o for b in at.button_group if b.key == "share_item" for o in b.options]


def login(at, password: str):
    at.text_input(key="auth_password").input(password)
    at.get("form_submit_button")[0].click()
    return at.run()


def test_unprotected_app_says_so_and_creates_no_link(run, db_path):
    at = run(lang="en")
    assert [w.value for w in at.sidebar.warning] == [t("share.status.local", "en", address=ui.plain("127.0.0.1"))]
    assert at.sidebar.warning[0].value == "Not protected: no owner password. Only this computer can open the app " \
                                          "(127\\.0\\.0\\.1)."
    at.switch_page("pages/sharing.py").run()
    assert at.title[0].value.endswith("Share with partners")
    assert [w.value for w in at.main.warning] == [t("share.need_password", "en")]
    assert "python -m promo hash-password" in at.main.warning[0].value
    assert "PROMO_OWNER_PASSWORD_HASH" in at.main.warning[0].value
    assert widgets(at) == {"radio": ["lang"]} and not at.get("form_submit_button")  # no form, no link
    assert store.list_shares(store.connect(db_path)) == []


def test_protected_app_shows_only_the_login_until_the_password_is_right(run, protected):
    at = run(lang="en")
    assert at.title[0].value.endswith("Log in")
    assert not at.sidebar.warning and not at.error
    with pytest.raises(ValueError, match="Known pages"):
        at.switch_page("pages/simulator.py")  # the editing pages are not even registered
    login(at, "wrong password")
    assert [e.value for e in at.sidebar.error] == ["Wrong password."]
    assert at.title[0].value.endswith("Log in")
    login(at, protected)
    assert not at.exception and "Log in" not in at.title[0].value
    assert "auth_password" not in at.session_state or at.session_state["auth_password"] == ""
    at.switch_page("pages/simulator.py").run()
    assert at.title[0].value.endswith("Simulator")
    at.button(key="auth_logout").click().run()
    assert at.title[0].value.endswith("Log in")


def test_repeated_wrong_passwords_are_slowed_down(run, protected, monkeypatch):
    throttle = auth.Throttle(per_second=1e9, burst=10**9)  # no ration
    monkeypatch.setattr(access, "throttle", lambda: throttle)
    at = run(lang="en")
    for _ in range(5):
        login(at, "guess")
        assert [e.value for e in at.sidebar.error] == ["Wrong password."]
    login(at, "guess")
    assert "try again in" in at.sidebar.error[0].value
    login(at, PASSWORD)  # even the right password waits its turn
    assert "try again in" in at.sidebar.error[0].value and at.title[0].value.endswith("Log in")


def test_oidc_owner_by_email(run):
    at = run(lang="en", secrets={"auth": OIDC}, user={"is_logged_in": False})
    assert at.title[0].value.endswith("Log in")
    assert "auth_oidc_default" in widgets(at)["button"]
    owner = run(lang="en", secrets={"auth": OIDC}, user={"is_logged_in": True, "email": "Boss@example.com"})
    assert "Log in" not in owner.title[0].value
    assert [s.value for s in owner.sidebar.success] == ["Protected by single sign-on  \nLogged in: " +
                                                        ui.plain("boss@example.com")]
    stranger = run(lang="en", secrets={"auth": OIDC}, user={"is_logged_in": True, "email": "eve@example.com"})
    assert stranger.title[0].value.endswith("Log in")
    assert stranger.sidebar.warning[0].value == f"The account {ui.plain('eve@example.com')} is not this app's owner."


def test_create_link_then_it_opens_and_counts(run, owner, db_path, monkeypatch):
    monkeypatch.setenv(links.ENV_URL, "https://promo.example.com/")
    at = owner("pages/sharing.py")
    assert at.caption[1].value == t("share.url.base", "en", url=ui.plain("https://promo.example.com"),
                                    source=ui.plain(t("share.url.source.env", "en")))
    at.multiselect(key="share_scenarios").set_value([1, 7])
    at.text_input(key="share_partner").input("Dairy shop")
    at.selectbox(key="share_lang").set_value("zh")
    at.get("form_submit_button")[0].click()
    at.run()
    assert not at.error, [e.value for e in at.error]
    link = at.code[0].value
    assert link.startswith("https://promo.example.com/?share=")
    token = link.split("?share=")[1]
    assert len(token) == 43
    share = store.find_share(store.connect(db_path), token)
    assert share["items"] == [("scenario", 1), ("scenario", 7)] and share["lang"] == "zh"
    partner = run(share=token)
    assert partner.title[0].value.endswith(t("share.title", "zh"))  # the link's language
    again = run(share=token)
    assert items(again)[-1] == t("share.comparison", "zh")
    at.run()
    row = at.dataframe[0].value.iloc[0]
    assert row["Opens"] == 2 and row["Partner"] == "Dairy shop" and row["Status"] == "Active"
    assert at.code == [] or token not in " ".join(c.value for c in at.code)  # shown once only


def test_revoke_from_the_list_stops_the_link_at_once(run, owner, shared, db_path):
    sid, token = shared
    partner = run(share=token)
    assert len(items(partner)) == 3
    owner = owner("pages/sharing.py")
    owner.selectbox(key="share_revoke_id").set_value(sid)
    owner.button(key="share_revoke").click().run()
    assert owner.dataframe[0].value.iloc[0]["Status"] == "Revoked"
    partner.run()  # the open partner page's next rerun
    assert [i.value for i in partner.info] == [access.invalid_message()]
    assert len(partner.button_group) == 0 and len(partner.metric) == 0


def test_partner_view_shows_only_the_shared_items_read_only(run, shared, db_path):
    _sid, token = shared
    at = run(share=token)
    con = store.connect(db_path)
    shared_names = [store.get_scenario(con, i)["name"] for i in (1, 7)]
    others = [s["name"] for s in store.list_scenarios(con) if s["id"] not in (1, 7)]
    summary = store.get_scenario(con, 1)["summary"]
    con.close()
    assert items(at) == [*shared_names, "Comparison"]
    assert at.subheader[0].value == shared_names[0]
    # KPIs are the saved summary's numbers
    profit = summary["profit"]["mean"]
    assert at.metric[0].label == "Profit" and at.metric[0].value == ("-" if profit < 0 else "") + f"¥{abs(profit):,.0f}"
    assert widgets(at) == PARTNER_WIDGETS  # the switch, the item choice and the PNG button
    assert [b.key for b in at.get("download_button")] == ["share_dl_xlsx", "share_dl_html"]  # PNGs on their button
    assert len(at.get("page_link")) == 0 and len(at.get("plotly_chart")) == 3  # only the chosen item is drawn
    text = ""
    for chosen, charts in ((1, 3), (2, 2), (0, 3)):
        text += " ".join(str(e.value) for kind in ("markdown", "caption", "title", "subheader", "table", "metric")
                         for e in at.get(kind) if hasattr(e, "value"))
        text += " ".join(str(c.proto.spec) for c in at.get("plotly_chart"))
        if chosen == 2:  # the co-promotion (shown now) splits both parties' cost and benefit
            split = next(tb.value for tb in at.table if tb.value.columns[0] == "Party")
            assert split.iloc[:, 0].tolist() == ["Us", "Partner"]
            assert list(split.columns)[1:] == ["Cost", "Benefit (margin)", "Profit"]
        at.segmented_control(key="share_item").set_value(chosen).run()
        assert not at.exception and at.subheader[0].value == items(at)[chosen]
        assert len(at.get("plotly_chart")) == charts and at.radio(key="lang").value == "en"
    assert shared_names[1] in text and not any(name in text for name in others)


def test_partner_language_switch(run, shared):
    _sid, token = shared
    at = run(share=token)
    assert at.title[0].value.endswith("Promotion plans")
    at.radio(key="lang").set_value("zh").run()
    assert at.title[0].value.endswith(t("share.title", "zh")) and at.metric[0].label == t("kpi.profit", "zh")


def test_plans_can_be_shared(run, db_path, protected):
    from tests.sharing.conftest import save_demo_plan

    con = demo.open_or_create(db_path)
    pid = save_demo_plan(con, "Plan <i>2027</i>")
    _sid, token = store.create_share(con, "Agency", [("plan", pid), ("scenario", 2)], 7, "en")
    con.close()
    at = run(share=token)
    assert items(at) == [store.get_scenario(store.connect(db_path), 2)["name"], "Plan \\<i\\>2027\\</i\\>"]
    assert len(at.get("plotly_chart")) == 3
    at.segmented_control(key="share_item").set_value(1).run()
    assert len(at.get("plotly_chart")) == 2
    assert [m.label for m in at.metric] == ["Expected profit", "ROI", "Probability of a loss", "Expected cost"]
    items_table = next(tb.value for tb in at.table if tb.value.columns[0] == "Item")
    # items by name, not by id (spring-coupon, double-11); the names escaped for Markdown
    assert [shown(cell) for cell in items_table.iloc[:, 0]] == ["Coupon · Dormant · week 5 · Face value ¥10",
                                               "Discount · Active · week 45 · Discount depth 15%"]
    assert [shown(cell) for cell in items_table.iloc[:, 1]] == ["Face value ¥10 · Minimum spend ¥100",
                                                                 "Discount depth 15%"]


def test_sharing_page_widgets_are_keyed(owner):
    at = owner("pages/sharing.py", lang="zh")
    for kind, keys in widgets(at).items():
        assert all(keys), kind
