"""What a plan is worth: each item simulated in its season, carry-over between items, weekly totals.

Each item is simulated on its own with ``engine.evaluate`` (the season multiplier is the
calendar's mean over the item's weeks, rounded to 0.05 so that the optimizer's thousands of
candidates need only a few hundred cached simulations). All items share the random seed:
if an uncertain input (say the discount elasticity) is lower than thought, it is lower for
every item of that type, which is what makes a plan's P10 worse than one item's.

Carry-over between two items of deal types (discount, gift, rebate, coupon) that share a
segment is a loss of a share of each item's incremental margin, largest when they overlap
or run back to back and fading linearly to nothing ``CARRY_WEEKS`` weeks apart:

- the later item loses a fatigue step (response falls with recent offers; the same
  1/(1 + 0.5/runs) step the simulation uses per yearly run) and, after a discount, the
  reference-price erosion relative to its own depth (the cut looks smaller next to a
  lowered "normal" price); each item's own pull-forward dip is charged once, in its own
  profit, and shown in the weeks after it;
- the earlier item loses ``ANTICIPATION`` when a price offer follows soon (customers wait).

Losses add up pair by pair, so two close discounts are each worth less than one alone and
the optimizer can price every pair exactly with one linear term.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from ..model.campaign import SETTINGS, Campaign
from ..model.constants import const
from ..model.types import TYPES
from ..model.segments import Segment, default_segments, pick
from ..model.engine import evaluate
from ..model.simulation import Stat
from .plan import Plan, PlanItem

PLAN_DRAWS = 500
PLAN_SEED = 0
SEASON_STEP = 0.05
CARRY_WEEKS = 8  # model assumption: carry-over fades within two months (cf. the 13-week reference window)
ANTICIPATION = 0.05  # model assumption after the seed text: too many offers make customers wait for the next
DIP_WEEKS = 4  # weeks after an item over which its pull-forward dip is shown
CARRY_TYPES = tuple(k for k, t in TYPES.items() if t.planning.carry)


@dataclass(frozen=True)
class ItemSim:
    """Per-draw results of one item alone (read-only arrays, shared through the cache)."""

    profit: np.ndarray
    cost: np.ndarray
    margin: np.ndarray  # incremental margin after the item's own dip
    dip: np.ndarray  # margin lost in the weeks after the item


@lru_cache(maxsize=100_000)
def simulate_item(campaign: Campaign, segs: tuple[Segment, ...], draws: int = PLAN_DRAWS,
                  seed: int = PLAN_SEED) -> ItemSim:
    tot, _, _ = evaluate(campaign, segs, draws, seed)
    arrays = [np.asarray(tot[k], dtype=float).ravel().copy() for k in ("profit", "cost", "incremental_margin",
                                                                      "dip_margin")]
    for a in arrays:
        a.flags.writeable = False
    return ItemSim(*arrays)


def item_season(season, start_week: int, duration: int, base: float = 1.0) -> float:
    """Mean calendar multiplier over the item's weeks times its own, rounded to ``SEASON_STEP``."""
    m = float(np.mean(season[start_week - 1:start_week - 1 + duration])) * base
    lo, hi = SETTINGS["season"].lo, SETTINGS["season"].hi
    return float(np.clip(round(m / SEASON_STEP) * SEASON_STEP, lo, hi))


def seasoned(item: PlanItem, season) -> Campaign:
    return replace(item.campaign, season=item_season(season, item.start_week, item.duration, item.campaign.season))


def fatigue_step(type_key: str) -> float:
    """Share of response lost to one more recent run (the simulation's fatigue for one yearly run)."""
    return 1.0 - 1.0 / (1.0 + const("fatigue") / TYPES[type_key].planning.max_runs)


def _erosion(a: PlanItem, b: PlanItem) -> float:
    if a.type != "discount" or b.type != "discount":
        return 0.0
    drop = const("reference_pass") * a.campaign.params["depth"] * min(1.0, a.duration / 4)
    return min(1.0, drop / max(b.campaign.params["depth"], 1e-9))


def _oriented(a: PlanItem, b: PlanItem) -> tuple[float, float]:
    # each item's own pull-forward dip is in its own profit already: close items interact only through fatigue,
    # the lowered reference price and customers waiting for the next offer (domain.md, "Model shape")
    on_b = fatigue_step(b.type) + _erosion(a, b)
    on_a = ANTICIPATION if TYPES[b.type].price_offer else 0.0
    return on_a, on_b


def carry_shares(a: PlanItem, b: PlanItem, sizes: dict) -> tuple[float, float]:
    """Shares of a's and b's incremental margin lost because of each other (``a`` starts no later than ``b``)."""
    if a.type not in CARRY_TYPES or b.type not in CARRY_TYPES:
        return 0.0, 0.0
    shared = set(a.segments) & set(b.segments)
    if not shared:
        return 0.0, 0.0
    between = b.start_week - a.end_week - 1
    fade = 1.0 if between <= 0 else max(0.0, 1.0 - between / CARRY_WEEKS)
    if fade == 0.0:
        return 0.0, 0.0
    if a.start_week == b.start_week:  # no order: the mean of both orders
        ab, ba = _oriented(a, b), _oriented(b, a)
        la, lb = (ab[0] + ba[1]) / 2, (ab[1] + ba[0]) / 2
    else:
        la, lb = _oriented(a, b)

    def share(it):
        total = sum(sizes[s] for s in it.segments)
        return sum(sizes[s] for s in shared) / total if total > 0 else len(shared) / len(it.segments)
    return la * fade * share(a), lb * fade * share(b)


@dataclass(frozen=True)
class ItemValue:
    id: str
    season: float
    cost: Stat
    standalone: Stat  # profit of the item alone
    carry_loss: float  # expected margin lost to carry-over with other items
    profit: Stat  # after carry-over


@dataclass(frozen=True)
class PlanValue:
    items: dict  # id → ItemValue
    cost: Stat
    profit: Stat
    roi: Stat
    prob_loss: float
    p10_sum: float  # sum of the items' own P10 profits minus carry-over: the optimizer's risk-averse objective
    weekly: dict  # "cost", "profit", "profit_p10", "profit_p90", "cost_p10", "cost_p90": one value per week
    draws: int

    def objective(self, kind: str) -> float:
        return self.profit.mean if kind == "expected" else self.p10_sum

    def summary(self, violations=()) -> dict:
        """What a saved plan keeps of its value."""
        return {"cost": self.cost.mean, "profit": self.profit.mean, "profit_p10": self.profit.p10,
                "profit_p90": self.profit.p90, "roi": self.roi.mean, "prob_loss": self.prob_loss,
                "violations": len(violations)}

    def to_dict(self) -> dict:
        stat = lambda s: s.__dict__
        return {"draws": self.draws, "cost": stat(self.cost), "profit": stat(self.profit), "roi": stat(self.roi),
                "prob_loss": self.prob_loss, "p10_sum": self.p10_sum,
                "items": {k: {"season": v.season, "cost": stat(v.cost), "standalone": stat(v.standalone),
                              "carry_loss": v.carry_loss, "profit": stat(v.profit)} for k, v in self.items.items()},
                "weekly": {k: [float(x) for x in v] for k, v in self.weekly.items()}}


def carry_losses(items, segments) -> np.ndarray:
    """Matrix F: F[i, j] = share of item i's margin lost because of item j."""
    sizes = {s.key: s.size for s in segments}
    n = len(items)
    f = np.zeros((n, n))
    deal = [k for k, it in enumerate(items) if it.type in CARRY_TYPES]
    for x, i in enumerate(deal):
        for j in deal[x + 1:]:
            a, b = (i, j) if items[i].start_week <= items[j].start_week else (j, i)
            la, lb = carry_shares(items[a], items[b], sizes)
            f[a, b], f[b, a] = la, lb
    return f


def plan_value(plan: Plan, segments=None, draws: int = PLAN_DRAWS, seed: int = PLAN_SEED) -> PlanValue:
    """Cost, profit (after carry-over), ROI and the probability of a loss, in total and per week."""
    segments = tuple(segments or default_segments())
    items = plan.items
    n, weeks, m = len(items), plan.weeks, max(draws, 1)
    sims, seasons = [], []
    for it in items:
        c = seasoned(it, plan.season)
        seasons.append(c.season)
        sims.append(simulate_item(c, pick(segments, it.segments), draws, seed))
    profit = np.array([s.profit for s in sims]).reshape(n, m)
    cost = np.array([s.cost for s in sims]).reshape(n, m)
    margin = np.maximum(np.array([s.margin for s in sims]).reshape(n, m), 0.0)
    dip = np.array([s.dip for s in sims]).reshape(n, m)
    share = carry_losses(items, segments).sum(axis=1) if n else np.zeros(0)
    loss = share[:, None] * margin
    net = profit - loss
    run_w, dip_w, gain_w = np.zeros((n, weeks)), np.zeros((n, weeks)), np.zeros((n, weeks))
    for k, it in enumerate(items):
        run_w[k, it.start_week - 1:it.end_week] = 1.0 / it.duration
        after = list(range(it.end_week, min(it.end_week + DIP_WEEKS, weeks))) or [weeks - 1]
        dip_w[k, after] = 1.0 / len(after)
        lag = int(it.campaign.params.get("lag_weeks", 0)) if it.campaign.type == "sponsorship" else 0
        first = min(it.start_week - 1 + lag, weeks - 1)  # a sponsorship's sales come after its lag
        gain_w[k, first:min(first + it.duration, weeks)] = 1.0 / len(range(first, min(first + it.duration, weeks)))
    # costs fall in the item's weeks, its margin in the weeks it arrives; the dip follows the item
    weekly_profit = gain_w.T @ (net + cost + dip) - run_w.T @ cost - dip_w.T @ dip
    weekly_cost = run_w.T @ cost
    total_profit, total_cost = net.sum(axis=0), cost.sum(axis=0)
    pct = lambda a, q: np.percentile(a, q, axis=1) if m > 1 else a[:, 0]
    item_values = {it.id: ItemValue(it.id, seasons[k], Stat.of(cost[k]), Stat.of(profit[k]),
                                    float(loss[k].mean()), Stat.of(net[k])) for k, it in enumerate(items)}
    p10_sum = float(sum(v.standalone.p10 - v.carry_loss for v in item_values.values()))
    return PlanValue(
        items=item_values, cost=Stat.of(total_cost), profit=Stat.of(total_profit),
        roi=Stat.ratio(total_profit, total_cost),
        prob_loss=float(np.mean(total_profit < 0)), p10_sum=p10_sum,
        weekly={"cost": weekly_cost.mean(axis=1), "cost_p10": pct(weekly_cost, 10), "cost_p90": pct(weekly_cost, 90),
                "profit": weekly_profit.mean(axis=1), "profit_p10": pct(weekly_profit, 10),
                "profit_p90": pct(weekly_profit, 90)},
        draws=m)
