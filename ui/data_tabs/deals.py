"""Data page, deal effects tab: what the log's own price promotions did (``customers.deals``), for all products or
by category, store or segment, next to the model's default; the simulator offers the same figures.

Product, category and store names are the user's text: they are shown in tables, never as Markdown.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from promo import TYPES, InputError, charts
from promo.customers import deals

from . import state

T = ui.T
BY = (None, "category", "store", "segment")


def _num(v, digits=2) -> str:
    return "—" if v is None else ui.num(v, digits)


def _pct(v) -> str:
    return "—" if v is None else ui.pct(v, 1)


def _band(lo, hi, fmt) -> str:
    return "—" if lo is None else f"{fmt(lo)} – {fmt(hi)}"


def _figures(e) -> None:
    el, dip, sub = e.elasticity, e.dip, e.subsidised_share
    st.dataframe(pd.DataFrame({
        T("deals.col.figure"): [T("deals.row.elasticity"), T("deals.row.dip"), T("deals.row.subsidised")],
        T("deals.col.estimate"): [_num(el["estimate"]), _pct(dip["estimate"]), _pct(sub["estimate"])],
        T("deals.col.interval"): [_band(el["p10"], el["p90"], _num), _band(dip["p10"], dip["p90"], _pct),
                                  _band(sub["p10"], sub["p90"], _pct)],
        T("deals.col.basis"): [T("deals.basis.product_weeks", n=el["product_weeks"]),
                               T("deals.basis.deals", n=e.info.get("deals", 0)),
                               T("deals.basis.customers", n=sub["customers"])]}),
        hide_index=True, key="data_deals_figures")
    verdict = "" if dip["estimate"] is None else " — " + (T("deals.measurable") if dip["measurable"] else T(
        "deals.not_measurable", lo=_pct(e.info.get("placebo_p5")), hi=_pct(e.info.get("placebo_p95"))))
    st.caption("  \n".join([f"{T('deals.row.elasticity')}: {T('deals.elasticity')}",
                            f"{T('deals.row.dip')}: {T('deals.dip', weeks=deals.DIP_WEEKS)}{verdict}",
                            f"{T('deals.row.subsidised')}: {T('deals.subsidised', weeks=deals.WEEKS_BEFORE)}"]))
    if e.notes:
        st.dataframe(pd.DataFrame({T("deals.col.note"): [deals.note_text(c, d, ui.lang()) for c, d in e.notes]}),
                     hide_index=True, key="data_deals_notes")


def _lift(e) -> None:
    default = float(TYPES["discount"].param("elasticity").default)
    ui.chart(charts.deal_lift(e, default, ui.lang()), key="chart_data_deal_lift")
    st.dataframe(pd.DataFrame({
        T("deals.col.depth"): [f"{b['depth_from']:.0%}–{b['depth_to']:.0%}" for b in e.lift_by_depth],
        T("deals.col.lift"): [_pct(b["lift"]) for b in e.lift_by_depth],
        T("deals.col.interval"): [_band(b["p10"], b["p90"], _pct) for b in e.lift_by_depth],
        T("deals.col.basis"): [T("deals.basis.product_weeks", n=b["product_weeks"]) for b in e.lift_by_depth]}),
        hide_index=True, key="data_deals_lift")


def _groups(result: dict) -> None:
    rows = []
    for group, e in result.items():
        if isinstance(e, InputError):
            rows.append({T("deals.col.group"): group, T("deals.row.elasticity"): e.message(ui.lang())})
            continue
        rows.append({T("deals.col.group"): group,
                     T("deals.row.elasticity"): f"{_num(e.elasticity['estimate'])} "
                                                f"({_band(e.elasticity['p10'], e.elasticity['p90'], _num)})",
                     T("deals.col.basis"): T("deals.basis.product_weeks", n=e.elasticity["product_weeks"]),
                     T("deals.row.dip"): _pct(e.dip["estimate"]) + ("" if e.dip["measurable"] else " *"),
                     T("deals.row.subsidised"): _pct(e.subsidised_share["estimate"])})
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="data_deals_groups")
    st.caption(T("deals.groups_note"))


def _coupons() -> None:
    c = state.coupon_regulars(state.version())
    if c is None:
        return
    st.markdown(f"#### {T('deals.coupon', weeks=deals.WEEKS_BEFORE)}")
    st.dataframe(pd.DataFrame({
        T("data.campaign"): [r["campaign_id"] for r in c["rows"]],
        T("data.targeted"): [r["targeted"] for r in c["rows"]],
        T("deals.col.redeemers"): [r["redeemers"] for r in c["rows"]],
        T("deals.col.regulars"): [r["regulars"] for r in c["rows"]],
        T("deals.col.share"): [_pct(r["regulars"] / r["redeemers"]) if r["redeemers"] else "—" for r in c["rows"]]}),
        hide_index=True, key="data_deals_coupons")


def render(con, summary: dict) -> None:
    st.caption(T("deals.intro"))
    if not summary["rows"]:
        st.info(T("data.seg.none"), icon=":material/info:")
        return
    labels = {b: T("deals.by_none") if b is None else T("deals.by", by=T(f"deals.by.{b}")) for b in BY}
    by = st.selectbox(T("deals.by_label"), BY, key=state.K.DEALS_BY, format_func=labels.get)
    try:
        with st.spinner(T("deals.measuring")):
            result = state.deal_effects(state.version(), by)
    except InputError as e:
        ui.error(e)
        return
    if by is None:
        st.caption(T("deals.span", **{**result.info, "first": result.info["first_week"],
                                      "last": result.info["last_week"]}))
        _figures(result)
        _lift(result)
        st.info(T("deals.simulator_note"), icon=":material/verified:")
    else:
        _groups(result)
    _coupons()
