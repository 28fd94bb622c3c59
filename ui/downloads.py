"""Report downloads (Excel, offline HTML, PNG charts) and the cached views they and the partner page are built from.

Each file is made only when its button is pressed (deferred ``data``), so showing the
buttons costs nothing; pages call one function here.
"""
from __future__ import annotations

import json

import streamlit as st

import ui
from promo import make_segment
from promo.sharing import filenames, reports, views


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


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def reports_panel(scenarios, plans=(), what: str = "", key: str = "dl", version="") -> None:
    """Three downloads of these scenarios/plans in the reader's language, named ``<business>_<what>_<date>``;
    ``version`` tells a changed plan from the one the PNGs were made of."""
    scenarios, plans = list(scenarios), list(plans)
    if not scenarios and not plans:
        return
    _panel(lambda: (scenarios, plans), what or ", ".join(v.name for v in [*scenarios, *plans]), key,
           [version, [(v.id, v.name) for v in [*scenarios, *plans]]])


def _panel(items, what: str, key: str, version) -> None:
    """The downloads of ``items()`` → (scenario views, plan views). Excel and HTML are made when their button is
    pressed (about a second for a dozen scenarios; the button spins meanwhile). PNG charts take a Chromium and
    about a second a chart, so they are made on a button of their own with a progress bar, then offered for
    download."""
    lang, cur = ui.lang(), ui.cur()
    business = ui.settings()["business_name"] or ui.T("app.title")
    title = ui.T("share.report_title", business=business, what=what)
    name = lambda ext: filenames.file_name(business, what, ext)
    st.markdown(f"**{ui.T('share.downloads')}**")
    row = st.container(horizontal=True)  # buttons as wide as their labels, wrapping in a narrow column
    row.download_button(ui.T("share.dl.excel"), lambda: reports.excel(*items(), lang, cur, title),
                        name("xlsx"), XLSX, key=f"{key}_xlsx", icon=":material/table_view:", on_click="ignore")
    row.download_button(ui.T("share.dl.html"), lambda: reports.html_report(*items(), lang, cur, title),
                        name("html"), "text/html", key=f"{key}_html", icon=":material/html:", on_click="ignore")
    signature = json.dumps([lang, cur, what, version], ensure_ascii=False, default=str)
    _png_button(row, items, lang, cur, name("zip"), key, signature)


def _png_button(row, items, lang: str, cur: str, file_name: str, key: str, signature: str) -> None:
    """Make the PNG zip with a progress bar under the buttons (one step a chart), keep it for this content, then
    offer it."""
    made = st.session_state.get(f"{key}_png_zip")
    if made and made[0] == signature:
        row.download_button(ui.T("share.dl.png"), made[1], file_name, "application/zip", key=f"{key}_png",
                            icon=":material/image:", on_click="ignore", type="primary")
        return
    if row.button(ui.T("share.dl.png_make", n=reports.figure_count(*items())), key=f"{key}_png_make",
                  icon=":material/image:", help=ui.T("share.dl.png_help")):
        bar = st.progress(0.0, text=ui.T("share.dl.png_starting"))
        step = lambda done, total: bar.progress(done / total, text=ui.T("share.dl.png_progress", done=done,
                                                                         total=total))
        data = reports.chart_pngs(reports.all_figures(*items(), lang, cur), progress=step)
        st.session_state[f"{key}_png_zip"] = (signature, data)
        st.rerun()


SIMULATOR = "sim_dl"


def simulator_panel(name: str, scenario, version) -> None:
    """Reports of the simulator's current (maybe unsaved) scenario. ``scenario()`` gives (campaign, result,
    sensitivity) of the inputs on screen: the files are made from it when a button is pressed, so they follow the
    inputs though the panel is not redrawn when an input moves; ``version`` names the inputs the PNGs were made of."""
    segs = tuple(ui.segments())
    _panel(lambda: ([views.ScenarioView(0, name, *scenario(), segs)], []), name, SIMULATOR, version)


def forget_pngs(key: str) -> bool:
    """Drop the PNG zip made for ``key``'s panel (its inputs changed); True if there was one (the panel showing
    its download button must then be redrawn)."""
    return st.session_state.pop(f"{key}_png_zip", None) is not None


def plan_panel(view: views.PlanView, version) -> None:
    """Reports of the calendar's working plan; ``version`` (its version id) keeps PNGs of an older plan from being
    offered."""
    reports_panel([], [view], what=view.name, key="cal_dl", version=version)


def compare_panel(records) -> None:
    """Reports of the scenarios chosen on the compare page."""
    reports_panel(scenario_views(records), what=ui.T("share.comparison"), key="cmp_dl")
