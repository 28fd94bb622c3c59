"""The top of the calendar page: the year, undo and redo, the plan's totals, its rule problems and its two charts."""
from __future__ import annotations

import streamlit as st

import ui
from promo.planning import YEAR_RANGE, change_year, plan_from_dict
from promo.sharing import views

from . import state
from .state import Calendar, Keys


def header(cal: Calendar) -> None:
    """Year picker and KPIs on one row; under them undo, redo and when the plan was saved."""
    key = Keys.of(Keys.YEAR, cal.version)
    top = st.columns([1, 4])
    top[0].number_input(ui.T("cal.year"), min_value=YEAR_RANGE[0], max_value=YEAR_RANGE[1], step=1, key=key,
                        value=cal.plan.year, on_change=_year_changed, args=(cal, key),
                        help=ui.T("cal.year_help", lo=YEAR_RANGE[0], hi=YEAR_RANGE[1]))
    with top[1]:
        _kpis(cal)
    row = st.container(horizontal=True, vertical_alignment="center")
    row.button(ui.T("cal.undo"), key="cal_undo", icon=":material/undo:", disabled=not cal.can_undo,
               on_click=state.undo, help=ui.T("cal.undo_help"))
    row.button(ui.T("cal.redo"), key="cal_redo", icon=":material/redo:", disabled=not cal.can_redo,
               on_click=state.redo)
    row.caption(":material/cloud_done: " + ui.T("cal.autosaved", version=cal.version,
                                                 time=cal.created.strftime("%Y-%m-%d %H:%M")))


def _year_changed(cal: Calendar, key: str) -> None:
    """Year picker callback: the new year's season; items that no longer fit are left out, with a notice."""
    year = st.session_state.get(key)
    if year is None or int(year) == cal.plan.year:
        return
    d, dropped = change_year(cal.plan.to_dict(), int(year))
    plan = plan_from_dict(d, cal.segments)
    state.save(plan, cal.rules, "cal.year_changed", "info", year=plan.year, weeks=plan.weeks)
    if dropped:
        state.flash("warning", "cal.year_dropped", year=plan.year, weeks=plan.weeks, ids=", ".join(dropped))


def _kpis(cal: Calendar) -> None:
    v, some = cal.value, bool(cal.plan.items)
    k = st.columns(5)
    k[0].metric(ui.T("cal.kpi.items"), ui.count(len(cal.plan.items)))
    k[1].metric(ui.T("cal.kpi.cost"), ui.money_short(v.cost.mean),
                help=ui.T("cal.kpi.cost_help", exact=ui.money(v.cost.mean), p10=ui.money(v.cost.p10),
                          p90=ui.money(v.cost.p90)))
    k[2].metric(ui.T("cal.kpi.profit"), ui.money_short(v.profit.mean),
                help=ui.T("kpi.profit_help", exact=ui.money(v.profit.mean), p10=ui.money(v.profit.p10),
                          p90=ui.money(v.profit.p90)))
    spent = v.cost.mean > 0
    k[3].metric(ui.T("cal.kpi.roi"), ui.ratio(v.roi.mean if spent else None),
                help=ui.T("kpi.roi_help", p10=ui.ratio(v.roi.p10), p90=ui.ratio(v.roi.p90)) if spent else
                ui.roi_note())
    k[4].metric(ui.T("cal.kpi.prob_loss"), ui.prob(v.prob_loss) if some else "—",
                help=ui.T("cal.kpi.prob_loss_help", draws=ui.count(v.draws)))


def alerts(cal: Calendar) -> None:
    if not cal.plan.items:
        st.info(ui.T("cal.empty"), icon=":material/lightbulb:")
    elif cal.violations:
        st.error(ui.T("cal.violations", n=len(cal.violations)) + "\n" +
                 "\n".join(f"- {ui.plain(v.message(ui.lang()))}" for v in cal.violations), icon=":material/warning:")
    else:
        st.success(ui.T("cal.no_violations"), icon=":material/check_circle:")


def plan_charts(cal: Calendar) -> None:
    """The items over the weeks by segment, and the weekly cost and profit with their P10–P90 bands."""
    for name, fig in views.plan_figures(cal.view, ui.lang(), ui.cur()).items():
        ui.chart(fig, key=f"chart_cal_{name}")


__all__ = ["alerts", "header", "plan_charts"]
