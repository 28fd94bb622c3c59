"""Share with partners: create a read-only link to chosen scenarios and plans, see every link's use, revoke one.

Links need the owner protection (without it a partner could open every other page) and are built on the configured
public address, never on the address of the owner's own browser (often localhost, which reaches nobody)."""
import streamlit as st

import ui
from promo import InputError, store
from promo.sharing import links
from ui import access

lang, T = ui.lang(), ui.T
NEW_LINK_KEY = "_share_new_link"  # shown once, right after creation

st.title(":material/share: " + T("page.sharing"))
st.caption(T("share.intro"))
if not access.settings().protected:
    st.warning(T("share.need_password"), icon=":material/lock_open:")
    st.stop()
base, source = links.public_base(ui.settings())
url_problem = links.problem(base, source)
if url_problem:
    st.warning(ui.md(f"share.url.{url_problem}", url=base), icon=":material/public_off:")
else:
    st.caption(ui.md("share.url.base", url=base, source=T(f"share.url.source.{source}")))
con = ui.con()
scenarios = {s["id"]: s["name"] for s in store.list_scenarios(con)}
plans = {p["id"]: p["name"] for p in store.list_plans(con)}
if not scenarios and not plans:
    st.info(T("share.nothing"))
    st.stop()

with st.form("share_form", border=True):
    chosen_s = st.multiselect(T("share.scenarios"), list(scenarios), format_func=lambda i: f"{scenarios[i]} (#{i})",
                              key="share_scenarios", placeholder=T("app.choose"))
    chosen_p = st.multiselect(T("share.plans"), list(plans), format_func=lambda i: f"{plans[i]} (#{i})",
                              key="share_plans", placeholder=T("app.choose")) if plans else []
    c1, c2, c3 = st.columns([3, 1, 1])
    partner = c1.text_input(T("share.partner"), max_chars=120, key="share_partner", help=T("share.partner_help"))
    days = c2.number_input(T("share.days"), min_value=1, max_value=store.shares.MAX_DAYS, value=14, step=1,
                           key="share_days")
    link_lang = c3.selectbox(T("share.lang"), list(ui.LANG_LABELS), index=list(ui.LANG_LABELS).index(lang),
                             format_func=ui.LANG_LABELS.get, key="share_lang")
    if st.form_submit_button(T("share.create"), type="primary", icon=":material/add_link:"):
        try:
            items = [("scenario", i) for i in chosen_s] + [("plan", i) for i in chosen_p]
            _id, token = store.create_share(con, partner, items, int(days), link_lang)
            st.session_state[NEW_LINK_KEY] = links.share_link(base, token)
        except InputError as e:
            ui.error(e)

new_link = st.session_state.pop(NEW_LINK_KEY, None)
if new_link:
    st.success(T("share.created"), icon=":material/link:")
    st.code(new_link, language=None)

st.markdown(f"### {T('share.links')}")
links = store.list_shares(con)
if not links:
    st.info(T("share.none"))
    st.stop()


def item_names(share: dict) -> str:
    names = {"scenario": scenarios, "plan": plans}
    return " · ".join(f"{T('share.kind.' + k)} {names[k].get(i, f'#{i}')}" for k, i in share["items"])


when = lambda d: d.strftime("%Y-%m-%d %H:%M") if d else "—"
st.dataframe({T("share.col.id"): [s["id"] for s in links], T("share.col.partner"): [s["partner"] for s in links],
              T("share.col.items"): [item_names(s) for s in links],
              T("share.col.lang"): [ui.LANG_LABELS[s["lang"]] for s in links],
              T("share.col.status"): [T("share.status." + store.share_status(s)) for s in links],
              T("share.col.expires"): [when(s["expires"]) for s in links],
              T("share.col.last_opened"): [when(s["last_opened"]) for s in links],
              T("share.col.opens"): [s["opens"] for s in links]}, hide_index=True, key="share_table")
active = {s["id"]: s["partner"] for s in links if store.share_status(s) == "active"}
if active:
    r1, r2 = st.columns([3, 1], vertical_alignment="bottom")
    victim = r1.selectbox(T("share.revoke_which"), list(active), format_func=lambda i: f"#{i} · {active[i]}",
                          key="share_revoke_id")
    if r2.button(T("share.revoke"), key="share_revoke", icon=":material/link_off:", width="stretch"):
        store.revoke_share(con, victim)
        st.toast(T("share.revoked", id=victim))
        st.rerun()
