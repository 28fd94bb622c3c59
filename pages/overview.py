"""Overview: what the app does, the business at a glance, the best and worst saved scenarios."""
import streamlit as st

import ui
from promo import store

T = ui.T
st.title(":material/trending_up: " + (ui.plain(ui.settings()["business_name"]) or T("app.title")))
st.markdown(T("ov.intro"))

segments = ui.segments()
customers = sum(s.size for s in segments if s.stage != "prospects")
weekly_revenue = sum(s.size * s.p_week * s.aov for s in segments)
weekly_margin = sum(s.size * s.p_week * s.aov * s.margin for s in segments)
scenarios = store.list_scenarios(ui.con())

k = st.columns(4)
k[0].metric(T("ov.customers"), ui.count(customers), help=T("ov.customers_help"))
k[1].metric(T("ov.weekly_revenue"), ui.money(weekly_revenue), help=T("ov.weekly_revenue_help"))
k[2].metric(T("ov.weekly_margin"), ui.money(weekly_margin))
k[3].metric(T("ov.scenarios"), ui.count(len(scenarios)))

if scenarios:
    ranked = sorted(scenarios, key=lambda s: s["summary"]["profit"]["mean"], reverse=True)
    best, worst = st.columns(2)
    for col, title, items in ((best, T("ov.best"), ranked[:3]), (worst, T("ov.worst"), ranked[::-1][:3])):
        with col.container(border=True):
            st.markdown(f"#### {title}")
            for s in items:
                p = s["summary"]["profit"]
                st.markdown(ui.md("ov.scenario_line", name=s["name"], profit=ui.money(p["mean"]),
                              roi=ui.ratio(s["summary"]["roi"]["mean"]), loss=ui.prob(s["summary"]["prob_loss"])))
else:
    st.info(T("ov.no_scenarios"))

st.markdown(f"### {T('ov.start')}")
LINKS = (("pages/library.py", "ov.go_library", ":material/menu_book:"),
         ("pages/simulator.py", "ov.go_simulator", ":material/calculate:"),
         ("pages/compare.py", "ov.go_compare", ":material/bar_chart:"),
         ("pages/calendar.py", "ov.go_calendar", ":material/calendar_month:"),
         ("pages/data.py", "ov.go_data", ":material/database:"),
         ("pages/segments.py", "ov.go_segments", ":material/groups:"))
cols = st.columns(3)
for i, (path, label, icon) in enumerate(LINKS):
    cols[i % 3].page_link(path, label=T(label), icon=icon)
