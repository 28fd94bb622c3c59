"""Data page, segments tab: the segment rules, the stages measured from the log, and the recorded switch to them.

A measured figure resting on few customers is pulled toward the current value (``customers.shrink``); the
preview says how many customers each weekly probability rests on and flags the few.
"""
from __future__ import annotations

import json

import pandas as pd
import streamlit as st

import ui
from promo import FIELDS, InputError, charts, store
from promo.customers import lifecycle

from . import state

T = ui.T


def _rules_form(con) -> dict:
    saved = lifecycle.make_rules(store.get_segment_rules(con))
    with st.form("data_rules_form"):
        st.markdown(f"#### {T('data.seg.rules')}")
        st.caption(T("data.seg.rules_help"))
        values = {}
        columns = st.columns(len(lifecycle.RULES))
        for col, (k, (default, lo, hi, zh, en)) in zip(columns, lifecycle.RULES.items(), strict=True):
            is_share = isinstance(default, float)
            st.session_state.setdefault(state.rule_key(k), float(saved[k]) if is_share else int(saved[k]))
            values[k] = col.number_input(zh if ui.lang() == "zh" else en, min_value=float(lo) if is_share else int(lo),
                                         max_value=float(hi) if is_share else int(hi), step=0.01 if is_share else 1,
                                         format="%.2f" if is_share else "%d", key=state.rule_key(k))
        submitted = st.form_submit_button(T("data.seg.rules_save"), key=state.K.RULES_SAVE)
    if submitted:
        try:
            rules = lifecycle.make_rules(values)
        except InputError as e:
            ui.error(e)
            return saved
        store.save_segment_rules(con, rules)
        state.wrote("segments", T("data.seg.rules_saved"))
    return saved


def _field_name(f: str) -> str:
    return FIELDS[f].label(ui.lang())


def _preview(m) -> list[str]:
    """The table of what changes; returns the names of the segments that change."""
    names = state.seg_names()
    rows = lifecycle.preview(m, ui.segments())
    show = {"size": ui.num, "p_week": lambda v: ui.pct(v, 1), "aov": lambda v: ui.money(v, 2)}
    st.markdown(f"#### {T('data.seg.preview')}")
    st.caption(T("data.seg.preview_note"))
    table = []
    for r in rows:
        row = {T("data.segment"): names.get(r["segment"], r["segment"])}
        for f, fmt in show.items():
            row[T("data.col.current", field=_field_name(f))] = fmt(r["current"][f])
            row[T("data.col.new", field=_field_name(f))] = fmt(r["new"][f])
        row[T("data.col.basis")] = T("data.seg.basis_few" if r["few"] else "data.seg.basis", n=ui.num(r["basis"]))
        table.append(row)
    st.dataframe(pd.DataFrame(table), hide_index=True, key="data_seg_preview")
    if any(r["few"] for r in rows):
        st.caption(T("data.seg.shrunk_note"))
    return [names.get(r["segment"], r["segment"]) for r in rows if r["changed"]]


def render(con, summary: dict) -> None:
    state.flash("segments")
    if not summary["rows"]:
        st.info(T("data.seg.none"), icon=":material/info:")
        return
    rules = _rules_form(con)
    m, grid = state.segments_measured(state.version(), json.dumps(rules, sort_keys=True))
    names = state.seg_names()
    st.markdown(f"#### {T('data.seg.measured')}")
    st.caption(T("data.seg.asof", end=state.day(m.attrs["observation_end"]), vip=ui.money(m.attrs["vip_min_spend"])))
    st.dataframe(pd.DataFrame({
        T("data.segment"): [names.get(k, k) for k in m["segment"]],
        T("data.size"): [ui.num(v) for v in m["size"]],
        T("data.p_week"): [ui.pct(v, 1) for v in m["p_week"]],
        f"{T('data.aov')} ({ui.cur()})": [ui.money(v, 2) for v in m["aov"]],
        f"{T('data.spend_per_customer')} ({ui.cur()})": [ui.money(v, 2) for v in m["spend_per_customer"]],
    }), hide_index=True, key="data_seg_table")
    st.caption(T("data.seg.p_week_note", weeks=m.attrs["horizon_weeks"]))
    c1, c2 = st.columns(2)
    with c1:
        ui.chart(charts.data_segments(m, names, ui.lang(), ui.cur()), key="chart_data_segments")
    with c2:
        ui.chart(charts.rf_heatmap(grid, ui.lang()), key="chart_data_rf")
    changed = _preview(m)
    b1, b2, _ = st.columns([1, 1, 2])
    if b1.button(T("data.seg.apply"), key=state.K.SEG_APPLY, type="primary", disabled=not changed,
                 icon=":material/published_with_changes:"):
        hid = store.apply_segments(con, lifecycle.segments_from(m, ui.segments()),
                                   note=f"measured as of {state.day(m.attrs['observation_end'])}")
        state.wrote("segments", T("data.segments_applied", id=hid) + " " + ui.md(
            "data.seg.changed", n=len(changed), names="、".join(changed) if ui.lang() == "zh" else ", ".join(changed)))
    if not changed:
        st.caption(T("data.seg.unchanged"))
    history = store.segment_history(con)
    if b2.button(T("data.seg.revert"), key=state.K.SEG_REVERT, disabled=not any(h["reverted"] is None for h in history),
                 icon=":material/undo:"):
        hid = store.revert_segments(con)
        state.wrote("segments", T("data.segments_reverted", id=hid) if hid else T("data.nothing_to_revert"))
    if history:
        with st.expander(T("data.seg.history")):
            st.dataframe(pd.DataFrame({
                T("data.col.id"): [h["id"] for h in history],
                T("data.col.applied"): [pd.Timestamp(h["applied"]).strftime("%Y-%m-%d %H:%M") for h in history],
                T("data.col.note"): [h["note"] for h in history],
                T("data.col.reverted"): [T("data.no") if h["reverted"] is None
                                         else pd.Timestamp(h["reverted"]).strftime("%Y-%m-%d %H:%M") for h in history],
            }), hide_index=True, key="data_seg_history")
