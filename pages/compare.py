"""Compare saved scenarios: ROI with ranges, cost against profit, which type suits which segment."""
import json

import pandas as pd
import streamlit as st

import ui
from promo import TYPES, InputError, charts, compare_matrix, make_segment, store
from promo.sharing import reports
from ui import downloads

lang, T = ui.lang(), ui.T


@st.cache_data(show_spinner=False, max_entries=16)
def matrix(segments_json: str):
    return compare_matrix(tuple(make_segment(d) for d in json.loads(segments_json)), draws=2000, seed=7)


st.title(":material/bar_chart: " + T("page.compare"))
scenarios = store.list_scenarios(ui.con())
if not scenarios:
    st.info(T("cmp.none"))
    st.page_link("pages/simulator.py", label=T("ov.go_simulator"), icon=":material/calculate:")
    st.stop()

by_id = {s["id"]: s for s in scenarios}
label = lambda i: f"{by_id[i]['name']} (#{i})"  # noqa: E731
chosen = st.multiselect(T("cmp.choose"), list(by_id), default=list(by_id), format_func=label, key="cmp_selected",
                        placeholder=T("app.choose"))
rows = [{"id": i, "name": by_id[i]["name"], "type": by_id[i]["type"], "roi": by_id[i]["summary"]["roi"],
         "profit": by_id[i]["summary"]["profit"], "cost": by_id[i]["summary"]["cost"],
         "participants": by_id[i]["summary"]["participants"], "prob_loss": by_id[i]["summary"]["prob_loss"],
         "segments": by_id[i]["campaign"]["segments"], "updated": by_id[i]["updated"]} for i in chosen]

if rows:
    c1, c2 = st.columns(2)
    with c1:
        ui.chart(charts.roi_bars(rows, lang), key="chart_roi")
    with c2:
        ui.chart(charts.cost_profit_bubbles(rows, lang, ui.cur()), key="chart_bubbles")
    seg_names = {s.key: s.name(lang) for s in ui.segments()}
    table = pd.DataFrame({
        T("cmp.col.name"): [r["name"] for r in rows],
        T("cmp.col.type"): [TYPES[r["type"]].name(lang) for r in rows],
        T("cmp.col.segments"): [" + ".join(seg_names.get(s, s) for s in r["segments"]) for r in rows],
        T("cmp.col.profit", cur=ui.cur()): [round(r["profit"]["mean"]) for r in rows],
        T("cmp.col.p10", cur=ui.cur()): [round(r["profit"]["p10"]) for r in rows],
        T("cmp.col.p90", cur=ui.cur()): [round(r["profit"]["p90"]) for r in rows],
        T("cmp.col.roi"): [round(r["roi"]["mean"], 2) for r in rows],
        T("cmp.col.loss"): [round(r["prob_loss"], 3) for r in rows],
        T("cmp.col.cost", cur=ui.cur()): [round(r["cost"]["mean"]) for r in rows],
        T("cmp.col.participants"): [round(r["participants"]) for r in rows],
    })
    whole = st.column_config.NumberColumn(format="%,d")  # money and people with thousands separators
    st.dataframe(table, hide_index=True, key="cmp_table", column_config={
        **{T(k, cur=ui.cur()): whole for k in ("cmp.col.profit", "cmp.col.p10", "cmp.col.p90", "cmp.col.cost",
                                               "cmp.col.participants")},
        T("cmp.col.roi"): st.column_config.NumberColumn(format="%.2f"),
        T("cmp.col.loss"): st.column_config.NumberColumn(format="percent")})
    st.download_button(T("cmp.download"), reports.csv_text(table), "scenarios.csv", "text/csv",
                       key="cmp_download", icon=":material/download:")
    downloads.compare_panel([by_id[i] for i in chosen])
else:
    st.info(T("cmp.pick"))

with st.expander(T("cmp.manage")):
    m1, m2 = st.columns(2)
    with m1:
        target = st.selectbox(T("cmp.rename_which"), list(by_id), format_func=label, key="cmp_rename_id")
        new_name = st.text_input(T("cmp.new_name"), value=by_id[target]["name"], max_chars=120, key="cmp_new_name")
        if st.button(T("cmp.rename"), key="cmp_rename_button"):
            try:
                store.rename_scenario(ui.con(), target, new_name)
                st.rerun()
            except InputError as e:
                ui.error(e)
    with m2:
        victim = st.selectbox(T("cmp.delete_which"), list(by_id), format_func=label, key="cmp_delete_id")
        sure = st.checkbox(T("cmp.delete_confirm"), key="cmp_delete_confirm")
        if st.button(T("cmp.delete"), key="cmp_delete_button", disabled=not sure):
            store.delete_scenario(ui.con(), victim)
            st.rerun()

st.markdown(f"### {T('cmp.matrix')}")
st.caption(T("cmp.matrix_note"))
segments = ui.segments()
with st.spinner(T("cmp.matrix_wait")):
    cells = matrix(json.dumps([s.to_dict() for s in segments], ensure_ascii=False))
ui.chart(charts.roi_heatmap(cells, segments, lang), key="chart_heatmap")
