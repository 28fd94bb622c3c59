"""Calendar: a year of promotions on the weeks and festivals, checked against the rules, valued, optimised.

Guard → inputs → one core call → render: the working plan is read from the database (saved on every change, so
a reload or a new session shows it; ``ui.calendar.state``), valued and checked against its rules in one call,
and shown; each tab's inputs change the plan only through ``state.commit`` (a new version, undoable).
"""
import streamlit as st

import ui
from ui.calendar import files, items, optimizer, rules, season, state, summary

st.title(":material/calendar_month: " + ui.T("page.calendar"))
st.caption(ui.T("cal.intro") + " " + ui.T("plan.week_convention"))
cal = state.load(ui.segments())  # guard, and the one core call: the plan valued and checked
state.show_flash(st.container())
summary.header(cal)
summary.alerts(cal)
summary.plan_charts(cal)
TABS = {"cal.tab.items": items.tab, "cal.tab.season": season.tab, "cal.tab.rules": rules.tab,
        "cal.tab.optimizer": optimizer.tab, "cal.tab.files": files.tab}
for box, draw in zip(st.tabs([ui.T(k) for k in TABS], key=state.Keys.TABS), TABS.values(), strict=True):
    with box:
        draw(cal)
