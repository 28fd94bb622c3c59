"""A year plan: items (a campaign, a start week, locked or not), the plan file, and the rule check.

Weeks are ISO weeks of the plan year (see ``festivals``). An item runs from ``start_week``
for the campaign's ``duration_weeks`` and must end inside the year.
"""
from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .campaign import SETTINGS, Campaign, check_number, make_campaign
from .errors import InputError, unknown
from .festivals import check_year, default_season, weeks_in_year
from .registry import TYPES
from .rules import Rules
from .segments import default_segments, pick

ITEM_KEYS = ("id", "type", "segments", "start_week", "params", "locked", *SETTINGS)
PLAN_KEYS = ("year", "season", "items")
SEASON_RANGE = SETTINGS["season"][3:5]


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


def read_json(path, kind: str):
    """Parse a JSON file; a missing or malformed file is an InputError naming the file and the place."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise InputError(f"Cannot read the {kind} file '{p}': {e.strerror or e}.",
                         f"无法读取{kind}文件「{p}」：{e.strerror or e}。", field=kind) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"The {kind} file '{p}' is not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}.",
                         f"{kind}文件「{p}」不是有效的 JSON：第 {e.lineno} 行第 {e.colno} 列，{e.msg}。",
                         field=kind) from None


def _in_item(err: InputError, label: str) -> InputError:
    return InputError(f"Item {label}: {err.en}", f"活动项 {label}：{err.zh}", field=err.field)


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
        segs = d["segments"]
        segs = [segs] if isinstance(segs, str) else list(segs)
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


def new_plan(year: int, items=(), season=None) -> Plan:
    year = check_year(year)
    return Plan(year, tuple(items), tuple(season) if season is not None else default_season(year))


# --- the rule check -------------------------------------------------------------------------


@dataclass(frozen=True)
class Violation:
    """A broken rule in words, with what to highlight: item ids and weeks."""

    rule: str
    en: str
    zh: str
    items: tuple[str, ...]
    weeks: tuple[int, ...] = ()
    segment: str | None = None

    def message(self, lang: str = "en") -> str:
        return self.zh if lang == "zh" else self.en

    def to_dict(self) -> dict:
        return {"rule": self.rule, "en": self.en, "zh": self.zh, "items": list(self.items), "weeks": list(self.weeks),
                "segment": self.segment}


def _names(segments):
    by = {s.key: s for s in segments}
    seg = lambda k, lang: by[k].name(lang) if k in by else k  # noqa: E731
    typ = lambda k, lang: TYPES[k].name(lang)  # noqa: E731
    return seg, typ


def _ids(items) -> str:
    return ", ".join(i.id for i in items)


def segment_shares(item: PlanItem, segments) -> dict[str, float]:
    """How an item's cost is split between its segments: by segment size (equal when all are empty)."""
    by = {s.key: s for s in segments}
    sizes = {k: by[k].size for k in item.segments}
    total = sum(sizes.values())
    return {k: (v / total if total > 0 else 1 / len(sizes)) for k, v in sizes.items()}


def _items_by_segment(plan: Plan):
    per = defaultdict(list)
    for it in plan.items:
        for s in it.segments:
            per[s].append(it)
    return per


def check(plan: Plan, rules: Rules, segments=None, value=None) -> list[Violation]:
    """Every broken rule, in words (both languages), naming the items and the weeks involved.

    Budgets compare expected costs from ``value`` (a ``PlanValue``; simulated when not given).
    """
    segments = tuple(segments or default_segments())
    seg, typ = _names(segments)
    out: list[Violation] = []
    per_seg = _items_by_segment(plan)
    for s, items in per_seg.items():
        by_type = defaultdict(list)
        for it in items:
            by_type[it.type].append(it)
        for t, runs in by_type.items():
            runs.sort(key=lambda i: i.start_week)
            limit = rules.max_runs.get(t, TYPES[t].max_runs_per_year)
            if len(runs) > limit:
                out.append(Violation(
                    "max_runs", f"{typ(t, 'en')} runs {len(runs)} times for {seg(s, 'en')}, more than the limit of {limit} "
                    f"a year (items {_ids(runs)}).",
                    f"{seg(s, 'zh')}的{typ(t, 'zh')}安排了 {len(runs)} 次，超过每年 {limit} 次的上限（活动项 {_ids(runs)}）。",
                    tuple(i.id for i in runs), tuple(i.start_week for i in runs), s))
            gap = rules.min_gap_weeks.get(t, 0)
            for a, b in zip(runs, runs[1:]):
                between = b.start_week - a.end_week - 1
                if between < gap:
                    out.append(Violation(
                        "min_gap_weeks", f"{typ(t, 'en')} items {a.id} (weeks {a.start_week}–{a.end_week}) and {b.id} "
                        f"(weeks {b.start_week}–{b.end_week}) for {seg(s, 'en')} are {max(between, 0)} weeks apart"
                        f"{' (they overlap)' if between < 0 else ''}; the minimum gap is {gap} weeks.",
                        f"{seg(s, 'zh')}的{typ(t, 'zh')}活动项 {a.id}（第 {a.start_week}–{a.end_week} 周）与 {b.id}（第 "
                        f"{b.start_week}–{b.end_week} 周）间隔 {max(between, 0)} 周{'（时间重叠）' if between < 0 else ''}，"
                        f"最少应间隔 {gap} 周。",
                        (a.id, b.id), tuple(range(min(a.end_week + 1, b.start_week), b.start_week + 1)), s))
        deal = [it for it in items if it.type in rules.deal_types]
        deal_weeks = sum(it.duration for it in deal)
        limit = math.floor(rules.max_deal_share * plan.weeks + 1e-9)
        if deal_weeks > limit:
            out.append(Violation(
                "max_deal_share", f"{seg(s, 'en')} has {deal_weeks} deal-weeks (each offer's weeks counted); the limit is "
                f"{rules.max_deal_share:.0%} of {plan.weeks} weeks = {limit} (items {_ids(deal)}).",
                f"{seg(s, 'zh')}共有 {deal_weeks} 个促销周（每个活动的周数分别计入），上限为 {plan.weeks} 周的 "
                f"{rules.max_deal_share:.0%} = {limit} 周（活动项 {_ids(deal)}）。",
                tuple(i.id for i in deal), tuple(sorted({w for it in deal for w in it.weeks})), s))
        for ta, tb in rules.no_overlap:
            for a in (i for i in items if i.type == ta):
                for b in (i for i in items if i.type == tb and i is not a and (ta != tb or i.start_week > a.start_week)):
                    both = sorted(set(a.weeks) & set(b.weeks))
                    if both:
                        out.append(Violation(
                            "no_overlap", f"{typ(ta, 'en')} {a.id} and {typ(tb, 'en')} {b.id} overlap for {seg(s, 'en')} in "
                            f"weeks {both[0]}–{both[-1]}; these two types must not run at the same time on one segment.",
                            f"{seg(s, 'zh')}的{typ(ta, 'zh')} {a.id} 与{typ(tb, 'zh')} {b.id} 在第 {both[0]}–{both[-1]} 周重叠；"
                            f"这两类促销不得在同一客群同时进行。", (a.id, b.id), tuple(both), s))
    for it in plan.items:
        if it.campaign.cap_per_customer > rules.max_cap_per_customer:
            out.append(Violation(
                "max_cap_per_customer", f"Item {it.id} lets each customer redeem {it.campaign.cap_per_customer} times; "
                f"the limit is {rules.max_cap_per_customer}.",
                f"活动项 {it.id} 每人可享受 {it.campaign.cap_per_customer} 次，上限为 {rules.max_cap_per_customer} 次。",
                (it.id,), tuple(it.weeks)))
        top = _top_prize(it.campaign)
        if top is not None and top > rules.prize_cap:
            out.append(Violation(
                "prize_cap", f"Item {it.id} has a prize worth {top:,.0f}, above the prize cap of {rules.prize_cap:,.0f}.",
                f"活动项 {it.id} 的单个奖品价值 {top:,.0f}，超过奖品上限 {rules.prize_cap:,.0f}。", (it.id,), tuple(it.weeks)))
    out.extend(_budget_violations(plan, rules, segments, value))
    return out


def _top_prize(c: Campaign) -> float | None:
    """The largest single prize of a lottery, or of a quiz decided by chance (which counts as a lottery)."""
    if c.type == "lottery":
        return max(c.params["prize1_value"], c.params["prize2_value"], c.params["prize3_value"])
    if c.type == "prize_quiz" and c.params["chance"] == "yes":
        return c.params["top_prize"]
    return None


def _budget_violations(plan: Plan, rules: Rules, segments, value) -> list[Violation]:
    if rules.budget_total is None and not rules.budget_per_type and not rules.budget_per_segment:
        return []
    if value is None:
        from .plan_value import plan_value
        value = plan_value(plan, segments)
    seg, typ = _names(segments)
    cost = {i: value.items[i].cost.mean for i in value.items}
    out = []

    def over(rule, spent, limit, items, en_what, zh_what, segment=None):
        if spent > limit + 1e-6:
            out.append(Violation(rule, f"{en_what} expected cost {spent:,.0f} is over its budget of {limit:,.0f} "
                                 f"(items {_ids(items)}).",
                                 f"{zh_what}预计成本 {spent:,.0f}，超出预算 {limit:,.0f}（活动项 {_ids(items)}）。",
                                 tuple(i.id for i in items), tuple(sorted({w for i in items for w in i.weeks})), segment))

    if rules.budget_total is not None:
        over("budget.total", sum(cost.values()), rules.budget_total, plan.items, "The plan's", "计划总")
    for t, limit in rules.budget_per_type.items():
        items = [i for i in plan.items if i.type == t]
        over("budget.per_type", sum(cost[i.id] for i in items), limit, items, f"{typ(t, 'en')}'s", f"{typ(t, 'zh')}")
    for s, limit in rules.budget_per_segment.items():
        items = [i for i in plan.items if s in i.segments]
        spent = sum(cost[i.id] * segment_shares(i, segments)[s] for i in items)
        over("budget.per_segment", spent, limit, items, f"{seg(s, 'en')}'s", f"{seg(s, 'zh')}", s)
    return out


__all__ = ["PlanItem", "Plan", "Violation", "make_item", "plan_from_dict", "load_plan", "new_plan", "read_json",
           "check", "segment_shares"]
