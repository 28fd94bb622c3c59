"""A year plan: items (a campaign, a start week, locked or not) and the plan file.

Weeks are ISO weeks of the plan year (see ``festivals``). An item runs from ``start_week``
for the campaign's ``duration_weeks`` and must end inside the year.
"""
from __future__ import annotations

import itertools
import json
from dataclasses import dataclass

from ..errors import InputError, unknown
from ..i18n import t
from ..jsonfile import parse_json, read_json
from ..model.campaign import SETTINGS, Campaign, check_number, make_campaign
from ..model.segments import default_segments, pick
from .festivals import check_year, default_season, weeks_in_year

ITEM_KEYS = ("id", "type", "segments", "start_week", "params", "locked", *SETTINGS)
PLAN_KEYS = ("year", "season", "items")
SEASON_RANGE = (SETTINGS["season"].lo, SETTINGS["season"].hi)


@dataclass(frozen=True)
class PlanItem:
    id: str
    campaign: Campaign
    start_week: int
    locked: bool = False

    @property
    def type(self) -> str:
        return self.campaign.type

    @property
    def segments(self) -> tuple[str, ...]:
        return self.campaign.segments

    @property
    def duration(self) -> int:
        return self.campaign.duration_weeks

    @property
    def end_week(self) -> int:
        return self.start_week + self.duration - 1

    @property
    def weeks(self) -> range:
        return range(self.start_week, self.end_week + 1)

    def to_dict(self) -> dict:
        c = self.campaign.to_dict()
        return {"id": self.id, "type": c.pop("type"), "segments": c.pop("segments"), "start_week": self.start_week,
                "locked": self.locked, **c}


@dataclass(frozen=True)
class Plan:
    year: int
    items: tuple[PlanItem, ...]
    season: tuple[float, ...]  # demand multiplier per week, index 0 = week 1

    @property
    def weeks(self) -> int:
        return len(self.season)

    def to_dict(self) -> dict:
        return {"year": self.year, "season": list(self.season), "items": [i.to_dict() for i in self.items]}


def _in_item(err: InputError, label: str) -> InputError:
    return InputError(f"Item {label}: {err.en}", f"活动项 {label}：{err.zh}", field=err.field)


def _wrong_type(name: str, value, en: str, zh: str) -> InputError:
    shown = json.dumps(value, ensure_ascii=False)[:80]
    return InputError(f"{name} must be {en}, got {shown}.", f"{name} 应为{zh}，收到 {shown}。", field=name)


def make_item(d: dict, n: int, year: int, weeks: int, segments) -> PlanItem:
    """One plan item from its file record (``n`` is its 1-based position, used when it has no id)."""
    if not isinstance(d, dict):
        raise InputError(f"Item {n} must be a JSON object, got {json.dumps(d, ensure_ascii=False)}.",
                         f"第 {n} 个活动项必须是 JSON 对象，收到 {json.dumps(d, ensure_ascii=False)}。", field="items")
    item_id = str(d.get("id") or f"item-{n}")
    label = f"'{item_id}' (number {n})"
    try:
        for k in d:
            if k not in ITEM_KEYS:
                raise unknown("item field", "活动项字段", k, ITEM_KEYS, field=k)
        for k in ("type", "segments", "start_week"):
            if k not in d:
                raise InputError(f"'{k}' is missing.", f"缺少「{k}」。", field=k)
        segs = [d["segments"]] if isinstance(d["segments"], str) else d["segments"]
        if not isinstance(segs, list) or not all(isinstance(s, str) for s in segs):
            raise _wrong_type("segments", d["segments"], "a list of segment keys like [\"active\"]",
                              "客群代码的列表，例如 [\"active\"]")
        if not isinstance(d["type"], str):
            raise _wrong_type("type", d["type"], "a promotion type like \"coupon\"", "促销类型，例如 \"coupon\"")
        if not isinstance(d.get("params", {}), (dict, type(None))):
            raise _wrong_type("params", d["params"], "an object like {\"face_value\": 20}",
                              "对象，例如 {\"face_value\": 20}")
        pick(segments, segs)
        settings = {k: d[k] for k in SETTINGS if k in d}
        campaign = make_campaign(d["type"], segs, d.get("params"), **settings)
        start = int(check_number("start_week", d["start_week"], 1, weeks, integer=True))
        end = start + campaign.duration_weeks - 1
        if end > weeks:
            raise InputError(f"it runs weeks {start}–{end}, but {year} has {weeks} weeks; start it by week "
                             f"{weeks - campaign.duration_weeks + 1} or shorten it.",
                             f"它安排在第 {start}–{end} 周，但 {year} 年只有 {weeks} 周；请最晚在第 "
                             f"{weeks - campaign.duration_weeks + 1} 周开始，或缩短时长。", field="start_week")
        locked = d.get("locked", False)
        if not isinstance(locked, bool):
            raise InputError(f"locked must be true or false, got {json.dumps(locked)}.",
                             f"locked 只能是 true 或 false，收到 {json.dumps(locked)}。", field="locked")
    except InputError as e:
        raise _in_item(e, label) from None
    return PlanItem(item_id, campaign, start, locked)


def make_season(value, year: int) -> tuple[float, ...]:
    """The year's default multipliers, replaced by a full list or changed week by week with {"week": x}."""
    base = list(default_season(year))
    if value is None:
        return tuple(base)
    if isinstance(value, list):
        if len(value) != len(base):
            raise InputError(f"season has {len(value)} values but {year} has {len(base)} weeks.",
                             f"season 有 {len(value)} 个值，但 {year} 年有 {len(base)} 周。", field="season")
        pairs = enumerate(value, 1)
    elif isinstance(value, dict):
        pairs = value.items()
    else:
        raise InputError("season must be a list of weekly multipliers or an object {\"week\": multiplier}.",
                         "season 应为每周系数的列表，或 {\"周\": 系数} 形式的对象。", field="season")
    for w, x in pairs:
        week = int(check_number("season week", w, 1, len(base), integer=True))
        base[week - 1] = check_number(f"season[{week}]", x, *SEASON_RANGE)
    return tuple(base)


def plan_from_dict(d: dict, segments=None) -> Plan:
    """Validate a plan file's content; every problem names the item and what is allowed."""
    segments = tuple(segments or default_segments())
    if not isinstance(d, dict):
        raise InputError("A plan file must hold a JSON object with 'year' and 'items'.",
                         "计划文件必须是包含 'year' 和 'items' 的 JSON 对象。", field="plan")
    for k in d:
        if k not in PLAN_KEYS:
            raise unknown("plan field", "计划字段", k, PLAN_KEYS, field=k)
    if "year" not in d:
        raise InputError("The plan needs a 'year'.", "计划缺少年份 'year'。", field="year")
    year = check_year(d["year"])
    weeks = weeks_in_year(year)
    raw = d.get("items", [])
    if not isinstance(raw, list):
        raise InputError("'items' must be a list.", "'items' 必须是列表。", field="items")
    items = tuple(make_item(x, n, year, weeks, segments) for n, x in enumerate(raw, 1))
    seen = set()
    for it in items:
        if it.id in seen:
            raise InputError(f"Two items have the id '{it.id}'; ids must be unique.",
                             f"有两个活动项的编号都是「{it.id}」；编号必须唯一。", field="id")
        seen.add(it.id)
    return Plan(year, items, make_season(d.get("season"), year))


def load_plan(path, segments=None) -> Plan:
    return plan_from_dict(read_json(path, "plan"), segments)


def plan_from_file(data: bytes, name: str, segments=None) -> Plan:
    """A plan from an uploaded file's bytes, or an InputError in both languages naming the file and what is wrong
    (not UTF-8, not JSON, nested too deep, numbers too large: the JSON reader's; then the plan's own checks)."""
    d = parse_json(data, "plan", name)
    try:
        return plan_from_dict(d, segments)
    except InputError as e:
        raise InputError(t("plan.file.bad_plan", "en", name=name, msg=e.en),
                         t("plan.file.bad_plan", "zh", name=name, msg=e.zh), field="plan") from None


def change_year(d: dict, year: int) -> tuple[dict, list[str]]:
    """A plan file's content moved to ``year``: that year's festival season; items that no longer end inside the
    year are left out. Returns (the new content, ids of the items left out)."""
    weeks = weeks_in_year(check_year(year))
    default = SETTINGS["duration_weeks"].default
    keep = [i for i in d.get("items", []) if i["start_week"] + i.get("duration_weeks", default) - 1 <= weeks]
    dropped = [i.get("id", "") for i in d.get("items", []) if i not in keep]
    return {"year": int(year), "season": list(default_season(int(year))), "items": keep}, dropped


def next_item_id(items) -> str:
    """The first free ``item-N`` after the items there are (ids the user typed are kept as they are)."""
    taken = {i["id"] if isinstance(i, dict) else i.id for i in items}
    return next(f"item-{n}" for n in itertools.count(len(taken) + 1) if f"item-{n}" not in taken)


def with_item(d: dict, record: dict, replace_id: str | None = None, segments=None) -> Plan:
    """The plan with ``record`` added (a free id when it has none) or put in place of the item ``replace_id``,
    validated: a bad item raises an InputError and the plan stays as it was."""
    items = [dict(i) for i in d.get("items", [])]
    record = dict(record)
    if replace_id is None:
        record["id"] = record.get("id") or next_item_id(items)
        items.append(record)
    else:
        record["id"] = replace_id
        items = [record if i["id"] == replace_id else i for i in items]
    return plan_from_dict({**d, "items": items}, segments)


def without_item(d: dict, item_id: str, segments=None) -> Plan:
    return plan_from_dict({**d, "items": [i for i in d.get("items", []) if i["id"] != item_id]}, segments)


def new_plan(year: int, items=(), season=None) -> Plan:
    year = check_year(year)
    return Plan(year, tuple(items), tuple(season) if season is not None else default_season(year))


def segment_shares(item: PlanItem, segments) -> dict[str, float]:
    """How an item's cost is split between its segments: by segment size (equal when all are empty)."""
    by = {s.key: s for s in segments}
    sizes = {k: by[k].size for k in item.segments}
    total = sum(sizes.values())
    return {k: (v / total if total > 0 else 1 / len(sizes)) for k, v in sizes.items()}



__all__ = ["PlanItem", "Plan", "make_item", "plan_from_dict", "load_plan", "plan_from_file", "change_year",
           "next_item_id", "with_item", "without_item", "new_plan", "segment_shares"]
