"""The plan optimizer: a mixed-integer programme over candidate items, solved by HiGHS (scipy.optimize.milp).

Candidates are type × segment × start week × three parameter levels, each aimed at one
segment with the type's usual duration. One binary per candidate; the rules become
linear constraints:

- runs per type and segment: a sum ≤ the limit left after locked items;
- minimum gap: same-type starts on a segment closer than duration + gap conflict, written
  as one "at most one" row per sliding window (a clique, tighter than pairwise rows);
- no-overlap pairs: for each clique of mutually exclusive types, at most one of them
  running per segment and week;
- deal-weeks per segment: Σ duration × x ≤ the allowed weeks (a knapsack row per segment);
- budgets (total, per type, per segment) on expected cost; per-customer caps and the
  prize cap are met by construction (candidates are built inside them).

Carry-over is pairwise (see ``plan_value``). Two ways to hand it to the solver (``carry=``):

- ``"spacing"`` (default, fast): carry-over items (discount, gift, rebate, coupon) on one
  segment are kept at least ``CARRY_WEEKS`` weeks apart, one "at most one" row per segment
  and week over the items whose run or carry-over window covers it. The returned plan then
  has no carry-over loss, so the model's value is the simulated value; the plan is optimal
  among plans that keep that spacing. Closer pairs are left out, not priced: on the demo
  business the best plan found with priced pairs was 0.07% better.
- ``"exact"``: pairs are priced with y ≥ x_i + x_j − 1 and the loss as cost. Pricing all
  ~10⁵ close pairs up front swamps the solver, so pairs are generated lazily: solve, price
  the pairs the chosen plan contains (every level of both slots), solve again. Leaving a pair
  out can only over-value a plan, so once the chosen plan has no unpriced pair the solver's
  bound holds for the full carry-over model: optimal within the gap. Slow on the full
  instance (many rounds); used on small instances and in the brute-force tests.

Other approximations, both documented in the docs: the P10 objective is the sum of the
items' own P10 profits minus expected carry-over (a plan's P10 is not additive), and
budgets count expected cost.

Candidates that lose money under the chosen objective are dropped before solving: every
rule is an upper limit and carry-over only lowers values, so such an item never helps.
The final plan is checked with ``plan.check`` and valued with the full simulation.
"""
from __future__ import annotations

import itertools
import math
import os
import sys
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from types import SimpleNamespace

import numpy as np
from scipy.optimize import LinearConstraint, milp
from scipy.sparse import csr_array

from .campaign import make_campaign
from .errors import InputError, unknown
from .festivals import check_year, default_season, weeks_in_year
from .plan import Plan, PlanItem, Violation, check, segment_shares
from .plan_value import (CARRY_TYPES, CARRY_WEEKS, PLAN_DRAWS, PLAN_SEED, PlanValue, carry_shares, plan_value,
                         seasoned, simulate_item)
from .registry import TYPES
from .rules import Rules, check_consistent
from .segments import default_segments, pick

OBJECTIVES = ("expected", "p10")
CARRY_MODES = ("spacing", "exact")
LEVEL_NAMES = ("low", "mid", "high")
# parameter levels per type (mid = the registry default); model assumption: half/double the usual offer
LEVELS = {
    "discount": ({"depth": 0.10}, {}, {"depth": 0.25}),
    "gift": ({"gift_cost": 8.0, "perceived_value": 20.0}, {}, {"gift_cost": 30.0, "perceived_value": 70.0}),
    "rebate": ({"amount": 15.0}, {}, {"amount": 60.0}),
    "coupon": ({"face_value": 5.0}, {}, {"face_value": 20.0}),
    "co_promotion": ({"offer_cost": 4.0}, {}, {"offer_cost": 16.0}),
    "free_trial": ({"samples": 2000.0}, {}, {"samples": 10000.0}),
    "lottery": ({"prize1_value": 2000.0, "prize2_value": 200.0}, {}, {"prize1_value": 20000.0, "prize2_value": 2000.0}),
    "prize_quiz": ({"prize_pool": 2000.0, "top_prize": 800.0}, {}, {"prize_pool": 10000.0, "top_prize": 4000.0}),
    "sponsorship": ({"fee": 20000.0}, {}, {"fee": 100000.0}),
    "membership": ({"reward_rate": 0.02}, {}, {"reward_rate": 0.05}),
}
# weeks each candidate runs: model assumption, the usual length of such a campaign
DURATION = {"discount": 2, "gift": 2, "rebate": 4, "coupon": 4, "co_promotion": 4, "free_trial": 2, "lottery": 4,
            "prize_quiz": 4, "sponsorship": 1, "membership": 8}
assert set(LEVELS) == set(TYPES) == set(DURATION)


@dataclass(frozen=True)
class Candidate:
    item: PlanItem
    segment: str
    level: str
    value: float  # under the chosen objective, before carry-over
    cost: float  # expected
    margin: float  # expected incremental margin (what carry-over takes a share of)


@dataclass(frozen=True)
class OptimizeResult:
    status: str  # optimal | time_limit | infeasible | empty
    objective: str
    objective_value: float  # the model's value of the plan (locked items included)
    bound: float | None
    mip_gap: float | None
    plan: Plan
    value: PlanValue | None  # full simulation of the returned plan
    violations: tuple[Violation, ...]  # of the returned plan: empty unless status is infeasible
    explanation: tuple[tuple[str, str], ...]  # (en, zh) sentences: why infeasible, or notes
    stats: dict  # candidates, pairs, iterations, seconds

    def to_dict(self) -> dict:
        return {"status": self.status, "objective": self.objective, "objective_value": self.objective_value,
                "bound": self.bound, "mip_gap": self.mip_gap, "plan": self.plan.to_dict(),
                "totals": self.value.to_dict() if self.value else None,
                "violations": [v.to_dict() for v in self.violations],
                "explanation": [{"en": en, "zh": zh} for en, zh in self.explanation], "stats": self.stats}


def _quiet(fraction: float, message: str) -> None:
    """Default progress callback: nothing."""


@lru_cache(maxsize=100_000)
def _summary(campaign, segs) -> tuple[float, float, float, float]:
    s = simulate_item(campaign, segs, PLAN_DRAWS, PLAN_SEED)
    return (float(s.profit.mean()), float(np.percentile(s.profit, 10)), float(s.cost.mean()),
            float(np.maximum(s.margin, 0.0).mean()))


def _top_prize_ok(params: dict, type_key: str, cap: float) -> bool:
    if type_key == "lottery":
        return max(params["prize1_value"], params["prize2_value"], params["prize3_value"]) <= cap
    if type_key == "prize_quiz" and params["chance"] == "yes":
        return params["top_prize"] <= cap
    return True


def build_candidates(year, season, segments, rules: Rules, objective: str, types=None, segment_keys=None,
                     start_weeks=None, levels=LEVEL_NAMES, progress=_quiet) -> tuple[list[Candidate], int]:
    """All candidates fitting the year and the per-item rules, valued by the simulation; (kept, built)."""
    weeks = len(season)
    out, built = [], 0
    types = list(types or TYPES)
    segs = pick(segments, segment_keys or [s.key for s in segments])
    for n, t in enumerate(types):
        progress(0.4 * n / len(types), f"simulating {t}")
        if rules.max_runs.get(t, 0) == 0:
            continue
        d = DURATION[t]
        for s in segs:
            for lv in levels:
                base = make_campaign(t, [s.key], LEVELS[t][LEVEL_NAMES.index(lv)], duration_weeks=d,
                                     cap_per_customer=min(3, rules.max_cap_per_customer))
                if not _top_prize_ok(base.params, t, rules.prize_cap):
                    continue
                for w in start_weeks or range(1, weeks + 1):
                    if w + d - 1 > weeks:
                        continue
                    built += 1
                    item = PlanItem(f"{t}-{s.key}-w{w:02d}-{lv}", base, w)
                    mean, p10, cost, margin = _summary(seasoned(item, season), (s,))
                    out.append(Candidate(item, s.key, lv, mean if objective == "expected" else p10, cost, margin))
    return out, built


def _cliques(pairs) -> list[tuple[str, ...]]:
    """Maximal cliques of the 'must not overlap' graph between different types (Bron–Kerbosch)."""
    adj = defaultdict(set)
    for a, b in pairs:
        if a != b:
            adj[a].add(b)
            adj[b].add(a)
    found = []

    def grow(r, p, x):
        if not p and not x:
            found.append(tuple(sorted(r)))
        for v in list(p):
            grow(r | {v}, p & adj[v], x & adj[v])
            p = p - {v}
            x = x | {v}
    grow(set(), set(adj), set())
    return found


class _Model:
    """Rows of the MILP in coordinate form; columns are candidates, then week indicators, then pairs."""

    def __init__(self):
        self.rows, self.cols, self.vals, self.ub = [], [], [], []

    def add(self, cols, vals, ub):
        r = len(self.ub)
        self.rows += [r] * len(cols)
        self.cols += list(cols)
        self.vals += list(vals)
        self.ub.append(ub)


def _conflicts_locked(c: PlanItem, locked, rules: Rules) -> bool:
    for k in locked:
        if c.segments[0] not in k.segments:
            continue
        first, second = (k, c) if k.start_week <= c.start_week else (c, k)
        if k.type == c.type and second.start_week - first.end_week - 1 < rules.min_gap_weeks.get(c.type, 0):
            return True
        if tuple(sorted((k.type, c.type))) in rules.no_overlap and set(k.weeks) & set(c.weeks):
            return True
    return False


def _can_meet(a: PlanItem, b: PlanItem, rules: Rules) -> bool:
    """Both may be in one plan: the gap and no-overlap rules do not already keep them apart."""
    if a.type == b.type and abs(a.start_week - b.start_week) < a.duration + rules.min_gap_weeks.get(a.type, 0):
        return False
    return not (tuple(sorted((a.type, b.type))) in rules.no_overlap and set(a.weeks) & set(b.weeks))


def _spacing_rows(m: "_Model", kept) -> None:
    """Keep carry-over items on a segment apart: each occupies its weeks plus the carry-over window, and
    at most one may occupy a week (an interval graph, so these rows are its cliques and tight)."""
    occupied = defaultdict(list)
    for i, c in enumerate(kept):
        if c.item.type in CARRY_TYPES:
            for w in range(c.item.start_week, c.item.end_week + CARRY_WEEKS + 1):
                occupied[(c.segment, w)].append(i)
    for idx in occupied.values():
        if len(idx) > 1:
            m.add(idx, [1.0] * len(idx), 1)


_NOTHING = SimpleNamespace(x=np.zeros(0), status=0, fun=0.0, mip_gap=0.0, mip_dual_bound=0.0, message="")  # no candidate


def _solve(m: "_Model", values, pairs: dict, gap: float, seconds: float):
    """One HiGHS run: x binaries (maximise values), then one y ≥ x_i + x_j − 1 per priced pair."""
    n, plist = len(values), list(pairs)
    n_var = n + len(plist)
    rows, cols, vals, ub = list(m.rows), list(m.cols), list(m.vals), list(m.ub)
    for p, (i, j) in enumerate(plist):
        rows += [len(ub)] * 3
        cols += [i, j, n + p]
        vals += [1.0, 1.0, -1.0]
        ub.append(1.0)
    constraints = []
    if ub:
        constraints = [LinearConstraint(csr_array((vals, (rows, cols)), shape=(len(ub), n_var)), -np.inf,
                                        np.array(ub, dtype=float))]
    c_obj = np.concatenate([-np.asarray(values, dtype=float), [pairs[p] for p in plist]])
    with _stdout_silenced():
        return milp(c_obj, integrality=np.r_[np.ones(n), np.zeros(len(plist))], bounds=(0, 1),
                    constraints=constraints, options={"disp": False, "mip_rel_gap": gap, "time_limit": max(seconds, 1.0)})


@contextmanager
def _stdout_silenced():
    """HiGHS prints heuristic debug lines on the C stdout, which would break ``--json`` output."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _explain(violations) -> tuple[tuple[str, str], ...]:
    rules = sorted({v.rule for v in violations})
    out = [(v.en, v.zh) for v in violations]
    out.append((f"The locked items already break these rules: {', '.join(rules)}. Relax those rules or unlock "
                f"(or move) the items named above.",
                f"锁定的活动项已违反以下规则：{'、'.join(rules)}。请放宽这些规则，或解除锁定（或调整）上面提到的活动项。"))
    return tuple(out)


def optimize(budget: float | None = None, year: int | None = None, objective: str = "expected", rules: Rules | None = None,
             locked: Plan | None = None, segments=None, season=None, types=None, segment_keys=None, start_weeks=None,
             levels=LEVEL_NAMES, carry: str = "spacing", mip_gap: float = 0.001, time_limit: float = 60.0,
             progress=_quiet) -> OptimizeResult:
    """The best plan under ``budget`` and ``rules``; locked items stay. See the module docstring."""
    t0 = time.perf_counter()
    if objective not in OBJECTIVES:
        raise unknown("objective", "优化目标", objective, OBJECTIVES, field="objective")
    if carry not in CARRY_MODES:
        raise unknown("carry-over mode", "结转处理方式", carry, CARRY_MODES, field="carry")
    rules = rules or Rules()
    if budget is not None:
        if not isinstance(budget, (int, float)) or isinstance(budget, bool) or not math.isfinite(budget) or budget < 0:
            raise InputError(f"budget = {budget} is not allowed; give an amount of 0 or more.",
                             f"预算 {budget} 无效；请输入大于或等于 0 的金额。", field="budget")
        rules = replace(rules, budget_total=float(budget))
    for t in types or ():
        if t not in TYPES:
            raise unknown("promotion type", "促销类型", t, list(TYPES), field="types")
    for lv in levels:
        if lv not in LEVEL_NAMES:
            raise unknown("parameter level", "参数档位", lv, LEVEL_NAMES, field="levels")
    segments = tuple(segments or default_segments())
    if locked is not None:
        if year is not None and check_year(year) != locked.year:
            raise InputError(f"--year {year} differs from the locked plan's year {locked.year}.",
                             f"--year {year} 与锁定计划的年份 {locked.year} 不一致。", field="year")
        year, season = locked.year, season or locked.season
        locked_items = tuple(i for i in locked.items if i.locked)
    else:
        locked_items = ()
    year = check_year(year if year is not None else time.gmtime().tm_year + 1)
    season = tuple(season or default_season(year))
    weeks = weeks_in_year(year)
    check_consistent(rules, weeks)
    pinned = Plan(year, locked_items, season)

    progress(0.0, "checking locked items")
    bad = check(pinned, rules, segments)
    if bad:
        value = plan_value(pinned, segments)
        return OptimizeResult("infeasible", objective, value.objective(objective), None, None, pinned, value,
                              tuple(bad), _explain(bad), {"seconds": time.perf_counter() - t0})

    cands, built = build_candidates(year, season, segments, rules, objective, types, segment_keys, start_weeks,
                                    levels, progress)
    t_sim = time.perf_counter() - t0
    progress(0.4, "building the model")
    locked_value = plan_value(pinned, segments)
    locked_cost = {i: locked_value.items[i].cost.mean for i in locked_value.items}
    sizes = {s.key: s.size for s in segments}
    runs_used = defaultdict(int)
    for k in locked_items:
        for s in k.segments:
            runs_used[(k.type, s)] += 1
    room_total = None if rules.budget_total is None else rules.budget_total - sum(locked_cost.values())
    room_type = {t: b - sum(locked_cost[k.id] for k in locked_items if k.type == t) for t, b in rules.budget_per_type.items()}
    room_seg = {s: b - sum(locked_cost[k.id] * segment_shares(k, segments)[s] for k in locked_items if s in k.segments)
                for s, b in rules.budget_per_segment.items()}
    locked_margin = {k.id: float(np.maximum(simulate_item(seasoned(k, season), pick(segments, k.segments)).margin, 0).mean())
                     for k in locked_items}

    kept = []
    for c in cands:
        t, s, it = c.item.type, c.segment, c.item
        value = c.value
        for k in locked_items:
            a, b = (k, it) if k.start_week <= it.start_week else (it, k)
            la, lb = carry_shares(a, b, sizes)
            lk, lc = (la, lb) if a is k else (lb, la)
            value -= lc * c.margin + lk * locked_margin[k.id]
        if value <= 1e-9 or runs_used[(t, s)] >= rules.max_runs.get(t, 0):
            continue
        if (room_total is not None and c.cost > room_total + 1e-9) or c.cost > room_type.get(t, math.inf) + 1e-9 \
                or c.cost > room_seg.get(s, math.inf) + 1e-9 or _conflicts_locked(it, locked_items, rules):
            continue
        kept.append(replace(c, value=value))
    n = len(kept)
    progress(0.45, f"{n} of {built} candidates can add value")

    m = _Model()
    groups = defaultdict(list)  # (type, segment) → candidate indices
    for i, c in enumerate(kept):
        groups[(c.item.type, c.segment)].append(i)
    for (t, s), idx in groups.items():
        limit = rules.max_runs.get(t, 0) - runs_used[(t, s)]
        if len(idx) > limit:
            m.add(idx, [1.0] * len(idx), limit)
        span = DURATION[t] + rules.min_gap_weeks.get(t, 0)
        if carry == "spacing" and t in CARRY_TYPES and span <= DURATION[t] + CARRY_WEEKS:
            continue  # the spacing rows already keep these apart, and more tightly
        starts = sorted({kept[i].item.start_week for i in idx})
        by_start = defaultdict(list)
        for i in idx:
            by_start[kept[i].item.start_week].append(i)
        prev = None
        for a in starts:  # windows that start at a candidate start are the maximal ones
            window = [i for w in starts if a <= w < a + span for i in by_start[w]]
            if len(window) > 1 and window != prev:
                m.add(window, [1.0] * len(window), 1)
            prev = window
    covering = defaultdict(list)  # (type, segment, week) → candidates running then
    for i, c in enumerate(kept):
        for w in c.item.weeks:
            covering[(c.item.type, c.segment, w)].append(i)
    seg_keys = sorted({c.segment for c in kept})
    for clique in _cliques(rules.no_overlap):
        if carry == "spacing" and set(clique) <= set(CARRY_TYPES):
            continue  # implied by the spacing rows
        for s in seg_keys:
            for w in range(1, weeks + 1):
                idx = [i for t in clique for i in covering.get((t, s, w), [])]
                if len({kept[i].item.type for i in idx}) > 1:
                    m.add(idx, [1.0] * len(idx), 1)
    allowed = math.floor(rules.max_deal_share * weeks + 1e-9)
    for s in seg_keys:
        used = sum(len(k.weeks) for k in locked_items if s in k.segments and k.type in rules.deal_types)
        idx = [i for i in range(n) if kept[i].segment == s and kept[i].item.type in rules.deal_types]
        if idx and sum(kept[i].item.duration for i in idx) > allowed - used:
            m.add(idx, [float(kept[i].item.duration) for i in idx], allowed - used)
            for d in sorted({kept[i].item.duration for i in idx}):  # rounded (Chvátal–Gomory) rows: tighter LP
                longer = [i for i in idx if kept[i].item.duration >= d]
                if len(longer) > (allowed - used) // d and (allowed - used) % d:
                    m.add(longer, [1.0] * len(longer), (allowed - used) // d)
    cost = np.array([c.cost for c in kept])
    if room_total is not None:
        m.add(range(n), cost, room_total)
    for t, room in room_type.items():
        idx = [i for i in range(n) if kept[i].item.type == t]
        if idx:
            m.add(idx, cost[idx], room)
    for s, room in room_seg.items():
        idx = [i for i in range(n) if kept[i].segment == s]
        if idx:
            m.add(idx, cost[idx], room)

    if carry == "spacing":
        _spacing_rows(m, kept)
    values = [c.value for c in kept]
    slots = defaultdict(list)  # (type, segment, start) → the levels there
    for i, c in enumerate(kept):
        slots[(c.item.type, c.segment, c.item.start_week)].append(i)

    def pair_loss(i, j):
        a, b = (i, j) if kept[i].item.start_week <= kept[j].item.start_week else (j, i)
        la, lb = carry_shares(kept[a].item, kept[b].item, sizes)
        return la * kept[a].margin + lb * kept[b].margin

    def unpriced(chosen) -> dict:
        """Pairs of the chosen plan not yet priced, widened to every level of both slots."""
        found = {}
        deal = [i for i in chosen if kept[i].item.type in CARRY_TYPES]
        for i, j in itertools.combinations(deal, 2):
            if kept[i].segment != kept[j].segment or (min(i, j), max(i, j)) in pairs or pair_loss(i, j) <= 1e-9:
                continue
            for a in slots[(kept[i].item.type, kept[i].segment, kept[i].item.start_week)]:
                for b in slots[(kept[j].item.type, kept[j].segment, kept[j].item.start_week)]:
                    found[(min(a, b), max(a, b))] = pair_loss(a, b)
        return found

    pairs: dict[tuple[int, int], float] = {}
    t_solve, rounds, gap_now = 0.0, 0, (max(mip_gap, 0.01) if carry == "exact" else mip_gap)
    while True:
        rounds += 1
        progress(min(0.95, 0.5 + 0.05 * rounds), f"solving (round {rounds}, {len(pairs)} priced pairs)")
        ts = time.perf_counter()
        res = _solve(m, values, pairs, gap_now, time_limit - (ts - t0)) if n else _NOTHING
        t_solve += time.perf_counter() - ts
        if res.x is None or carry == "spacing" or time.perf_counter() - t0 > time_limit:
            break
        fresh = unpriced([i for i in range(n) if res.x[i] > 0.5])
        if fresh:
            pairs.update(fresh)
        elif gap_now > mip_gap:
            gap_now = mip_gap
        else:
            break

    if res.x is None:
        status = "time_limit" if res.status == 1 else "infeasible"
        return OptimizeResult(status, objective, locked_value.objective(objective), None, None, pinned, locked_value, (),
                              ((f"The solver stopped without a plan: {res.message}", f"求解器未找到计划：{res.message}"),),
                              {"seconds": time.perf_counter() - t0})
    chosen = [i for i in range(n) if res.x[i] > 0.5]
    items = sorted((kept[i].item for i in chosen), key=lambda it: (it.start_week, it.id))
    plan = Plan(year, locked_items + tuple(items), season)
    progress(0.97, "checking the plan with the full simulation")
    value = plan_value(plan, segments)
    violations = tuple(check(plan, rules, segments, value))
    optimal = res.status == 0 and gap_now <= mip_gap and not (carry == "exact" and unpriced(chosen))
    status = "optimal" if optimal else "time_limit"
    model_value = value.objective(objective)
    bound = None if res.mip_dual_bound is None else float(-res.mip_dual_bound) + locked_value.objective(objective)
    notes = ()
    if not items and not locked_items:
        status = "empty" if optimal else status
        notes = (("No candidate adds value under these rules and budget: the best plan is to run nothing.",
                  "在这些规则和预算下，没有任何活动能带来正收益：最好的计划是不做促销。"),)
    progress(1.0, "done")
    stats = {"candidates_built": built, "candidates_used": n, "pairs_priced": len(pairs), "rounds": rounds, "carry": carry,
             "seconds_simulation": t_sim, "seconds_solver": t_solve, "seconds": time.perf_counter() - t0,
             "model_objective": float(-res.fun) + locked_value.objective(objective), "rows": len(m.ub)}
    return OptimizeResult(status, objective, model_value, bound, float(res.mip_gap) if res.mip_gap is not None else None,
                          plan, value, violations, notes, stats)
