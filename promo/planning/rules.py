"""Frequency and budget rules of a plan: defaults a user can change, the rules file, contradictions.

Counting conventions (also in docs/plan-format.md): runs and gaps are counted per segment
(an item aimed at two segments is a run for each), because fatigue and waiting for the next
offer happen in customers' heads; the deal-weeks of a segment are the weeks of its deal-type
items added up (two offers in one week count twice: each is an offer customers see; it also
spares the optimizer one indicator per week, which keeps it fast); budgets count expected
cost, split between an item's segments by segment size.
"""
from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass, field

from ..errors import InputError, unknown
from ..i18n import t
from ..jsonfile import read_json
from ..model.campaign import SETTINGS, check_number
from ..model.registry import LEGAL_PRIZE_CAP
from ..model.types import TYPES

RULE_KEYS = ("max_runs", "min_gap_weeks", "max_deal_share", "deal_types", "max_cap_per_customer", "no_overlap",
             "budget", "prize_cap")
BUDGET_KEYS = ("total", "per_type", "per_segment")


@dataclass(frozen=True)
class Rules:
    # defaults are the registry's planning facts, read when a Rules is made (so a type added later counts too)
    max_runs: dict = field(default_factory=lambda: {k: t.planning.max_runs for k, t in TYPES.items()})
    min_gap_weeks: dict = field(default_factory=lambda: {k: t.planning.min_gap_weeks for k, t in TYPES.items()})
    max_deal_share: float = 0.35
    deal_types: tuple[str, ...] = field(default_factory=lambda: tuple(k for k, t in TYPES.items() if t.planning.deal))
    max_cap_per_customer: int = 3
    no_overlap: tuple[tuple[str, str], ...] = field(default_factory=lambda: tuple(
        tuple(sorted(p)) for p in itertools.combinations([k for k, t in TYPES.items() if t.price_offer], 2)))
    budget_total: float | None = None  # None = no limit
    budget_per_type: dict = field(default_factory=dict)
    budget_per_segment: dict = field(default_factory=dict)
    prize_cap: float = LEGAL_PRIZE_CAP

    def to_dict(self) -> dict:
        return {"max_runs": dict(self.max_runs), "min_gap_weeks": dict(self.min_gap_weeks),
                "max_deal_share": self.max_deal_share, "deal_types": list(self.deal_types),
                "max_cap_per_customer": self.max_cap_per_customer, "no_overlap": [list(p) for p in self.no_overlap],
                "budget": {"total": self.budget_total, "per_type": dict(self.budget_per_type),
                           "per_segment": dict(self.budget_per_segment)},
                "prize_cap": self.prize_cap}


def _type(key, where: str) -> str:
    if not isinstance(key, str) or key not in TYPES:
        raise unknown(f"promotion type in {where}", f"{where} 中的促销类型", key, list(TYPES), field=where)
    return key


def _mapping(d, where: str) -> dict:
    if not isinstance(d, dict):
        raise InputError(f"{where} must be an object like {{\"discount\": 4}}, "
                         f"got {json.dumps(d, ensure_ascii=False)}.",
                         f"{where} 应为对象，例如 {{\"discount\": 4}}，收到 {json.dumps(d, ensure_ascii=False)}。",
                         field=where)
    return d


def _budget(value, name: str) -> float:
    x = check_number(name, value, -float("inf"), float("inf"))
    if x < 0:
        raise InputError(f"{name} = {value} is negative; a budget must be 0 or more.",
                         f"{name} = {value} 为负数；预算必须大于或等于 0。", field=name)
    return x


def rules_from_dict(d: dict, segment_keys=None, weeks: int = 52) -> Rules:
    """Defaults overlaid with ``d`` (a rules file); every value checked, contradictions reported."""
    if not isinstance(d, dict):
        raise InputError("A rules file must hold a JSON object.", "规则文件必须是一个 JSON 对象。", field="rules")
    for k in d:
        if k not in RULE_KEYS:
            raise unknown("rule", "规则", k, RULE_KEYS, field=k)
    base = Rules()
    max_runs = dict(base.max_runs)
    for k, v in _mapping(d.get("max_runs", {}), "max_runs").items():
        max_runs[_type(k, "max_runs")] = int(check_number(f"max_runs.{k}", v, 0, 52, integer=True))
    gaps = dict(base.min_gap_weeks)
    for k, v in _mapping(d.get("min_gap_weeks", {}), "min_gap_weeks").items():
        gaps[_type(k, "min_gap_weeks")] = int(check_number(f"min_gap_weeks.{k}", v, 0, 52, integer=True))
    share = check_number("max_deal_share", d.get("max_deal_share", base.max_deal_share), 0.0, 1.0)
    raw_deal = d.get("deal_types", base.deal_types)
    if not isinstance(raw_deal, (list, tuple)):
        raise InputError(f"deal_types must be a list of types like [\"discount\", \"coupon\"], "
                         f"got {json.dumps(raw_deal)}.",
                         f"deal_types 应为类型列表，例如 [\"discount\", \"coupon\"]，收到 {json.dumps(raw_deal)}。",
                         field="deal_types")
    deal_types = tuple(_type(k, "deal_types") for k in raw_deal)
    cap = check_number("max_cap_per_customer", d.get("max_cap_per_customer", base.max_cap_per_customer),
                       1, SETTINGS["cap_per_customer"].hi, integer=True)
    pairs = []
    raw_pairs = d.get("no_overlap", base.no_overlap)
    if not isinstance(raw_pairs, (list, tuple)):
        raise InputError(f"no_overlap must be a list of pairs like [[\"discount\", \"coupon\"]], "
                         f"got {json.dumps(raw_pairs)}.",
                         f"no_overlap 应为类型对的列表，例如 [[\"discount\", \"coupon\"]]，"
                         f"收到 {json.dumps(raw_pairs)}。",
                         field="no_overlap")
    for p in raw_pairs:
        if not isinstance(p, (list, tuple)) or len(p) != 2:
            raise InputError(f"Each no_overlap entry must be a pair of types like [\"discount\", \"coupon\"], got {p}.",
                             f"no_overlap 的每一项应为两个类型，例如 [\"discount\", \"coupon\"]，收到 {p}。",
                             field="no_overlap")
        pairs.append(tuple(sorted((_type(p[0], "no_overlap"), _type(p[1], "no_overlap")))))
    budget = _mapping(d.get("budget", {}), "budget")
    for k in budget:
        if k not in BUDGET_KEYS:
            raise unknown("budget rule", "预算规则", k, BUDGET_KEYS, field=f"budget.{k}")
    total = budget.get("total")
    per_type = {_type(k, "budget.per_type"): _budget(v, f"budget.per_type.{k}")
                for k, v in _mapping(budget.get("per_type", {}), "budget.per_type").items()}
    per_seg = {}
    for k, v in _mapping(budget.get("per_segment", {}), "budget.per_segment").items():
        if segment_keys is not None and k not in segment_keys:
            raise unknown("segment in budget.per_segment", "budget.per_segment 中的客群", k, list(segment_keys),
                          field="budget.per_segment")
        per_seg[k] = _budget(v, f"budget.per_segment.{k}")
    rules = Rules(max_runs=max_runs, min_gap_weeks=gaps, max_deal_share=share, deal_types=deal_types,
                  max_cap_per_customer=cap, no_overlap=tuple(dict.fromkeys(pairs)),
                  budget_total=None if total is None else _budget(total, "budget.total"),
                  budget_per_type=per_type, budget_per_segment=per_seg,
                  prize_cap=check_number("prize_cap", d.get("prize_cap", base.prize_cap), 0.0, 1e12))
    check_consistent(rules, weeks)
    return rules


def check_consistent(rules: Rules, weeks: int = 52) -> None:
    """Raise an InputError when two rules contradict each other (or a rule contradicts the law)."""
    problems = []
    if rules.prize_cap > LEGAL_PRIZE_CAP:
        problems.append((f"prize_cap = {rules.prize_cap:,.0f} is above the legal cap of {LEGAL_PRIZE_CAP:,.0f} yuan; "
                         f"set it to {LEGAL_PRIZE_CAP:,.0f} or less.",
                         f"奖品上限 prize_cap = {rules.prize_cap:,.0f} 高于法定上限 {LEGAL_PRIZE_CAP:,.0f} 元；"
                         f"请设为 {LEGAL_PRIZE_CAP:,.0f} 或更低。"))
    for k, runs in rules.max_runs.items():
        gap = rules.min_gap_weeks.get(k, 0)
        fit = (weeks - 1) // (gap + 1) + 1  # one-week runs, each gap weeks after the last
        if runs > fit:
            problems.append((f"max_runs.{k} = {runs} contradicts min_gap_weeks.{k} = {gap}: with that gap at most "
                             f"{fit} runs fit in {weeks} weeks. Lower max_runs.{k} to {fit} or min_gap_weeks.{k}.",
                             f"max_runs.{k} = {runs} 与 min_gap_weeks.{k} = {gap} 矛盾：间隔这么长，"
                             f"{weeks} 周内最多只能安排 {fit} 次。请把 max_runs.{k} 降到 {fit}，"
                             f"或缩短 min_gap_weeks.{k}。"))
        if k in rules.deal_types and runs > 0 and int(rules.max_deal_share * weeks) < 1:
            problems.append((f"max_deal_share = {rules.max_deal_share:g} allows no week on deal, yet "
                             f"max_runs.{k} = {runs} allows runs of {k}. Raise max_deal_share or set "
                             f"max_runs.{k} to 0.",
                             f"max_deal_share = {rules.max_deal_share:g} 不允许任何促销周，"
                             f"但 max_runs.{k} = {runs} 允许举办 {k}。请提高 max_deal_share，"
                             f"或把 max_runs.{k} 设为 0。"))
    if problems:
        raise InputError(" ".join(p[0] for p in problems), "".join(p[1] for p in problems), field="rules")


def _blank(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def rules_from_table(per_type: list[dict], per_segment: list[dict], limits: dict, pairs, segment_keys=None,
                     weeks: int = 52) -> Rules:
    """The calendar's rules form as Rules.

    ``per_type``: one row per type, ``{"type", "max_runs", "min_gap", "deal", "budget"}``; ``per_segment``:
    ``{"segment", "budget"}``; a blank budget (None or NaN, as a table editor leaves it) is no budget.
    ``limits``: ``deal_share_pct`` (0–100), ``cap``, ``prize``, ``total`` (None = no total budget); ``pairs``:
    pairs of types that must not overlap. A blank limit is an InputError naming the type and the rule;
    anything else is checked as in ``rules_from_dict``.
    """
    blanks = []
    for row in per_type:
        blanks += [(TYPES[row["type"]], rule) for col, rule in (("max_runs", "max_runs"), ("min_gap", "min_gap_weeks"))
                   if _blank(row[col])]
    blanks += [(None, rule) for col, rule in (("deal_share_pct", "max_deal_share"), ("cap", "max_cap_per_customer"),
                                              ("prize", "prize_cap")) if _blank(limits.get(col))]
    if blanks:
        def says(lang):
            return " ".join(t("plan.rules.blank", lang, rule=t(f"plan.rule.{rule}", lang),
                              what=ptype.name(lang) if ptype else t("plan.rules.all", lang)) for ptype, rule in blanks)
        raise InputError(says("en"), says("zh"), field="rules")
    total = limits.get("total")
    return rules_from_dict({
        "max_runs": {r["type"]: int(r["max_runs"]) for r in per_type},
        "min_gap_weeks": {r["type"]: int(r["min_gap"]) for r in per_type},
        "deal_types": [r["type"] for r in per_type if bool(r["deal"])],
        "max_deal_share": round(float(limits["deal_share_pct"]) / 100, 6), "max_cap_per_customer": int(limits["cap"]),
        "prize_cap": float(limits["prize"]), "no_overlap": [list(p) for p in pairs],
        "budget": {"total": None if _blank(total) else float(total),
                   "per_type": {r["type"]: float(r["budget"]) for r in per_type if not _blank(r["budget"])},
                   "per_segment": {r["segment"]: float(r["budget"]) for r in per_segment if not _blank(r["budget"])}}},
        segment_keys, weeks)


def load_rules(path, segment_keys=None, weeks: int = 52) -> Rules:
    return rules_from_dict(read_json(path, "rules"), segment_keys, weeks)
