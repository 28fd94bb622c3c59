"""Data page, review tab: a past promotion (a campaign of the history, or a deal period of the log) against the
baseline of comparable weeks and against the simulator's prediction; the running record; a write-up to forward.

The write-up holds campaign ids and product names (the user's text): it is shown with ``st.text``.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from promo import InputError, charts, store
from promo.customers import review
from promo.sharing import reports

from . import state

T = ui.T
KINDS = ("campaign", "deal")


def _subject(con):
    """(kind, subject, week, scenario) chosen, or None when there is nothing of that kind to review."""
    kind = st.selectbox(T("review.kind"), KINDS, key=state.K.RV_KIND,  # labels bound now: AppTest calls them later
                        format_func={k: T(f"review.kind.{k}") for k in KINDS}.get)
    if kind == "campaign":
        ids = store.campaign_list(con)["campaign_id"].tolist()
        if not ids:
            st.info(T("data.ro.none"), icon=":material/info:")
            return None
        scenarios = {s["id"]: s["name"] for s in store.list_scenarios(con)}
        c1, c2 = st.columns(2)
        cid = c1.selectbox(T("data.ro.campaign"), ids, key=state.K.RV_CAMPAIGN)
        sid = c2.selectbox(T("review.scenario"), [None, *scenarios], key=state.K.RV_SCENARIO,
                           format_func={None: T("review.no_scenario"),
                                        **{i: f"{n} (#{i})" for i, n in scenarios.items()}}.get)
        return kind, cid, None, sid
    periods = state.deal_periods(state.version())
    if not periods:
        st.info(T("review.no_deals"), icon=":material/info:")
        return None
    labels = {i: f"{p['product']} · {p['start']} – {p['end']} · {p['depth']:.0%}" for i, p in enumerate(periods)}
    i = st.selectbox(T("review.deal"), list(labels), key=state.K.RV_DEAL, format_func=labels.get)
    return kind, periods[i]["product"], str(periods[i]["start"]), None


def _figures(r: dict) -> None:
    f = r["figures"]
    amount = (lambda v: ui.money(v)) if r["unit"] == "yuan" else (lambda v: T("review.units", n=ui.num(v)))
    m = st.columns(5)
    m[0].metric(T("review.xl.observed"), amount(f["observed"]))
    m[1].metric(T("review.xl.baseline"), amount(f["baseline"]))
    m[2].metric(T("review.xl.incremental"), amount(f["incremental"]), help=T("review.lift_help"),
                delta=ui.pct(f["lift"], 1) if f["lift"] is not None else None)
    m[3].metric(T("review.xl.dip"), amount(f["dip"]) if f["dip"] is not None else "—")
    m[4].metric(T("review.xl.net"), amount(f["net"]))


def _prediction(r: dict) -> None:
    p = r["prediction"]
    fmt = (lambda v: ui.pct(v, 1)) if p["metric"] == "sales_lift" else (lambda v: ui.num(v, 1))
    st.dataframe(pd.DataFrame([{
        T("review.xl.metric"): T(f"review.column.{p['metric']}"),
        "P10": fmt(p["p10"]) if p["p10"] is not None else "—", "P50": fmt(p["p50"]) if p["p50"] is not None else "—",
        "P90": fmt(p["p90"]) if p["p90"] is not None else "—",
        T("review.xl.actual"): fmt(p["actual"]) if p["actual"] is not None else "—",
        T("review.xl.within"): "—" if p["within"] is None else T("data.yes" if p["within"] else "data.no")}]),
        hide_index=True, key="data_rv_prediction")


def _history(con, history: list[dict], record: dict) -> None:
    if not history:
        return
    st.markdown(f"#### {T('review.history')}")
    st.caption(T("review.record", **record))
    st.dataframe(pd.DataFrame({
        "#": [h["id"] for h in history], T("review.xl.subject"): [h["subject"] for h in history],
        T("review.xl.start"): [state.day(h["start"]) for h in history],
        T("review.xl.metric"): [T(f"review.column.{h['metric']}") for h in history],
        "P10": [ui.num(h["p10"], 2) for h in history], "P90": [ui.num(h["p90"], 2) for h in history],
        T("review.xl.actual"): [ui.num(h["actual"], 2) for h in history]}), hide_index=True, key="data_rv_history")


def render(con, summary: dict) -> None:
    state.flash("review")
    st.caption(T("review.intro"))
    if not summary["rows"]:
        st.info(T("data.seg.none"), icon=":material/info:")
        return
    chosen = _subject(con)
    if chosen is None:
        return
    try:
        r = state.review_of(state.version(), *chosen)
    except InputError as e:
        ui.error(e)
        return
    history = store.review_history(con)
    record = review.track_record(history)
    _figures(r)
    ui.chart(charts.review_weeks(r, ui.lang(), ui.cur()), key="chart_data_review")
    _prediction(r)
    obj = review.Review(**r)
    lines = {k: review.writeup(obj, record, k, ui.cur()) for k in ("zh", "en")}
    st.markdown(f"#### {T('review.writeup')}")
    c1, c2 = st.columns(2)
    c1.text("\n".join(lines["zh"]))
    c2.text("\n".join(lines["en"]))
    b1, b2, _ = st.columns([1, 1, 2])
    if b1.button(T("review.save"), key=state.K.RV_SAVE, icon=":material/bookmark_add:", help=T("review.save_help")):
        rid = store.save_review(con, r)
        state.wrote("review", T("review.saved", id=rid))
    b2.download_button(T("review.excel"), reports.review_excel(r, lines, history, record, ui.lang(), ui.cur()),
                       ui.file_name(f"{T('data.tab.review')} {r['subject']}", "xlsx"),
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key=state.K.RV_EXCEL, icon=":material/table:", on_click="ignore")
    _history(con, history, record)
