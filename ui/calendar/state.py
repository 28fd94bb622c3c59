"""The calendar page's state: its session-state keys in one place, the working plan read from the database on every
run, and the one way to change it (``commit``: validate, save a new version, say so after the rerun).

The plan lives in the database (``store.working_plan``), not in the session: a reload, a second tab or a new
session shows the same plan, and every change is a version that can be undone. Widgets that show the plan carry
its version id in their key (``Keys.of``), so after any change (here, in another tab, by undo) they start from
the plan as it now is.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

import ui
from promo import InputError, Plan, Rules, store
from promo.planning import YEAR_RANGE, new_plan, plan_from_dict, rules_from_dict
from promo.sharing import views


class Keys:
    """Session-state keys of the calendar page and its widgets (all start with "cal_")."""

    FLASH = "cal_flash"  # [(kind, text key, values)]: messages shown after the rerun that follows a change
    OPT = "cal_opt"  # {"result", "rules", "budget"}: the optimizer's last run
    IMPORTED = "cal_imported"  # (upload id, error or None) of the last plan file read
    TABS = "cal_tabs"
    # the item form: its target (the item it changes, NEW for a new one) and its fields
    TARGET, NEXT_TARGET = "cal_f_target", "cal_f_next_target"
    ID, TYPE, SEGMENTS, START, WEEKS, LOCKED = "cal_f_id", "cal_f_type", "cal_f_segs", "cal_f_start", "cal_f_weeks", \
        "cal_f_locked"
    REACH, CAP = "cal_f_reach", "cal_f_cap"
    PARAM = "cal_f_p"  # + ".<type>.<param>"
    # the optimizer's inputs
    OPT_BUDGET, OPT_OBJECTIVE, OPT_TYPES, OPT_SEGMENTS = "cal_opt_budget", "cal_opt_objective", "cal_opt_types", \
        "cal_opt_segs"
    OPT_NAME = "cal_opt_name"
    # files and versions
    SAVE_NAME, LOAD_PICK, VERSION_PICK, IMPORT = "cal_save_name", "cal_load_pick", "cal_version_pick", "cal_import"
    # widgets showing the plan or its rules: keyed by the version (``of``)
    YEAR, ITEMS_EDITOR, SEASON_EDITOR = "cal_year", "cal_items", "cal_season"
    RULE_TYPES, RULE_SEGMENTS, RULE_SHARE, RULE_CAP, RULE_PRIZE, RULE_TOTAL, RULE_PAIRS = (
        "cal_r_types", "cal_r_segs", "cal_r_share", "cal_r_cap", "cal_r_prize", "cal_r_total", "cal_r_pairs")

    @staticmethod
    def of(key: str, version: int) -> str:
        return f"{key}_{version}"


NEW = "__new__"  # the item form's target for a new item
DEFAULT_BUDGET = 200_000.0  # the optimizer's budget to start from (the demo plan was made with it)
FORM_DEFAULTS = {Keys.ID: "", Keys.TYPE: "discount", Keys.START: 1, Keys.WEEKS: 2, Keys.LOCKED: False}


@dataclass(frozen=True)
class Calendar:
    """What every part of the page reads: the working plan's version, the plan, its rules and their check."""

    version: int
    can_undo: bool
    can_redo: bool
    created: object
    plan: Plan
    rules: Rules
    view: views.PlanView  # value and violations under ``rules``
    segments: tuple

    @property
    def value(self):
        return self.view.value

    @property
    def violations(self):
        return self.view.violations


def flash(kind: str, key: str, **values) -> None:
    """A message shown after the rerun that follows a change (kept as a text key: it follows the language)."""
    st.session_state.setdefault(Keys.FLASH, []).append((kind, key, values))


def show_flash(box) -> None:
    """The messages of the last change; names in them (user text) are shown literally."""
    for kind, key, values in st.session_state.pop(Keys.FLASH, []):
        getattr(box, kind)(ui.md(key, **values))


def plan_name(year: int) -> str:
    return ui.T("cal.plan_name", year=year)


def load(segments) -> Calendar:
    """Guard: the working plan (an empty plan for next year on the very first visit), validated against today's
    segments; when it no longer fits them (a segment was removed), say so, offer a new plan and stop."""
    con = ui.con()
    record = store.working_plan(con)
    if record is None:
        year = min(max(date.today().year + 1, YEAR_RANGE[0]), YEAR_RANGE[1])
        store.save_working_plan(con, new_plan(year), Rules(), {"key": "cal.v.started", "values": {"year": year}})
        record = store.working_plan(con)
    try:
        plan = plan_from_dict(record["plan"], segments)
        rules = rules_from_dict(record["rules"], [s.key for s in segments], plan.weeks)
    except InputError as e:  # e.g. the segments changed since the plan was made
        st.error(ui.md("cal.files.invalid_state", msg=e.message(ui.lang())), icon=":material/warning:")
        if st.button(ui.T("cal.files.start_over"), key="cal_start_over"):
            year = int(record["plan"].get("year", date.today().year + 1))
            commit(new_plan(year), Rules(), "cal.v.started", year=year)
        st.stop()
    view = views.checked_plan_view(record["id"], plan_name(plan.year), plan, rules, segments)
    return Calendar(record["id"], record["can_undo"], record["can_redo"], record["created"], plan, rules, view,
                    tuple(segments))


def save(plan: Plan, rules: Rules, change: str, kind: str = "success", **values) -> None:
    """Make this the working plan (a new version) and say what changed after the rerun (from a widget callback)."""
    store.save_working_plan(ui.con(), plan, rules, {"key": change, "values": values})
    flash(kind, change, **values)


def commit(plan: Plan, rules: Rules, change: str, kind: str = "success", **values) -> None:
    """``save``, then rerun so the page shows the new plan."""
    save(plan, rules, change, kind, **values)
    st.rerun()


def commit_dict(d: dict, cal: Calendar, change: str, **values) -> str | None:
    """``commit`` a plan file's content with the current rules; its problem in words if it is not valid."""
    try:
        plan = plan_from_dict(d, cal.segments)
    except InputError as e:
        return ui.plain(e.message(ui.lang()))  # it quotes ids and names: shown literally
    commit(plan, cal.rules, change, **values)
    return None


def undo() -> None:
    if store.undo_working_plan(ui.con()):
        flash("info", "cal.v.undone")


def redo() -> None:
    if store.redo_working_plan(ui.con()):
        flash("info", "cal.v.redone")


def change_text(change: dict) -> str:
    """What a version changed, in the reader's language."""
    try:
        return ui.T(change["key"], **change.get("values", {}))
    except (KeyError, IndexError):  # a version written by a newer or older app
        return change.get("key", "")


__all__ = ["Calendar", "DEFAULT_BUDGET", "FORM_DEFAULTS", "Keys", "NEW", "change_text", "commit", "commit_dict",
           "flash", "load", "plan_name", "redo", "save", "show_flash", "undo"]
