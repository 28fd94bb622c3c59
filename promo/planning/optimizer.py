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

Carry-over is pairwise (see ``valuation``). Two ways to hand it to the solver (``carry=``):

- ``"spacing"`` (default, fast): carry-over items (discount, gift, rebate, coupon) on one
  segment are kept at least ``CARRY_WEEKS`` weeks apart, one "at most one" row per segment
  and week over the items whose run or carry-over window covers it. The returned plan then
  has no carry-over loss, so the model's value is the simulated value; the plan is optimal
  among plans that keep that spacing. Closer pairs are left out, not priced: on the demo
  business (default rules, budget 300,000) the exact mode's bound after 4 minutes put the
  spacing plan within 0.25% of the best plan with close pairs allowed and priced.
- ``"exact"``: pairs are priced with y ≥ x_i + x_j − 1 and the loss as cost. Pricing all
  ~10⁵ close pairs up front swamps the solver, so pairs are generated lazily: solve, price
  the pairs the chosen plan contains (every level of both slots), solve again. Leaving a pair
  out can only over-value a plan, so once the chosen plan has no unpriced pair the solver's
  bound holds for the full carry-over model: optimal within the gap. Slow on the full
  instance (18 rounds, 15,000 priced pairs and no proof in 4 minutes); meant for small
  instances, and used in the brute-force tests.

Other approximations, both documented in the docs: the P10 objective is the sum of the
items' own P10 profits minus expected carry-over (a plan's P10 is not additive), and
budgets count expected cost.

Candidates that lose money under the chosen objective are dropped before solving: every
rule is an upper limit and carry-over only lowers values, so such an item never helps.
For the same reason the empty plan always fits: a plan can only be infeasible because the
locked items already break a rule (reported with what to relax) or because two rules
contradict each other (refused before solving, see ``rules.check_consistent``).
The final plan is checked with ``checks.check`` and valued with the full simulation.
"""
from __future__ import annotations

import itertools
import math
import os
import sys
import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from types import SimpleNamespace

import numpy as np

from ..errors import InputError, unknown
from ..model.campaign import make_campaign
from ..model.types import TYPES
from ..model.segments import default_segments, pick
from .checks import Violation, check
from .festivals import check_year, default_season, weeks_in_year
from .plan import Plan, PlanItem, segment_shares
from .rules import Rules, check_consistent
from .valuation import (CARRY_TYPES, CARRY_WEEKS, PLAN_DRAWS, PLAN_SEED, PlanValue, carry_shares, plan_value,
                         seasoned, simulate_item)

OBJECTIVES = ("expected", "p10")
CARRY_MODES = ("spacing", "exact")
LEVEL_NAMES = ("low", "mid", "high")


@dataclass(frozen=True)
class Candidate:
    item: PlanItem
    segment: str
    level: str
    value: float  # under the chosen objective, before carry-over
    cost: float  # expected
    margin: float  # expected incremental margin (what carry-over takes a share of)


STAGES = ("checking_locked", "simulating", "building", "solving", "checking_plan", "done")


@dataclass(frozen=True)
class Progress:
    """Where the optimizer is, for a progress bar: a stage code (``STAGES``), ``done`` of ``total`` steps in it
    (types simulated, solver rounds), the type being simulated, and the share of the whole work done."""

    stage: str
    fraction: float
    done: int = 0
    total: int = 0
    type: str | None = None


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


def _quiet(progress: Progress) -> None:
    """Default progress callback: nothing."""


@lru_cache(maxsize=100_000)
def _summary(campaign, segs) -> tuple[float, float, float, float]:
    s = simulate_item(campaign, segs, PLAN_DRAWS, PLAN_SEED)
    return (float(s.profit.mean()), float(np.percentile(s.profit, 10)), float(s.cost.mean()),
            float(np.maximum(s.margin, 0.0).mean()))


def build_candidates(year, season, segments, rules: Rules, objective: str, types=None, segment_keys=None,
                     start_weeks=None, levels=LEVEL_NAMES, progress=_quiet) -> tuple[list[Candidate], int]:
    """All candidates fitting the year and the per-item rules, valued by the simulation; (kept, built)."""
    weeks = len(season)
    out, built = [], 0
    types = list(types or TYPES)
    segs = pick(segments, segment_keys or [s.key for s in segments])
    for n, t in enumerate(types):
        progress(Progress("simulating", 0.4 * n / len(types), n, len(types), t))
        if rules.max_runs.get(t, 0) == 0:
            continue
        d = TYPES[t].planning.duration_weeks
        for s in segs:
            for lv in levels:
                base = make_campaign(t, [s.key], TYPES[t].planning.levels[LEVEL_NAMES.index(lv)], duration_weeks=d,
                                     cap_per_customer=min(3, rules.max_cap_per_customer))
                if (TYPES[t].capped_prize(base.params) or 0.0) > rules.prize_cap:
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
    """Rows of the MILP in coordinate form over the candidates (``_solve`` appends pair and count columns)."""

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


def _undominated(kept: list[Candidate], carry: str) -> list[Candidate]:
    """Drop a level when another level of the same slot (type, segment, start) is worth at least as much
    for no more cost. Exact: both sit in the same rows with the same coefficients except cost, unless
    carry-over is priced pair by pair (exact mode), where a carry-over type's margin matters too."""
    slots = defaultdict(list)
    for c in kept:
        slots[(c.item.type, c.segment, c.item.start_week)].append(c)
    out = []
    for (t, _, _), group in slots.items():
        priced = carry == "exact" and t in CARRY_TYPES
        out.extend(c for c in group
                   if not any(o is not c and o.value >= c.value and o.cost <= c.cost
                              and (o.value, -o.cost) != (c.value, -c.cost) and not priced for o in group))
    return out


def _spacing_rows(m: _Model, kept) -> None:
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


# no candidate
_NOTHING = SimpleNamespace(x=np.zeros(0), status=0, fun=0.0, mip_gap=0.0, mip_dual_bound=0.0, message="")


def _solve(m: _Model, values, pairs: dict, groups: list, gap: float, seconds: float):
    """One HiGHS run. Columns: x binaries (maximise values); one y ≥ x_i + x_j − 1 per priced pair; one
    integer count N = Σ x per group of candidates that differ only in their week.

    The counts change nothing in the model but give the solver something better to branch on: with
    x alone, branching a lottery off in week 12 just moves it to week 13; branching on "how many
    lotteries for prospects at this level" settles the budget question at once (with presolve off,
    which would fold the counts away: 2–3× faster on the full instance)."""
    from scipy.optimize import LinearConstraint, milp  # imported here: 0.2 s that only the optimizer needs
    from scipy.sparse import csr_array
    n, plist = len(values), list(pairs)
    n_var = n + len(plist) + len(groups)
    rows, cols, vals, ub = list(m.rows), list(m.cols), list(m.vals), list(m.ub)
    lb = [-np.inf] * len(ub)
    for p, (i, j) in enumerate(plist):
        rows += [len(ub)] * 3
        cols += [i, j, n + p]
        vals += [1.0, 1.0, -1.0]
        ub.append(1.0)
        lb.append(-np.inf)
    for g, idx in enumerate(groups):
        rows += [len(ub)] * (len(idx) + 1)
        cols += [*idx, n + len(plist) + g]
        vals += [1.0] * len(idx) + [-1.0]
        ub.append(0.0)
        lb.append(0.0)
    constraints = []
    if ub:
        constraints = [LinearConstraint(csr_array((vals, (rows, cols)), shape=(len(ub), n_var)), np.array(lb),
                                        np.array(ub, dtype=float))]
    c_obj = np.concatenate([-np.asarray(values, dtype=float), [pairs[p] for p in plist], np.zeros(len(groups))])
    integrality = np.r_[np.ones(n), np.zeros(len(plist)), np.ones(len(groups))]
    upper = np.r_[np.ones(n + len(plist)), [len(idx) for idx in groups]]
    # presolve off: it folds the counts away again (and its restarts cost more than they save here)
    options = {"disp": False, "presolve": False, "mip_rel_gap": gap, "time_limit": max(seconds, 1.0)}
    with _stdout_silenced():
        return milp(c_obj, integrality=integrality, bounds=(0, upper), constraints=constraints, options=options)


_QUIET = {"lock": threading.Lock(), "depth": 0, "saved": -1}


@contextmanager
def _stdout_silenced():
    """HiGHS prints heuristic debug lines on the C stdout, which would break ``--json`` output.
    Counted, so that overlapping solves (two sessions of one server) restore the real stdout, not each
    other's silenced one."""
    with _QUIET["lock"]:
        if _QUIET["depth"] == 0:
            sys.stdout.flush()
            _QUIET["saved"] = os.dup(1)
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.close(null)
        _QUIET["depth"] += 1
    try:
        yield
    finally:
        with _QUIET["lock"]:
            _QUIET["depth"] -= 1
            if _QUIET["depth"] == 0:
                os.dup2(_QUIET["saved"], 1)
                os.close(_QUIET["saved"])


def _explain(violations) -> tuple[tuple[str, str], ...]:
    rules = sorted({v.rule for v in violations})
    out = [(v.en, v.zh) for v in violations]
    out.append((f"The locked items already break these rules: {', '.join(rules)}. Relax those rules or unlock "
                f"(or move) the items named above.",
                f"锁定的活动项已违反以下规则：{'、'.join(rules)}。请放宽这些规则，或解除锁定（或调整）上面提到的活动项。"))
    return tuple(out)


def _check_inputs(budget, objective, carry, rules, types, levels) -> Rules:
    if objective not in OBJECTIVES:
        raise unknown("objective", "优化目标", objective, OBJECTIVES, field="objective")
    if carry not in CARRY_MODES:
        raise unknown("carry-over mode", "结转处理方式", carry, CARRY_MODES, field="carry")
    for t in types or ():
        if t not in TYPES:
            raise unknown("promotion type", "促销类型", t, list(TYPES), field="types")
    for lv in levels:
        if lv not in LEVEL_NAMES:
            raise unknown("parameter level", "参数档位", lv, LEVEL_NAMES, field="levels")
    rules = rules or Rules()
    if budget is None:
        return rules
    if not isinstance(budget, (int, float)) or isinstance(budget, bool) or not math.isfinite(budget) or budget < 0:
        raise InputError(f"budget = {budget} is not allowed; give an amount of 0 or more.",
                         f"预算 {budget} 无效；请输入大于或等于 0 的金额。", field="budget")
    return replace(rules, budget_total=float(budget))


@dataclass
class _Room:
    """What the locked items leave of each limit, and their values for carry-over with candidates."""

    total: float | None
    per_type: dict
    per_segment: dict
    runs: dict  # (type, segment) → runs used
    deal_weeks: dict  # segment → deal-weeks used
    margin: dict  # locked id → expected incremental margin

    @staticmethod
    def of(locked, value: PlanValue, rules: Rules, segments, season) -> _Room:
        cost = {i: value.items[i].cost.mean for i in value.items}
        runs, deal_weeks = defaultdict(int), defaultdict(int)
        for k in locked:
            for s in k.segments:
                runs[(k.type, s)] += 1
                deal_weeks[s] += k.duration if k.type in rules.deal_types else 0
        margin = {k.id: float(np.maximum(simulate_item(seasoned(k, season), pick(segments, k.segments)).margin,
                                         0).mean()) for k in locked}
        return _Room(
            None if rules.budget_total is None else rules.budget_total - sum(cost.values()),
            {t: b - sum(cost[k.id] for k in locked if k.type == t) for t, b in rules.budget_per_type.items()},
            {s: b - sum(cost[k.id] * segment_shares(k, segments)[s] for k in locked if s in k.segments)
             for s, b in rules.budget_per_segment.items()},
            runs, deal_weeks, margin)


def _usable(cands, locked, room: _Room, rules: Rules, sizes, carry: str) -> list[Candidate]:
    """Candidates that fit what the locked items leave and add value, their values net of carry-over
    with the locked items (exact: a locked item is a constant)."""
    kept = []
    for c in cands:
        t, s, it = c.item.type, c.segment, c.item
        value = c.value
        for k in locked:
            a, b = (k, it) if k.start_week <= it.start_week else (it, k)
            la, lb = carry_shares(a, b, sizes)
            lk, lc = (la, lb) if a is k else (lb, la)
            value -= lc * c.margin + lk * room.margin[k.id]
        if value <= 1e-9 or room.runs[(t, s)] >= rules.max_runs.get(t, 0) or _conflicts_locked(it, locked, rules):
            continue
        left = min(math.inf if room.total is None else room.total, room.per_type.get(t, math.inf),
                   room.per_segment.get(s, math.inf))
        if c.cost > left + 1e-9:
            continue
        kept.append(replace(c, value=value))
    return _undominated(kept, carry)


def _rule_rows(kept, rules: Rules, room: _Room, weeks: int, carry: str) -> _Model:
    """Every rule as rows over the candidates (see the module docstring)."""
    m, n = _Model(), len(kept)
    groups = defaultdict(list)  # (type, segment) → candidate indices
    for i, c in enumerate(kept):
        groups[(c.item.type, c.segment)].append(i)
    for (t, s), idx in groups.items():
        limit = rules.max_runs.get(t, 0) - room.runs[(t, s)]
        if len(idx) > limit:
            m.add(idx, [1.0] * len(idx), limit)
        d = TYPES[t].planning.duration_weeks
        span = d + rules.min_gap_weeks.get(t, 0)
        if carry == "spacing" and t in CARRY_TYPES and span <= d + CARRY_WEEKS:
            continue  # the spacing rows already keep these apart, and more tightly
        by_start = defaultdict(list)
        for i in idx:
            by_start[kept[i].item.start_week].append(i)
        starts, prev = sorted(by_start), None
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
    for s in seg_keys:
        left = math.floor(rules.max_deal_share * weeks + 1e-9) - room.deal_weeks[s]
        idx = [i for i in range(n) if kept[i].segment == s and kept[i].item.type in rules.deal_types]
        if idx and sum(kept[i].item.duration for i in idx) > left:
            m.add(idx, [float(kept[i].item.duration) for i in idx], left)
            for d in sorted({kept[i].item.duration for i in idx}):  # rounded (Chvátal–Gomory) rows: tighter LP
                longer = [i for i in idx if kept[i].item.duration >= d]
                if len(longer) > left // d and left % d:
                    m.add(longer, [1.0] * len(longer), left // d)
    cost = np.array([c.cost for c in kept])
    if room.total is not None and n:
        m.add(range(n), cost, room.total)
    for key, limits in ((lambda c: c.item.type, room.per_type), (lambda c: c.segment, room.per_segment)):
        for k, left in limits.items():
            idx = [i for i in range(n) if key(kept[i]) == k]
            if idx:
                m.add(idx, cost[idx], left)
    if carry == "spacing":
        _spacing_rows(m, kept)
    return m


class _PairPrices:
    """Exact mode: the carry-over loss of each priced pair of candidates, grown round by round."""

    def __init__(self, kept, sizes, rules: Rules):
        self.kept, self.sizes, self.rules, self.prices = kept, sizes, rules, {}
        self.slots = defaultdict(list)  # (type, segment, start) → the levels there
        self.by_type = defaultdict(list)  # (type, segment) → carry-over candidates
        for i, c in enumerate(kept):
            self.slots[(c.item.type, c.segment, c.item.start_week)].append(i)
            if c.item.type in CARRY_TYPES:
                self.by_type[(c.item.type, c.segment)].append(i)

    def loss(self, i: int, j: int) -> float:
        k = self.kept
        a, b = (i, j) if k[i].item.start_week <= k[j].item.start_week else (j, i)
        la, lb = carry_shares(k[a].item, k[b].item, self.sizes)
        return la * k[a].margin + lb * k[b].margin

    def unpriced(self, chosen) -> dict:
        """Pairs of the chosen plan not yet priced, widened to a star: every level of both slots against
        every candidate of either type on the segment within carry-over reach (so the solver cannot
        dodge the price by moving an item a week, which would cost another round)."""
        k, found, reach = self.kept, {}, max(t.planning.duration_weeks for t in TYPES.values()) + CARRY_WEEKS
        deal = [i for i in chosen if k[i].item.type in CARRY_TYPES]
        for i, j in itertools.combinations(deal, 2):
            if k[i].segment != k[j].segment or (min(i, j), max(i, j)) in self.prices or self.loss(i, j) <= 1e-9:
                continue
            s, ti, tj = k[i].segment, k[i].item.type, k[j].item.type
            others = self.by_type[(ti, s)] + (self.by_type[(tj, s)] if tj != ti else [])
            for a in self.slots[(ti, s, k[i].item.start_week)] + self.slots[(tj, s, k[j].item.start_week)]:
                for b in others:
                    key = (min(a, b), max(a, b))
                    if a == b or key in self.prices or key in found or \
                            abs(k[a].item.start_week - k[b].item.start_week) > reach or \
                            not _can_meet(k[a].item, k[b].item, self.rules):
                        continue
                    loss = self.loss(a, b)
                    if loss > 1e-9:
                        found[key] = loss
        return found


def optimize(budget: float | None = None, year: int | None = None, objective: str = "expected",
             rules: Rules | None = None, locked: Plan | None = None, segments=None, season=None, types=None,
             segment_keys=None, start_weeks=None, levels=LEVEL_NAMES, carry: str = "spacing", mip_gap: float = 0.001,
             time_limit: float = 60.0, progress=_quiet) -> OptimizeResult:
    """The best plan under ``budget`` and ``rules``; locked items stay. See the module docstring.

    ``types``, ``segment_keys``, ``start_weeks`` and ``levels`` narrow the candidates (small instances);
    ``progress(Progress)`` is called as the work goes on.
    """
    t0 = time.perf_counter()
    rules = _check_inputs(budget, objective, carry, rules, types, levels)
    segments = tuple(segments or default_segments())
    locked_items = ()
    if locked is not None:
        if year is not None and check_year(year) != locked.year:
            raise InputError(f"--year {year} differs from the locked plan's year {locked.year}.",
                             f"--year {year} 与锁定计划的年份 {locked.year} 不一致。", field="year")
        year, season = locked.year, season or locked.season
        locked_items = tuple(i for i in locked.items if i.locked)
    year = check_year(year if year is not None else time.gmtime().tm_year + 1)
    season = tuple(season or default_season(year))
    weeks = weeks_in_year(year)
    if len(season) != weeks:
        raise InputError(f"season has {len(season)} values but {year} has {weeks} weeks.",
                         f"season 有 {len(season)} 个值，但 {year} 年有 {weeks} 周。", field="season")
    check_consistent(rules, weeks)
    pinned = Plan(year, locked_items, season)

    progress(Progress("checking_locked", 0.0))
    locked_value = plan_value(pinned, segments)
    bad = check(pinned, rules, segments, locked_value)
    if bad:
        return OptimizeResult("infeasible", objective, locked_value.objective(objective), None, None, pinned,
                              locked_value, tuple(bad), _explain(bad), {"seconds": time.perf_counter() - t0})

    cands, built = build_candidates(year, season, segments, rules, objective, types, segment_keys, start_weeks,
                                    levels, progress)
    t_sim = time.perf_counter() - t0
    progress(Progress("building", 0.4))
    sizes = {s.key: s.size for s in segments}
    room = _Room.of(locked_items, locked_value, rules, segments, season)
    kept = _usable(cands, locked_items, room, rules, sizes, carry)
    n = len(kept)
    progress(Progress("building", 0.45, n, built))
    m = _rule_rows(kept, rules, room, weeks, carry)
    values = [c.value for c in kept]
    by_level = defaultdict(list)
    for i, c in enumerate(kept):
        by_level[(c.item.type, c.segment, c.level)].append(i)
    week_groups = [idx for idx in by_level.values() if len(idx) > 1]
    pairs = _PairPrices(kept, sizes, rules)

    t_solve, rounds, gap_now = 0.0, 0, (max(mip_gap, 0.01) if carry == "exact" else mip_gap)
    while True:
        rounds += 1
        progress(Progress("solving", min(0.95, 0.5 + 0.05 * rounds), rounds))
        ts = time.perf_counter()
        res = _solve(m, values, pairs.prices, week_groups, gap_now, time_limit - (ts - t0)) if n else _NOTHING
        t_solve += time.perf_counter() - ts
        if res.x is None or carry == "spacing" or time.perf_counter() - t0 > time_limit:
            break
        fresh = pairs.unpriced([i for i in range(n) if res.x[i] > 0.5])
        if fresh:
            pairs.prices.update(fresh)
        elif gap_now > mip_gap:
            gap_now = mip_gap
        else:
            break

    if res.x is None:
        status = "time_limit" if res.status == 1 else "infeasible"
        return OptimizeResult(status, objective, locked_value.objective(objective), None, None, pinned, locked_value,
                              (), ((f"The solver stopped without a plan: {res.message}",
                                    f"求解器未找到计划：{res.message}"),),
                              {"seconds": time.perf_counter() - t0})
    chosen = [i for i in range(n) if res.x[i] > 0.5]
    taken = {k.id for k in locked_items}  # a locked item may happen to carry a candidate's id
    items = tuple(sorted((replace(kept[i].item, id=kept[i].item.id + "-new") if kept[i].item.id in taken
                          else kept[i].item for i in chosen), key=lambda it: (it.start_week, it.id)))
    plan = Plan(year, locked_items + items, season)
    progress(Progress("checking_plan", 0.97))
    value = plan_value(plan, segments)
    violations = tuple(check(plan, rules, segments, value))
    optimal = res.status == 0 and gap_now <= mip_gap and not (carry == "exact" and pairs.unpriced(chosen))
    status = "optimal" if optimal else "time_limit"
    bound = None if res.mip_dual_bound is None else float(-res.mip_dual_bound) + locked_value.objective(objective)
    notes = ()
    if not items and not locked_items:
        status = "empty" if optimal else status
        notes = (("No candidate adds value under these rules and budget: the best plan is to run nothing.",
                  "在这些规则和预算下，没有任何活动能带来正收益：最好的计划是不做促销。"),)
        paying = [c for c in cands if c.value > 0]
        if paying and not kept:
            cheapest = min(paying, key=lambda c: c.cost)
            notes += ((f"The cheapest item that pays ({cheapest.item.id}) costs {cheapest.cost:,.0f}; raise the budget "
                       f"above that or loosen the rules that exclude it.",
                       f"最便宜的可盈利活动（{cheapest.item.id}）成本为 {cheapest.cost:,.0f}；"
                       f"请把预算提高到这个数以上，或放宽排除它的规则。"),)
    progress(Progress("done", 1.0))
    stats = {"candidates_built": built, "candidates_used": n, "pairs_priced": len(pairs.prices), "rounds": rounds,
             "carry": carry, "seconds_simulation": t_sim, "seconds_solver": t_solve,
             "seconds": time.perf_counter() - t0,
             "model_objective": float(-res.fun) + locked_value.objective(objective), "rows": len(m.ub)}
    return OptimizeResult(status, objective, value.objective(objective), bound,
                          None if res.mip_gap is None else float(res.mip_gap), plan, value, violations, notes, stats)
