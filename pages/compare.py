"""Compare saved scenarios: which one to run for a goal and why, ROI with ranges, cost against profit, a table to
download, and which promotion type suits which segment.

Guard (saved scenarios exist) → inputs (which scenarios, the goal) → one core call (``decision.rank``) → render.
"""
import json

import pandas as pd
import streamlit as st

import ui
from promo import TYPES, InputError, charts, compare_matrix, make_segment, store
from promo.planning import decision
from promo.sharing import reports
from ui import downloads

lang, T = ui.lang(), ui.T


class Keys:
    """Session-state keys of this page (its widgets')."""

    SELECTED, GOAL, BUDGET = "cmp_selected", "cmp_goal", "cmp_budget"
    RENAME_ID, NEW_NAME, DELETE_ID, DELETE_SURE = "cmp_rename_id", "cmp_new_name", "cmp_delete_id", "cmp_delete_confirm"
    RENAMED = "cmp_renamed"  # (message, name asked, name given) of the last rename, shown after its rerun


NEWEST = 3  # scenarios chosen when the page opens: the most recently saved
DEFAULT_BUDGET = 50_000.0


@st.cache_data(show_spinner=False, max_entries=16)
def matrix(segments_json: str):
    return compare_matrix(tuple(make_segment(d) for d in json.loads(segments_json)), draws=2000, seed=7)


# --- guard ---------------------------------------------------------------------------------------------------
st.title(":material/bar_chart: " + T("page.compare"))
scenarios = store.list_scenarios(ui.con())
if not scenarios:
    st.info(T("cmp.none"))
    st.page_link("pages/simulator.py", label=T("ov.go_simulator"), icon=":material/calculate:")
    st.stop()
by_id = {s["id"]: s for s in scenarios}
label = {i: f"{s['name']} (#{i})" for i, s in by_id.items()}.get

# --- inputs --------------------------------------------------------------------------------------------------
ss = st.session_state
newest = sorted(by_id, key=lambda i: (by_id[i]["updated"], i), reverse=True)[:NEWEST]
ss[Keys.SELECTED] = [i for i in ss.get(Keys.SELECTED, newest) if i in by_id]  # a deleted one drops out
chosen = st.multiselect(T("cmp.choose"), list(by_id), format_func=label, key=Keys.SELECTED, placeholder=T("app.choose"),
                        help=T("cmp.choose_help", n=NEWEST))
c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
goal = c1.segmented_control(T("dec.goal"), decision.GOALS, key=Keys.GOAL, default="profit", required=True,
                            format_func={g: T(f"dec.goal.{g}") for g in decision.GOALS}.get)
budget = c2.number_input(T("cmp.budget", cur=ui.cur()), min_value=0.0, step=5000.0, value=DEFAULT_BUDGET,
                         key=Keys.BUDGET, format="%.0f", disabled=goal != "participants", help=T("cmp.budget_help"))

# --- the core call: rank the chosen scenarios by the goal ------------------------------------------------------
ranking = decision.rank([decision.option(by_id[i]) for i in chosen], goal, budget if goal == "participants" else None)

# --- render --------------------------------------------------------------------------------------------------
if not chosen:
    st.info(T("cmp.pick"))
else:
    st.success(ui.plain(decision.recommendation(ranking, lang, ui.cur())), icon=":material/recommend:")
    rank_of = {o.id: n for n, o in enumerate(ranking.ranked, 1)}
    rows = [by_id[o.id] for o in (*ranking.ranked, *ranking.over_budget)]
    seg_names = {s.key: s.name(lang) for s in ui.segments()}
    table = pd.DataFrame({
        T("cmp.col.rank"): [ui.count(rank_of[r["id"]]) if r["id"] in rank_of else T("cmp.over_budget") for r in rows],
        T("cmp.col.name"): [r["name"] for r in rows],
        T("cmp.col.type"): [TYPES[r["type"]].name(lang) for r in rows],
        T("cmp.col.segments"): [" + ".join(seg_names.get(s, s) for s in r["campaign"]["segments"]) for r in rows],
        T("cmp.col.profit", cur=ui.cur()): [ui.money(r["summary"]["profit"]["mean"]) for r in rows],
        T("cmp.col.p10", cur=ui.cur()): [ui.money(r["summary"]["profit"]["p10"]) for r in rows],
        T("cmp.col.roi"): [ui.ratio(decision.option(r).roi) for r in rows],
        T("cmp.col.loss"): [ui.prob(r["summary"]["prob_loss"]) for r in rows],
        T("cmp.col.cost", cur=ui.cur()): [ui.money(r["summary"]["cost"]["mean"]) for r in rows],
        T("cmp.col.participants"): [ui.count(r["summary"]["participants"]) for r in rows]})
    st.dataframe(table, hide_index=True, key="cmp_table")
    chart_rows = [{"id": r["id"], "name": r["name"], "type": r["type"], **{k: r["summary"][k] for k in
                   ("roi", "profit", "cost", "participants", "prob_loss")}} for r in rows]
    left, right = st.columns(2)
    with left:
        ui.chart(charts.roi_bars(chart_rows, lang), key="chart_roi")
    with right:
        ui.chart(charts.cost_profit_bubbles(chart_rows, lang, ui.cur()), key="chart_bubbles")
    csv = pd.DataFrame([{"id": r["id"], "name": r["name"], "type": r["type"], "profit": r["summary"]["profit"]["mean"],
                         "profit_p10": r["summary"]["profit"]["p10"], "profit_p90": r["summary"]["profit"]["p90"],
                         "roi": decision.option(r).roi, "prob_loss": r["summary"]["prob_loss"],
                         "cost": r["summary"]["cost"]["mean"], "participants": r["summary"]["participants"]}
                        for r in rows])
    st.download_button(T("cmp.download"), reports.csv_text(csv),
                       ui.file_name(T("share.comparison"), "csv"), "text/csv", key="cmp_download",
                       icon=":material/download:")
    downloads.compare_panel(rows)

with st.expander(T("cmp.manage"), expanded=Keys.RENAMED in ss):
    if Keys.RENAMED in ss:
        ui.saved_note(*ss.pop(Keys.RENAMED))
    m1, m2 = st.columns(2)
    with m1:
        target = st.selectbox(T("cmp.rename_which"), list(by_id), format_func=label, key=Keys.RENAME_ID)
        new_name = st.text_input(T("cmp.new_name"), value=by_id[target]["name"], max_chars=120, key=Keys.NEW_NAME)
        if st.button(T("cmp.rename"), key="cmp_rename_button"):
            try:
                given = store.rename_scenario(ui.con(), target, new_name)
                ss[Keys.RENAMED] = (T("cmp.renamed", id=target), new_name.strip(), given)
                st.rerun()
            except InputError as e:
                ui.error(e)
    with m2:
        victim = st.selectbox(T("cmp.delete_which"), list(by_id), format_func=label, key=Keys.DELETE_ID)
        sure = st.checkbox(T("cmp.delete_confirm"), key=Keys.DELETE_SURE)
        if st.button(T("cmp.delete"), key="cmp_delete_button", disabled=not sure):
            store.delete_scenario(ui.con(), victim)
            st.rerun()

st.markdown(f"### {T('cmp.matrix')}")
st.caption(T("cmp.matrix_note"))
segments = ui.segments()
with st.spinner(T("cmp.matrix_wait")):
    cells = matrix(json.dumps([s.to_dict() for s in segments], ensure_ascii=False))
ui.chart(charts.roi_heatmap(cells, segments, lang), key="chart_heatmap")
