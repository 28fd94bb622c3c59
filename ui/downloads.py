"""Report downloads (Excel, offline HTML, PNG charts) and the cached views they and the partner page are built from.

Each file is made only when its button is pressed (deferred ``data``), so showing the
buttons costs nothing; pages call one function here.
"""
from __future__ import annotations

import json

import streamlit as st

import ui
from promo import make_segment
from promo.sharing import reports, views


def _record(r: dict) -> str:
    return json.dumps({k: r[k] for k in ("id", "name", "campaign", "summary")}, ensure_ascii=False)


def _plan_record(r: dict) -> str:
    return json.dumps({k: r[k] for k in ("id", "name", "year", "plan", "rules", "summary")}, ensure_ascii=False)


def _segments_json() -> str:
    return json.dumps([s.to_dict() for s in ui.segments()], ensure_ascii=False)


# cache_resource, not cache_data: views are frozen and only read, so every session shares one object instead
# of unpickling 10,000 draws per item on every run
@st.cache_resource(show_spinner=False, max_entries=256)
def _scenario(record_json: str, segments_json: str) -> views.ScenarioView:
    return views.scenario_view(json.loads(record_json), tuple(make_segment(d) for d in json.loads(segments_json)))


@st.cache_resource(show_spinner=False, max_entries=64)
def _plan(record_json: str, segments_json: str) -> views.PlanView:
    return views.plan_view(json.loads(record_json), tuple(make_segment(d) for d in json.loads(segments_json)))


def scenario_views(records) -> list[views.ScenarioView]:
    """Saved scenarios recomputed (cached on their JSON and the segments) for charts and reports."""
    segs = _segments_json()
    return [_scenario(_record(r), segs) for r in records]


def plan_views(records) -> list[views.PlanView]:
    segs = _segments_json()
    return [_plan(_plan_record(r), segs) for r in records]


def reports_panel(scenarios, plans=(), what: str = "", key: str = "dl") -> None:
    """Three download buttons for these scenarios/plans in the reader's language."""
    scenarios, plans = list(scenarios), list(plans)
    if not scenarios and not plans:
        return
    _buttons(lambda: (scenarios, plans), what or ", ".join(v.name for v in [*scenarios, *plans]), key)


def _buttons(items, what: str, key: str) -> None:
    """Excel, offline HTML and PNG charts of ``items()`` → (scenario views, plan views), called when pressed."""
    lang, cur = ui.lang(), ui.cur()
    title = ui.T("share.report_title", business=ui.settings()["business_name"] or ui.T("app.title"), what=what)
    st.markdown(f"**{ui.T('share.downloads')}**")
    c1, c2, c3 = st.columns(3)
    c1.download_button(ui.T("share.dl.excel"), lambda: reports.excel(*items(), lang, cur, title),
                       "report.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key=f"{key}_xlsx", icon=":material/table_view:", on_click="ignore", width="stretch")
    c2.download_button(ui.T("share.dl.html"), lambda: reports.html_report(*items(), lang, cur, title),
                       "report.html", "text/html", key=f"{key}_html", icon=":material/html:", on_click="ignore",
                       width="stretch")
    c3.download_button(ui.T("share.dl.png"), lambda: reports.chart_pngs(reports.all_figures(*items(), lang, cur)),
                       "charts.zip", "application/zip", key=f"{key}_png", icon=":material/image:", on_click="ignore",
                       width="stretch")


def simulator_panel(name: str, scenario) -> None:
    """Reports of the simulator's current (maybe unsaved) scenario. ``scenario()`` gives (campaign, result,
    sensitivity) when a button is pressed: the panel is not redrawn when an input moves, the files still
    follow the inputs."""
    segs = tuple(ui.segments())
    _buttons(lambda: ([views.ScenarioView(0, name, *scenario(), segs)], []), name, "sim_dl")


def compare_panel(records) -> None:
    """Reports of the scenarios chosen on the compare page."""
    reports_panel(scenario_views(records), what=ui.T("share.comparison"), key="cmp_dl")
