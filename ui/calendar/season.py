"""The calendar's Festivals & season tab: the year's festivals and the editable demand multiplier of each week."""
from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from promo import SETTINGS, charts
from promo.planning import default_season, festival_weeks, festivals, week_start

from . import state
from .state import Calendar, Keys

LO, HI = SETTINGS["season"].lo, SETTINGS["season"].hi


def tab(cal: Calendar) -> None:
    plan = cal.plan
    ui.chart(charts.season_chart(plan.year, plan.season, ui.lang()), key="chart_cal_season")
    left, right = st.columns([3, 2])
    with right:
        st.markdown(f"**{ui.T('cal.season.festivals', year=plan.year)}**")
        st.markdown("\n".join(
            "- " + ui.T("cal.season.fest_row", name=f.name(ui.lang()), start=f.start.isoformat(),
                        end="" if f.end == f.start else f" – {f.end.isoformat()}",
                        weeks="–".join(str(w) for w in dict.fromkeys((f.weeks[0], f.weeks[-1]))))
            for f in festivals(plan.year)))
    with left:
        st.markdown(f"**{ui.T('cal.season.table')}**")
        st.caption(ui.T("cal.season.help"))
        values = _table(cal)
        if st.button(ui.T("cal.season.reset"), key="cal_season_reset"):
            state.commit_dict({**plan.to_dict(), "season": list(default_season(plan.year))}, cal, "cal.season.updated")
    _apply(cal, values)


def _table(cal: Calendar) -> list:
    plan, fest = cal.plan, festival_weeks(cal.plan.year)
    weeks = range(1, plan.weeks + 1)
    base = pd.DataFrame({"week": weeks, "monday": [week_start(plan.year, w).isoformat() for w in weeks],
                         "festivals": [" · ".join(f.name(ui.lang()) for f in fest.get(w, ())) for w in weeks],
                         "multiplier": [float(x) for x in plan.season]})
    edited = st.data_editor(base, key=Keys.of(Keys.SEASON_EDITOR, cal.version), hide_index=True, num_rows="fixed",
                            height=420, column_config={
        "week": st.column_config.NumberColumn(ui.T("cal.season.col.week"), disabled=True),
        "monday": st.column_config.TextColumn(ui.T("cal.season.col.monday"), disabled=True),
        "festivals": st.column_config.TextColumn(ui.T("cal.season.col.festivals"), disabled=True),
        "multiplier": st.column_config.NumberColumn(ui.T("cal.season.col.multiplier"), min_value=LO, max_value=HI,
                                                    step=0.05, format="%.2f")})
    return edited["multiplier"].tolist()


def _apply(cal: Calendar, values: list) -> None:
    """Edited multipliers become the plan's season (a blank week is named and changes nothing)."""
    blank = [w for w, v in enumerate(values, 1) if pd.isna(v)]
    for w in blank:
        st.error(ui.T("cal.season.blank", week=w, lo=LO, hi=HI), icon=":material/warning:")
    season = [float(v) for v in values]
    if blank or season == [float(x) for x in cal.plan.season]:
        return
    problem = state.commit_dict({**cal.plan.to_dict(), "season": season}, cal, "cal.season.updated")
    if problem:
        st.error(problem, icon=":material/warning:")


__all__ = ["tab"]
