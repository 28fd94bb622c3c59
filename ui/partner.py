"""Partner view: what a share link shows, read-only — the shared items' KPIs, charts and assumptions, nothing else.

A page script that ``access.gate`` runs for a share link (``st.Page("ui/partner.py")``), not a page of the menu.
Items come only from the link's stored list; no query parameter or path selects anything here.
Every user text (names) is escaped before it reaches Markdown (``ui.plain``).
"""
import streamlit as st

import ui
from promo import InputError, TYPES, store
from promo.sharing import views
from ui import access, downloads

lang, T = ui.lang(), ui.T


def value(v, kind: str) -> str:
    """A figure by its kind (promo.fmt); text (choice names) escaped for Markdown."""
    return ui.plain(v) if kind == "text" else ui.value(v, kind)


def kpis(view) -> None:
    rows = views.kpi_rows(view)
    for col, k in zip(st.columns(len(rows)), rows, strict=True):
        spread = (f"P10 {value(k['p10'], k['kind'])} · P90 {value(k['p90'], k['kind'])}" if k["p10"] is not None
                  else None)
        if k["kind"] == "ratio" and k["mean"] is None:
            spread = ui.roi_note()
        col.metric(T(k["key"]), value(k["mean"], k["kind"]), help=spread)


def scenario_tab(v: views.ScenarioView) -> None:
    names = {s.key: s.name(lang) for s in v.segments}
    st.caption(f"{TYPES[v.campaign.type].name(lang)} · "
               f"{' + '.join(ui.plain(names.get(k, k)) for k in v.campaign.segments)}")
    kpis(v)
    for w in views.warning_texts(v, lang, ui.cur()):
        st.warning(w, icon=":material/warning:")
    figs = views.scenario_figures(v, lang, ui.cur())
    c1, c2 = st.columns(2)
    with c1:
        ui.chart(figs["waterfall"], key=f"share_s{v.id}_waterfall")
    with c2:
        ui.chart(figs["distribution"], key=f"share_s{v.id}_distribution")
    ui.chart(figs["tornado"], key=f"share_s{v.id}_tornado")
    split = views.partner_rows(v, lang)
    if split:
        st.markdown(f"#### {T('sim.partner')}")
        st.table({T("sim.party"): [p["party"] for p in split], T("kpi.cost"): [ui.money(p["cost"]) for p in split],
                  T("sim.benefit"): [ui.money(p["benefit"]) for p in split],
                  T("kpi.profit"): [ui.money(p["profit"]) for p in split]}, hide_index=True)
    a1, a2 = st.columns(2)
    with a1:
        st.markdown(f"#### {T('share.assumptions')}")
        rows = views.assumption_rows(v, lang, ui.cur())
        st.table({T("share.col.input"): [r["label"] for r in rows],
                  T("share.col.value"): [value(r["value"], r["kind"]) for r in rows],
                  T("share.col.unit"): [r["unit"] for r in rows]}, hide_index=True)
    with a2:
        st.markdown(f"#### {T('share.costs')}")
        rows = views.cost_rows(v, lang)
        st.table({T("share.col.input"): [r["label"] for r in rows],
                  T("share.col.value"): [ui.money(r["value"]) for r in rows]}, hide_index=True)


def plan_tab(v: views.PlanView) -> None:
    kpis(v)
    for name, fig in views.plan_figures(v, lang, ui.cur()).items():
        ui.chart(fig, key=f"share_p{v.id}_{name}")
    rows = views.plan_item_rows(v, lang, ui.cur())
    st.table({T("plan.item"): [ui.plain(r["item"]) for r in rows],
              T("share.xl.key_params"): [ui.plain(r["params"]) for r in rows],
              T("plan.weeks"): [f"{r['start_week']}–{r['end_week']}" for r in rows],
              T("plan.cost"): [ui.money(r["cost"]) for r in rows],
              T("plan.profit"): [ui.money(r["profit"]) for r in rows]},
             hide_index=True)


share = access.current_share()
if share is None:
    st.info(access.invalid_message())
    st.stop()
if st.session_state.get("_share_counted") != share["id"]:
    store.record_open(ui.con(), share["id"])
    st.session_state["_share_counted"] = share["id"]

con = ui.con()
scen_records = [r for kind, i in share["items"] if kind == "scenario" and (r := store.get_scenario(con, i))]
plan_records = [r for kind, i in share["items"] if kind == "plan" and (r := store.get_plan(con, i))]
business = ui.settings()["business_name"] or T("app.title")
st.title(":material/visibility: " + T("share.title"))
st.caption(T("share.for", business=ui.plain(business), partner=ui.plain(share["partner"]),
             expires=share["expires"].strftime("%Y-%m-%d")))
try:
    scenarios, plans = downloads.scenario_views(scen_records), downloads.plan_views(plan_records)
except InputError as e:
    ui.error(e)
    st.stop()
if not scenarios and not plans:
    st.info(T("share.gone"))
    st.stop()

def comparison_tab() -> None:
    figs = views.comparison_figures(scenarios, lang, ui.cur())
    c1, c2 = st.columns(2)
    with c1:
        ui.chart(figs["roi"], key="share_cmp_roi")
    with c2:
        ui.chart(figs["bubbles"], key="share_cmp_bubbles")


def unique(labels: list[str]) -> list[str]:
    """Item labels must differ: a repeated name gets its position."""
    return [f"{x} ({i + 1})" if labels.count(x) > 1 else x for i, x in enumerate(labels)]


# one choice per item, the comparison last; only the chosen item is drawn, so opening the link and each switch
# cost one item's charts. The choice is an index into the link's own list: no value can name anything else.
shown = [(ui.plain(v.name), lambda v=v: scenario_tab(v)) for v in scenarios] + \
        [(ui.plain(v.name), lambda v=v: plan_tab(v)) for v in plans] + \
        ([(T("share.comparison"), comparison_tab)] if len(scenarios) > 1 else [])
labels = unique([label for label, _ in shown])
if len(shown) > 1:
    if st.session_state.get("share_item") not in range(len(shown)):  # first run, or a shorter link in this session
        st.session_state["share_item"] = 0
    chosen = st.segmented_control(T("share.item"), range(len(shown)), format_func=labels.__getitem__,
                                  key="share_item", required=True, label_visibility="collapsed")
else:
    chosen = 0
st.subheader(labels[chosen])
shown[chosen][1]()
st.divider()
downloads.reports_panel(scenarios, plans, what=share["partner"], key="share_dl")
