"""The calendar's working plan, saved on every change as a new version: a reload or a new session finds it, and a
change can be undone, redone, or an earlier version restored.

The working plan is the newest version not undone. A change after an undo drops the undone versions (as an editor
drops its redo history); restoring an earlier version adds a copy of it as the newest, so nothing before it is
lost. Versions beyond the newest ``KEEP`` are dropped. ``change`` says what changed as a text key with its values
(``{"key": "cal.v.added", "values": {...}}``), so the list of versions reads in the reader's language.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..errors import InputError
from .base import _now, write

if TYPE_CHECKING:  # annotations only: the import and RFM commands start without planning
    from ..planning.plan import Plan
    from ..planning.rules import Rules

KEEP = 100
_COLS = "id, plan, rules, change, created, undone"


def _row(r) -> dict:
    vid, plan, rules, change, created, undone = r[:6]
    return {"id": int(vid), "plan": json.loads(plan), "rules": json.loads(rules), "change": json.loads(change),
            "created": created, "undone": bool(undone)}


def working_plan(con) -> dict | None:
    """The working plan's version (``id, plan, rules, change, created``) with ``can_undo`` and ``can_redo``;
    None before the first save. One query: the calendar reads it on every run."""
    rows = con.cursor().execute(
        f"SELECT {_COLS}, count(*) FILTER (WHERE NOT undone) OVER (), count(*) FILTER (WHERE undone) OVER () "
        "FROM plan_versions ORDER BY undone, id DESC LIMIT 1").fetchall()
    if not rows or rows[0][5]:
        return None
    return {**_row(rows[0]), "can_undo": rows[0][6] > 1, "can_redo": rows[0][7] > 0}


def save_working_plan(con, plan: Plan, rules: Rules, change: dict) -> int:
    """Make ``plan`` with ``rules`` the working plan (a new version; none when nothing changed). Returns its id."""
    body = plan.to_dict()
    rules_body = rules.to_dict()
    change_body = json.dumps(change, ensure_ascii=False, default=str)

    def go(cur):
        cur.execute("DELETE FROM plan_versions WHERE undone")
        rows = cur.execute("SELECT id, plan, rules FROM plan_versions ORDER BY id DESC LIMIT 1").fetchall()
        if rows and json.loads(rows[0][1]) == body and json.loads(rows[0][2]) == rules_body:
            return rows[0][0]
        vid = cur.execute("INSERT INTO plan_versions (plan, rules, change, created) VALUES (?, ?, ?, ?) RETURNING id",
                          [json.dumps(body, ensure_ascii=False), json.dumps(rules_body, ensure_ascii=False),
                           change_body, _now()]).fetchall()[0][0]
        cur.execute("DELETE FROM plan_versions WHERE id NOT IN (SELECT id FROM plan_versions ORDER BY id DESC LIMIT ?)",
                    [KEEP])
        return vid
    return int(write(con, go))


def undo_working_plan(con) -> bool:
    """Back to the version before the working one; False when there is none."""
    def go(cur):
        rows = cur.execute("SELECT id FROM plan_versions WHERE NOT undone ORDER BY id DESC LIMIT 2").fetchall()
        if len(rows) < 2:
            return False
        cur.execute("UPDATE plan_versions SET undone = true WHERE id = ?", [rows[0][0]])
        return True
    return bool(write(con, go))


def redo_working_plan(con) -> bool:
    """Forward to the version the last undo left; False when nothing was undone."""
    def go(cur):
        rows = cur.execute("SELECT min(id) FROM plan_versions WHERE undone").fetchall()
        if rows[0][0] is None:
            return False
        cur.execute("UPDATE plan_versions SET undone = false WHERE id = ?", [rows[0][0]])
        return True
    return bool(write(con, go))


def plan_versions(con, limit: int = 30) -> list[dict]:
    """The working plan and the versions before it, newest first."""
    return [_row(r) for r in con.cursor().execute(
        f"SELECT {_COLS} FROM plan_versions WHERE NOT undone ORDER BY id DESC LIMIT ?", [int(limit)]).fetchall()]


def restore_plan_version(con, version_id: int, plan: Plan, rules: Rules) -> int:
    """Make an earlier version (validated again by the caller into ``plan`` and ``rules``) the working plan."""
    rows = con.cursor().execute("SELECT id FROM plan_versions WHERE id = ? AND NOT undone",
                                [int(version_id)]).fetchall()
    if not rows:
        raise InputError(f"There is no plan version {version_id}.", f"没有编号为 {version_id} 的计划版本。",
                         field="version")
    return save_working_plan(con, plan, rules, {"key": "cal.v.restored", "values": {"version": int(version_id)}})


def plan_version(con, version_id: int) -> dict | None:
    rows = con.cursor().execute(f"SELECT {_COLS} FROM plan_versions WHERE id = ?", [int(version_id)]).fetchall()
    return _row(rows[0]) if rows else None


__all__ = ["working_plan", "save_working_plan", "undo_working_plan", "redo_working_plan", "plan_versions",
           "plan_version", "restore_plan_version"]
