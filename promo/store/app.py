"""Settings, segments and saved scenarios."""
from __future__ import annotations

import itertools
import json
import weakref
from typing import TYPE_CHECKING

from ..errors import InputError, unknown
from ..sharing import links
from .base import _now, clean_name, numbered, write

if TYPE_CHECKING:  # the model is imported where a function needs it: the import and RFM commands start without it
    from ..model.campaign import Campaign
    from ..model.segments import Segment

__all__ = ["BUSINESS_SETTINGS", "get_settings", "save_settings", "load_segments", "save_segments", "reset_segments",
           "save_scenario", "list_scenarios", "get_scenario", "scenario_campaign", "rename_scenario", "delete_scenario"]

# name: (default, zh, en); typed by the default's type
BUSINESS_SETTINGS = {
    "business_name": ("", "商家名称", "Business name"),
    "currency": ("¥", "货币符号", "Currency symbol"),
    "language": ("zh", "默认语言", "Default language"),
    "default_margin": (0.5, "默认毛利率", "Default gross margin"),
    "public_url": ("", "公开地址", "Public address"),  # share links are built on it (PROMO_PUBLIC_URL wins)
}

# --- settings -------------------------------------------------------------------------------

def get_settings(con) -> dict:
    rows = dict(con.cursor().execute("SELECT key, value FROM settings").fetchall())
    out = {}
    for k, (default, *_labels) in BUSINESS_SETTINGS.items():
        out[k] = type(default)(json.loads(rows[k])) if k in rows else default
    return out


def save_settings(con, **values) -> None:
    for k in values:
        if k not in BUSINESS_SETTINGS:
            raise unknown("setting", "设置", k, list(BUSINESS_SETTINGS), field=k)
    if "language" in values and values["language"] not in ("zh", "en"):
        raise InputError("language must be 'zh' or 'en'.", "语言只能是 zh 或 en。", field="language")
    if "default_margin" in values and not 0 <= float(values["default_margin"]) < 1:
        raise InputError("default_margin must be between 0 and 0.99.", "默认毛利率必须在 0 到 0.99 之间。",
                         field="default_margin")
    if "public_url" in values:
        values = {**values, "public_url": links.check_url(values["public_url"])}

    def go(cur):
        for k, v in values.items():
            cur.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", [k, json.dumps(v, ensure_ascii=False)])
    write(con, go)


# --- segments -------------------------------------------------------------------------------

# Every page run reads the segments (a query and seven validations, about 1 ms); they change only through
# write_segments, so each connection keeps the last read until the version moves on.
_READ: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # connection → (version, segments)
_VERSION = itertools.count(1)
_version = 0


def load_segments(con) -> tuple[Segment, ...]:
    version = _version  # taken before the read: a write committed meanwhile makes this entry stale, not wrong
    hit = _READ.get(con)
    if hit and hit[0] == version:
        return hit[1]
    from ..model.segments import default_segments, make_segment

    rows = con.cursor().execute("SELECT data FROM segments ORDER BY position").fetchall()
    segs = tuple(make_segment(json.loads(r[0])) for r in rows) if rows else default_segments()
    _READ[con] = (version, segs)
    return segs


def write_segments(con, fn):
    """``write(con, fn)`` for a change that includes the segment table; the version moves on after the commit
    (or the rollback), so no reader can keep what was there before."""
    global _version
    try:
        return write(con, fn)
    finally:
        _version = next(_VERSION)


def save_segments(con, segments) -> None:
    """Replace the segment table as a whole (validated first, so a bad row changes nothing)."""
    from ..model.segments import Segment, make_segment

    segs = [s if isinstance(s, Segment) else make_segment(s) for s in segments]
    write_segments(con, lambda cur: replace_segments(cur, segs))


def replace_segments(cur, segs) -> None:
    """The one writer of the segment table, inside a ``write_segments`` transaction (a bad list rolls it back)."""
    keys = [s.key for s in segs]
    if len(set(keys)) != len(keys):
        raise InputError("Two segments have the same key.", "有两个客群的代码相同。", field="key")
    if not segs:
        raise InputError("Keep at least one segment.", "至少保留一个客群。", field="key")
    cur.execute("DELETE FROM segments")
    for i, s in enumerate(segs):
        cur.execute("INSERT INTO segments VALUES (?, ?, ?)", [s.key, i, json.dumps(s.to_dict(), ensure_ascii=False)])


def reset_segments(con) -> None:
    from ..model.segments import default_segments

    save_segments(con, default_segments())


# --- scenarios ------------------------------------------------------------------------------

def _clean_name(name) -> str:
    return clean_name(name, ("Give the scenario a name.", "请给方案起个名字。"))


def save_scenario(con, name: str, campaign: Campaign, summary: dict) -> int:
    """A new saved scenario; a name another scenario has gets a number (``base.numbered``)."""
    name = _clean_name(name)
    now = _now()

    def go(cur):
        return cur.execute(
            "INSERT INTO scenarios (name, type, campaign, summary, created, updated) VALUES (?, ?, ?, ?, ?, ?) "
            "RETURNING id",
            [numbered(cur, "scenarios", name), campaign.type, json.dumps(campaign.to_dict(), ensure_ascii=False),
             json.dumps(summary, ensure_ascii=False), now, now]).fetchall()[0][0]
    return int(write(con, go))


def _scenario(row) -> dict:
    sid, name, type_, campaign, summary, created, updated = row
    return {"id": int(sid), "name": name, "type": type_, "campaign": json.loads(campaign),
            "summary": json.loads(summary), "created": created, "updated": updated}


_COLS = "id, name, type, campaign, summary, created, updated"


def list_scenarios(con) -> list[dict]:
    return [_scenario(r) for r in con.cursor().execute(f"SELECT {_COLS} FROM scenarios ORDER BY id").fetchall()]


def get_scenario(con, scenario_id: int) -> dict | None:
    rows = con.cursor().execute(f"SELECT {_COLS} FROM scenarios WHERE id = ?", [int(scenario_id)]).fetchall()
    return _scenario(rows[0]) if rows else None


def scenario_campaign(scenario: dict) -> Campaign:
    from ..model.campaign import campaign_from_dict

    return campaign_from_dict(scenario["campaign"])


def rename_scenario(con, scenario_id: int, name: str) -> str:
    """Rename; a name another scenario has gets a number. Returns the name given."""
    name = _clean_name(name)

    def go(cur):
        given = numbered(cur, "scenarios", name, int(scenario_id))
        cur.execute("UPDATE scenarios SET name = ?, updated = ? WHERE id = ?", [given, _now(), int(scenario_id)])
        return given
    return write(con, go)


def delete_scenario(con, scenario_id: int) -> None:
    write(con, lambda cur: cur.execute("DELETE FROM scenarios WHERE id = ?", [int(scenario_id)]))
