"""The calendar's Rules tab: frequency, gaps, deal share, caps and budgets as tables and boxes. A consistent change is
saved with the plan at once (a new version); a blank or a contradiction is named and changes nothing."""
from __future__ import annotations

import itertools

import pandas as pd
import streamlit as st

import ui
from promo import SETTINGS, TYPES, InputError, Rules
from promo.planning import rules_from_table

from . import state
from .state import Calendar, Keys

CAP_MAX = int(SETTINGS["cap_per_customer"].hi)


def tab(cal: Calendar) -> None:
    st.caption(ui.T("cal.rules.intro"))
    key = lambda k: Keys.of(k, cal.version)
    per_type = _per_type(cal, key(Keys.RULE_TYPES))
    limits, pairs = _limits(cal, key)
    per_segment = _per_segment(cal, key(Keys.RULE_SEGMENTS))
    if st.button(ui.T("cal.rules.reset"), key="cal_rules_reset"):
        state.commit(cal.plan, Rules(), "cal.rules.reset_done")
    try:
        rules = rules_from_table(per_type, per_segment, limits, pairs, [s.key for s in cal.segments], cal.plan.weeks)
    except InputError as e:
        st.error(ui.md("cal.rules_invalid", msg=e.message(ui.lang())), icon=":material/warning:")
        return
    if rules.to_dict() != cal.rules.to_dict():
        state.commit(cal.plan, rules, "cal.rules.updated")
    st.success(ui.T("cal.rules.ok"), icon=":material/check:")


def _per_type(cal: Calendar, key: str) -> list[dict]:
    r, cur = cal.rules, ui.cur()
    st.markdown(f"**{ui.T('cal.rules.per_type')}**")
    base = pd.DataFrame([{"type": TYPES[k].name(ui.lang()), "max_runs": r.max_runs.get(k, TYPES[k].max_runs_per_year),
                          "min_gap": r.min_gap_weeks.get(k, 0), "deal": k in r.deal_types,
                          "budget": r.budget_per_type.get(k)} for k in TYPES])
    base["budget"] = base["budget"].astype("float64")
    runs = lambda label: st.column_config.NumberColumn(ui.T(label), min_value=0, max_value=52, step=1)
    edited = st.data_editor(base, key=key, hide_index=True, num_rows="fixed", column_config={
        "type": st.column_config.TextColumn(ui.T("cal.rules.col.type"), disabled=True),
        "max_runs": runs("cal.rules.col.max_runs"), "min_gap": runs("cal.rules.col.min_gap"),
        "deal": st.column_config.CheckboxColumn(ui.T("cal.rules.col.deal")),
        "budget": st.column_config.NumberColumn(ui.T("cal.rules.col.budget", cur=cur), min_value=0.0, step=1000.0,
                                                format="%,.0f")})
    return [{**row, "type": k} for k, row in zip(TYPES, edited.to_dict("records"), strict=True)]


def _limits(cal: Calendar, key) -> tuple[dict, list]:
    r, cur = cal.rules, ui.cur()
    c = st.columns(4)
    limits = {
        "deal_share_pct": c[0].number_input(ui.T("cal.rules.share"), min_value=0.0, max_value=100.0, step=5.0,
                                            value=round(r.max_deal_share * 100, 4), key=key(Keys.RULE_SHARE),
                                            format="%.1f"),
        "cap": c[1].number_input(ui.T("cal.rules.cap"), min_value=1, max_value=CAP_MAX, step=1,
                                 value=int(r.max_cap_per_customer), key=key(Keys.RULE_CAP)),
        "prize": c[2].number_input(ui.T("cal.rules.prize", cur=cur), min_value=0.0, step=1000.0,
                                   value=float(r.prize_cap), key=key(Keys.RULE_PRIZE), format="%.0f",
                                   help=ui.T("cal.rules.prize_help")),
        "total": c[3].number_input(ui.T("cal.rules.total", cur=cur), min_value=0.0, step=10000.0,
                                   value=r.budget_total, key=key(Keys.RULE_TOTAL), format="%.0f")}
    options = [f"{a}|{b}" for a, b in itertools.combinations(sorted(TYPES), 2)]
    chosen = st.multiselect(ui.T("cal.rules.pairs"), options, key=key(Keys.RULE_PAIRS), placeholder=ui.T("app.choose"),
                            default=[f"{a}|{b}" for a, b in (sorted(p) for p in r.no_overlap) if a != b],
                            format_func={p: " ↔ ".join(TYPES[x].name(ui.lang()) for x in p.split("|"))
                                         for p in options}.get)
    return limits, [p.split("|") for p in chosen]


def _per_segment(cal: Calendar, key: str) -> list[dict]:
    st.markdown(f"**{ui.T('cal.rules.per_segment')}**")
    base = pd.DataFrame([{"segment": s.name(ui.lang()), "budget": cal.rules.budget_per_segment.get(s.key)}
                         for s in cal.segments])
    base["budget"] = base["budget"].astype("float64")
    edited = st.data_editor(base, key=key, hide_index=True, num_rows="fixed", column_config={
        "segment": st.column_config.TextColumn(ui.T("cal.rules.col.segment"), disabled=True),
        "budget": st.column_config.NumberColumn(ui.T("cal.rules.col.seg_budget", cur=ui.cur()), min_value=0.0,
                                                step=1000.0, format="%,.0f")})
    return [{**row, "segment": s.key} for s, row in zip(cal.segments, edited.to_dict("records"), strict=True)]


__all__ = ["tab"]
