"""The calendar's Versions & files tab: earlier versions of the working plan to restore, named copies to save and
load, the plan and rules as JSON files, and reports of the plan (Excel, offline HTML, PNG)."""
from __future__ import annotations

import json

import streamlit as st

import ui
from promo import InputError, store
from promo.planning import new_plan, plan_from_dict, plan_from_file, rules_from_dict
from ui import downloads

from . import state
from .state import Calendar, Keys


def tab(cal: Calendar) -> None:
    left, right = st.columns(2, gap="large")
    with left:
        versions(cal)
        saved_plans(cal)
    with right:
        reports(cal)
        exchange(cal)


def versions(cal: Calendar) -> None:
    """The working plan's earlier versions, newest first; restoring one makes a copy of it the newest."""
    st.markdown(f"#### {ui.T('cal.v.title')}")
    st.caption(ui.T("cal.v.intro"))
    rows = store.plan_versions(ui.con(), limit=50)
    by_id = {r["id"]: r for r in rows}
    label = {i: ui.T("cal.v.row", id=i, time=r["created"].strftime("%Y-%m-%d %H:%M"), n=len(r["plan"]["items"]),
                     change=state.change_text(r["change"])) + (ui.T("cal.v.current") if i == cal.version else "")
             for i, r in by_id.items()}
    pick = st.selectbox(ui.T("cal.v.pick"), list(by_id), key=Keys.VERSION_PICK, format_func=label.get)
    row = st.container(horizontal=True)
    if row.button(ui.T("cal.v.new"), key="cal_new_plan", icon=":material/note_add:", help=ui.T("cal.v.new_help")):
        state.commit(new_plan(cal.plan.year), cal.rules, "cal.v.started", year=cal.plan.year)
    if row.button(ui.T("cal.v.restore"), key="cal_version_restore", icon=":material/history:",
                  disabled=pick is None or pick == cal.version):
        record = by_id[pick]
        try:
            plan = plan_from_dict(record["plan"], cal.segments)
            rules = rules_from_dict(record["rules"], [s.key for s in cal.segments], plan.weeks)
        except InputError as e:
            ui.error(e)
            return
        store.restore_plan_version(ui.con(), pick, plan, rules)
        state.flash("success", "cal.v.restored", version=pick)
        st.rerun()


def saved_plans(cal: Calendar) -> None:
    """A named copy of the working plan (a taken name gets a number); load or delete a named plan."""
    st.markdown(f"#### {ui.T('cal.files.save')}")
    default = state.plan_name(cal.plan.year)
    row = st.container(horizontal=True, vertical_alignment="bottom")
    name = row.text_input(ui.T("cal.files.name"), key=Keys.SAVE_NAME, max_chars=120, placeholder=default)
    if row.button(ui.T("cal.files.save_button"), key="cal_save", type="primary"):
        asked = (name or "").strip() or default
        try:
            pid = store.save_plan(ui.con(), asked, cal.plan, cal.rules, cal.value.summary(cal.violations))
            ui.saved_note(ui.T("cal.files.saved", id=pid), asked, store.get_plan(ui.con(), pid)["name"])
        except InputError as e:
            ui.error(e)
    st.markdown(f"#### {ui.T('cal.files.saved_plans')}")
    saved = {r["id"]: r for r in store.list_plans(ui.con())}
    if not saved:
        st.caption(ui.T("cal.files.none"))
        return
    pick = st.selectbox(ui.T("cal.files.pick"), list(saved)[::-1], key=Keys.LOAD_PICK,
                        format_func={i: ui.T("cal.files.row", id=i, name=r["name"], year=r["year"],
                                             n=len(r["plan"].get("items", []))) for i, r in saved.items()}.get)
    row = st.container(horizontal=True)
    if row.button(ui.T("cal.files.load"), key="cal_load", icon=":material/file_open:") and pick in saved:
        try:
            plan, rules = store.saved_plan(saved[pick], cal.segments)
        except InputError as e:
            st.error(ui.md("cal.files.load_failed", name=saved[pick]["name"], msg=e.message(ui.lang())),
                     icon=":material/warning:")
            return
        state.commit(plan, rules, "cal.files.loaded", name=saved[pick]["name"])
    if row.button(ui.T("cal.files.delete"), key="cal_delete", icon=":material/delete:") and pick in saved:
        store.delete_plan(ui.con(), pick)
        state.flash("success", "cal.files.deleted", name=saved[pick]["name"])
        st.rerun()


def reports(cal: Calendar) -> None:
    st.markdown(f"#### {ui.T('cal.files.reports')}")
    st.caption(ui.T("cal.files.reports_help"))
    downloads.plan_panel(cal.view, cal.version)


def exchange(cal: Calendar) -> None:
    """The plan and rules as JSON files; a plan file read in replaces the working plan (a new version)."""
    st.markdown(f"#### {ui.T('cal.files.export')}")
    row = st.container(horizontal=True)
    stamp = lambda what: ui.file_name(what, "json")
    row.download_button(ui.T("cal.files.export"), json.dumps(cal.plan.to_dict(), ensure_ascii=False, indent=2),
                        file_name=stamp(state.plan_name(cal.plan.year)), mime="application/json", key="cal_export",
                        icon=":material/download:")
    row.download_button(ui.T("cal.files.export_rules"), json.dumps(cal.rules.to_dict(), ensure_ascii=False, indent=2),
                        file_name=stamp(ui.T("cal.files.rules_name", year=cal.plan.year)), mime="application/json",
                        key="cal_export_rules", icon=":material/download:")
    st.markdown(f"#### {ui.T('cal.files.import')}")
    up = ui.uploader(ui.T("cal.files.import"), key=Keys.IMPORT, types=["json"], limit_mb=5,
                     help=ui.T("cal.files.import_help"))
    if up is None:
        return
    seen = st.session_state.get(Keys.IMPORTED)
    if seen is None or seen[0] != up.file_id:
        try:
            plan = plan_from_file(up.getvalue(), up.name, cal.segments)
        except InputError as e:
            st.session_state[Keys.IMPORTED] = (up.file_id, e)
        else:
            st.session_state[Keys.IMPORTED] = (up.file_id, None)
            state.commit(plan, cal.rules, "cal.files.imported", name=up.name, year=plan.year, n=len(plan.items))
    if st.session_state[Keys.IMPORTED][1] is not None:
        ui.error(st.session_state[Keys.IMPORTED][1])


__all__ = ["exchange", "reports", "saved_plans", "tab", "versions"]
