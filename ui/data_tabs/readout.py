"""Data page, readout tab: a finished campaign, targeted against holdout, and against its saved plan."""
from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from promo import TYPES, InputError, charts, store
from promo.customers import readout

from . import state

T = ui.T


def _metric(col, label: str, value: str, iv=None, fmt=None, help_=None) -> None:
    col.metric(label, value, help=help_)
    if iv is not None:
        col.caption(T("data.ro.interval", lo=fmt(iv[0]), hi=fmt(iv[1])))


def _plan(r: dict) -> None:
    st.markdown("#### " + ui.md("data.ro.plan_title", name=r["scenario_name"]))
    show = {"participants": ui.num, "incremental_revenue": ui.money, "profit": ui.money}
    st.dataframe(pd.DataFrame([{
        T("data.ro.metric"): T(f"data.ro.metric.{p['metric']}"),
        T("data.forecast"): show[p["metric"]](p["forecast"]),
        T("data.actual"): show[p["metric"]](p["actual"]),
        T("data.ro.p10_p90"): f"{ui.money(p['p10'])} – {ui.money(p['p90'])}" if p.get("p10") is not None else "—",
        T("data.ro.within"): "—" if "within_p10_p90" not in p else T("data.yes" if p["within_p10_p90"] else "data.no"),
    } for p in r["plan_vs_actual"]]), hide_index=True, key="data_ro_plan")


def render(con, summary: dict) -> None:
    campaigns = store.campaign_list(con)
    if campaigns.empty:
        st.info(T("data.ro.none"), icon=":material/info:")
        return
    scenarios = {s["id"]: s["name"] for s in store.list_scenarios(con)}
    c1, c2, c3 = st.columns(3)
    cid = c1.selectbox(T("data.ro.campaign"), campaigns["campaign_id"].tolist(), key=state.K.RO_CAMPAIGN)
    sid = c2.selectbox(T("data.ro.scenario"), [None, *scenarios], key=state.K.RO_SCENARIO,
                       format_func={None: T("data.ro.no_scenario"),
                                    **{i: f"{n} (#{i})" for i, n in scenarios.items()}}.get)
    cost = c3.number_input(T("data.ro.cost", cur=ui.cur()), min_value=0.0, value=None, step=100.0, key=state.K.RO_COST)
    try:
        r = readout.readout(con, cid, scenario_id=sid, cost=cost)
    except InputError as e:
        ui.error(e)
        return
    st.markdown("#### " + ui.md("data.ro.header", campaign=r["campaign_id"],
                                type=TYPES[r["promo_type"]].name(ui.lang()), start=r["start_date"], end=r["end_date"]))
    tg, hd, ru, su = r["targeted"], r["holdout"], r["response_uplift"], r["spend_uplift"]
    pct1 = lambda v: ui.pct(v, 1)
    signed_pp = lambda v: ("+" if v > 0 else "") + T("data.pp", x=ui.num(v * 100, 1))
    signed_money = lambda v: ("+" if v > 0 else "") + ui.money(v, 2)
    m = st.columns(3)
    _metric(m[0], T("data.ro.rate_t"), pct1(tg["rate"]), tg["interval"], pct1,
            T("data.ro.people", n=ui.num(tg["customers"]), k=ui.num(tg["responders"])))
    _metric(m[1], T("data.ro.rate_h"), pct1(hd["rate"]), hd["interval"], pct1,
            T("data.ro.people", n=ui.num(hd["customers"]), k=ui.num(hd["responders"])))
    _metric(m[2], T("data.response_uplift"), signed_pp(ru["value"]), ru["interval"], signed_pp)
    m = st.columns(3)
    _metric(m[0], T("data.ro.spend_t"), ui.money(tg["spend_per_customer"], 2))
    _metric(m[1], T("data.ro.spend_h"), ui.money(hd["spend_per_customer"], 2))
    _metric(m[2], T("data.spend_uplift"), signed_money(su["value"]), su["interval"], signed_money)
    m = st.columns(3)
    _metric(m[0], T("data.incremental_profit"), ui.money(r["incremental_profit"]), r["incremental_profit_interval"],
            ui.money)
    m[1].caption(T("data.ro.profit_note", n=ui.num(tg["customers"]), margin=ui.pct(r["margin"]),
                   cost=ui.money(r["cost"]), basis=T(f"data.ro.basis.{r['cost_basis']}"),
                   spend_basis=T(f"data.ro.spend_basis.{r['spend_basis']}")))
    c1, c2 = st.columns(2)
    with c1:
        ui.chart(charts.readout_rates(r, ui.lang()), key="chart_data_readout")
    with c2:
        ui.chart(charts.plan_vs_actual(r, ui.lang(), ui.cur()), key="chart_data_plan")
    if r.get("plan_vs_actual"):
        _plan(r)
