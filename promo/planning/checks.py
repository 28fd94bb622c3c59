"""The rule check: every broken rule of a plan, in words (both languages), naming the items and weeks involved."""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

from ..model.types import TYPES
from ..model.segments import default_segments
from .plan import Plan, segment_shares
from .rules import Rules
from .valuation import plan_value


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
    seg = lambda k, lang: by[k].name(lang) if k in by else k
    typ = lambda k, lang: TYPES[k].name(lang)
    return seg, typ


def _ids(items) -> str:
    return ", ".join(i.id for i in items)


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
                    "max_runs", f"{typ(t, 'en')} runs {len(runs)} times for {seg(s, 'en')}, more than the limit of "
                    f"{limit} a year (items {_ids(runs)}).",
                    f"{seg(s, 'zh')}的{typ(t, 'zh')}安排了 {len(runs)} 次，超过每年 {limit} 次的上限"
                    f"（活动项 {_ids(runs)}）。",
                    tuple(i.id for i in runs), tuple(i.start_week for i in runs), s))
            gap = rules.min_gap_weeks.get(t, 0)
            for a, b in pairwise(runs):
                between = b.start_week - a.end_week - 1
                if between < gap:
                    out.append(Violation(
                        "min_gap_weeks", f"{typ(t, 'en')} items {a.id} (weeks {a.start_week}–{a.end_week}) and {b.id} "
                        f"(weeks {b.start_week}–{b.end_week}) for {seg(s, 'en')} are {max(between, 0)} weeks apart"
                        f"{' (they overlap)' if between < 0 else ''}; the minimum gap is {gap} weeks.",
                        f"{seg(s, 'zh')}的{typ(t, 'zh')}活动项 {a.id}（第 {a.start_week}–{a.end_week} 周）"
                        f"与 {b.id}（第 {b.start_week}–{b.end_week} 周）间隔 {max(between, 0)} 周"
                        f"{'（时间重叠）' if between < 0 else ''}，最少应间隔 {gap} 周。",
                        (a.id, b.id), tuple(range(min(a.end_week + 1, b.start_week), b.start_week + 1)), s))
        deal = [it for it in items if it.type in rules.deal_types]
        deal_weeks = sum(it.duration for it in deal)
        limit = math.floor(rules.max_deal_share * plan.weeks + 1e-9)
        if deal_weeks > limit:
            out.append(Violation(
                "max_deal_share", f"{seg(s, 'en')} has {deal_weeks} deal-weeks (each offer's weeks counted); "
                f"the limit is {rules.max_deal_share:.0%} of {plan.weeks} weeks = {limit} (items {_ids(deal)}).",
                f"{seg(s, 'zh')}共有 {deal_weeks} 个促销周（每个活动的周数分别计入），上限为 {plan.weeks} 周的 "
                f"{rules.max_deal_share:.0%} = {limit} 周（活动项 {_ids(deal)}）。",
                tuple(i.id for i in deal), tuple(sorted({w for it in deal for w in it.weeks})), s))
        for ta, tb in rules.no_overlap:
            for a in (i for i in items if i.type == ta):
                for b in (i for i in items
                          if i.type == tb and i is not a and (ta != tb or i.start_week > a.start_week)):
                    both = sorted(set(a.weeks) & set(b.weeks))
                    if both:
                        out.append(Violation(
                            "no_overlap", f"{typ(ta, 'en')} {a.id} and {typ(tb, 'en')} {b.id} overlap for "
                            f"{seg(s, 'en')} in weeks {both[0]}–{both[-1]}; these two types must not run at the same "
                            "time on one segment.",
                            f"{seg(s, 'zh')}的{typ(ta, 'zh')} {a.id} 与{typ(tb, 'zh')} {b.id} "
                            f"在第 {both[0]}–{both[-1]} 周重叠；这两类促销不得在同一客群同时进行。",
                            (a.id, b.id), tuple(both), s))
    for it in plan.items:
        if it.campaign.cap_per_customer > rules.max_cap_per_customer:
            out.append(Violation(
                "max_cap_per_customer", f"Item {it.id} lets each customer redeem {it.campaign.cap_per_customer} times; "
                f"the limit is {rules.max_cap_per_customer}.",
                f"活动项 {it.id} 每人可享受 {it.campaign.cap_per_customer} 次，"
                f"上限为 {rules.max_cap_per_customer} 次。",
                (it.id,), tuple(it.weeks)))
        top = TYPES[it.type].capped_prize(it.campaign.params)
        if top is not None and top > rules.prize_cap:
            out.append(Violation(
                "prize_cap",
                f"Item {it.id} has a prize worth {top:,.0f}, above the prize cap of {rules.prize_cap:,.0f}.",
                f"活动项 {it.id} 的单个奖品价值 {top:,.0f}，超过奖品上限 {rules.prize_cap:,.0f}。",
                (it.id,), tuple(it.weeks)))
    out.extend(_budget_violations(plan, rules, segments, value))
    return out



def _budget_violations(plan: Plan, rules: Rules, segments, value) -> list[Violation]:
    if rules.budget_total is None and not rules.budget_per_type and not rules.budget_per_segment:
        return []
    if value is None:
        value = plan_value(plan, segments)
    seg, typ = _names(segments)
    cost = {i: value.items[i].cost.mean for i in value.items}
    out = []

    def over(rule, spent, limit, items, en_what, zh_what, segment=None):
        if spent > limit + 1e-6:
            out.append(Violation(rule, f"{en_what} expected cost {spent:,.0f} is over its budget of {limit:,.0f} "
                                 f"(items {_ids(items)}).",
                                 f"{zh_what}预计成本 {spent:,.0f}，超出预算 {limit:,.0f}（活动项 {_ids(items)}）。",
                                 tuple(i.id for i in items), tuple(sorted({w for i in items for w in i.weeks})),
                                 segment))

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


__all__ = ["Violation", "check"]
