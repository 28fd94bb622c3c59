"""Saved year plans: the plan and its rules as the same JSON as the files, validated before writing."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..errors import InputError
from .base import _now, clean_name, numbered, write

if TYPE_CHECKING:  # planning is imported where a function needs it (the import and RFM commands start without it)
    from ..planning.plan import Plan
    from ..planning.rules import Rules

_COLS = "id, name, year, plan, rules, summary, created, updated"


def _clean_name(name) -> str:
    return clean_name(name, ("Give the plan a name.", "请给计划起个名字。"))


def save_plan(con, name: str, plan: Plan, rules: Rules | None = None, summary: dict | None = None,
              plan_id: int | None = None) -> int:
    """Insert (or, with ``plan_id``, replace) a plan in one statement: nothing is saved half-way. A name another
    plan has gets a number (``base.numbered``)."""
    from ..planning.rules import Rules

    name = _clean_name(name)
    body = json.dumps(plan.to_dict(), ensure_ascii=False)
    rules_body = json.dumps((rules or Rules()).to_dict(), ensure_ascii=False)
    summary_body = json.dumps(summary or {}, ensure_ascii=False, default=float)
    now = _now()

    def go(cur):
        if plan_id is None:
            return cur.execute("INSERT INTO plans (name, year, plan, rules, summary, created, updated) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                               [numbered(cur, "plans", name), plan.year, body, rules_body, summary_body, now,
                                now]).fetchall()[0][0]
        rows = cur.execute("UPDATE plans SET name = ?, year = ?, plan = ?, rules = ?, summary = ?, updated = ? "
                           "WHERE id = ? RETURNING id",
                           [numbered(cur, "plans", name, int(plan_id)), plan.year, body, rules_body, summary_body, now,
                            int(plan_id)]).fetchall()
        if not rows:
            raise InputError(f"There is no saved plan {plan_id}.", f"没有编号为 {plan_id} 的已保存计划。", field="id")
        return rows[0][0]
    return int(write(con, go))


def _row(r) -> dict:
    pid, name, year, plan, rules, summary, created, updated = r
    return {"id": int(pid), "name": name, "year": int(year), "plan": json.loads(plan), "rules": json.loads(rules),
            "summary": json.loads(summary), "created": created, "updated": updated}


def list_plans(con) -> list[dict]:
    return [_row(r) for r in con.cursor().execute(f"SELECT {_COLS} FROM plans ORDER BY id").fetchall()]


def get_plan(con, plan_id: int) -> dict | None:
    rows = con.cursor().execute(f"SELECT {_COLS} FROM plans WHERE id = ?", [int(plan_id)]).fetchall()
    return _row(rows[0]) if rows else None


def saved_plan(record: dict, segments=None) -> tuple[Plan, Rules]:
    """The Plan and Rules of a saved record, validated again (segments may have changed since)."""
    from ..planning.plan import plan_from_dict
    from ..planning.rules import rules_from_dict

    plan = plan_from_dict(record["plan"], segments)
    keys = [s.key for s in segments] if segments else None
    return plan, rules_from_dict(record["rules"], keys, plan.weeks)


def delete_plan(con, plan_id: int) -> None:
    write(con, lambda cur: cur.execute("DELETE FROM plans WHERE id = ?", [int(plan_id)]))


__all__ = ["save_plan", "list_plans", "get_plan", "saved_plan", "delete_plan"]
