"""Simulate a campaign: evaluate it (``engine``), summarise the draws, add break-even and the model's warnings.

``draws=0`` is the expected-value mode: every input at its typical value, one scenario,
so a result can be checked by hand.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from ..errors import InputError
from .analysis import breakeven
from .campaign import Campaign
from .engine import evaluate, roi
from .registry import LEGAL_PRIZE_CAP, TYPES
from .segments import default_segments, pick

MAX_DRAWS = 200_000


@dataclass(frozen=True)
class Stat:
    mean: float
    p10: float
    p50: float
    p90: float

    @staticmethod
    def of(x: np.ndarray) -> "Stat":
        x = np.asarray(x, dtype=float).ravel()
        p10, p50, p90 = np.percentile(x, [10, 50, 90]) if x.size > 1 else (x[0],) * 3
        return Stat(float(x.mean()), float(p10), float(p50), float(p90))


@dataclass(frozen=True)
class ModelWarning:
    code: str
    data: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Result:
    """What a campaign is expected to do; money in the business's currency, counts in people/orders."""

    type: str
    segments: tuple[str, ...]
    draws: int
    seed: int
    reached: float
    participants: float
    subsidised: float
    incremental_buyers: float
    incremental_orders: float
    dip_orders: float
    incremental_revenue: float
    incremental_margin: float
    dip_margin: float
    costs: dict  # component → mean cost
    cost: Stat
    profit: Stat
    roi: Stat
    participants_dist: Stat
    prob_loss: float
    long_term: dict  # component → mean value; "total"
    leads: float
    breakeven: dict
    partner: dict | None
    caps: dict
    warnings: tuple[ModelWarning, ...]
    profit_draws: np.ndarray = field(repr=False, compare=False, default=None)

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("profit_draws")
        d["segments"] = list(self.segments)
        d["warnings"] = [{"code": w.code, **w.data} for w in self.warnings]
        return d


def simulate(campaign: Campaign, segments=None, draws: int = 10_000, seed: int = 0) -> Result:
    """Simulate ``campaign`` against ``segments`` (default table if None); ``draws=0`` = expected value."""
    from .analysis import breakeven  # analysis builds on evaluate

    if not 0 <= int(draws) <= MAX_DRAWS:
        from ..errors import InputError
        raise InputError(f"draws = {draws} is outside the allowed range 0 to {MAX_DRAWS}.",
                         f"模拟次数 {draws} 超出允许范围 0 至 {MAX_DRAWS}。", field="draws")
    draws, seed = int(draws), int(seed)
    segs = pick(segments or default_segments(), campaign.segments)
    tot, f = evaluate(campaign, segs, draws, seed)
    profit, cost = tot["profit"], tot["cost"]
    mean = lambda a: float(np.mean(a))  # noqa: E731
    costs = {k: mean(v) for k, v in {**tot["variable"], **tot["fixed"]}.items()}
    lt = {k[3:]: mean(tot[k]) for k in tot if k.startswith("lt_")}
    lt["total"] = sum(lt.values())
    partner = None
    if campaign.type == "co_promotion":
        share = campaign.params["cost_share"]
        partner = {"our_cost": mean(cost), "partner_cost": mean(tot["partner_cost"]),
                   "our_profit": mean(profit), "partner_gain": mean(tot["partner_gain"]),
                   "partner_profit": mean(tot["partner_gain"] - tot["partner_cost"]), "our_share": share}
    caps = {
        "budget_cap": campaign.budget_cap or None,
        "budget_binding_share": float(np.mean(tot["scale"] < 1 - 1e-9)) if campaign.budget_cap > 0 else 0.0,
        "budget_scale": mean(tot["scale"]),
        "per_customer_cap": campaign.cap_per_customer,
        "orders_capped": mean(tot["orders_capped"]),
        "per_customer_binding": bool(mean(tot["orders_capped"]) > 1e-9),
    }
    res = Result(
        type=campaign.type, segments=tuple(campaign.segments), draws=draws, seed=seed,
        reached=mean(tot["reached"]), participants=mean(tot["participants"]), subsidised=mean(tot["subsidised"]),
        incremental_buyers=mean(tot["incremental_buyers"]), incremental_orders=mean(tot["incremental_orders"]),
        dip_orders=mean(tot["dip_orders"]), incremental_revenue=mean(tot["incremental_revenue"]),
        incremental_margin=mean(tot["incremental_margin"]), dip_margin=mean(tot["dip_margin"]),
        costs=costs, cost=Stat.of(cost), profit=Stat.of(profit), roi=Stat.of(roi(profit, cost)),
        participants_dist=Stat.of(tot["participants"]), prob_loss=float(np.mean(profit < 0)),
        long_term=lt, leads=mean(tot["leads"]),
        breakeven=breakeven(campaign, segs),
        partner=partner, caps=caps, warnings=(), profit_draws=np.asarray(profit, dtype=float),
    )
    return _with_warnings(res, campaign, tot)


def _with_warnings(res: Result, c: Campaign, tot: dict) -> Result:
    t, p, w = TYPES[c.type], c.params, []
    if c.type == "lottery":
        offered = [p[f"prize{i}_value"] for i in (1, 2, 3) if p[f"prize{i}_count"] > 0]
        top = max(offered, default=0.0)
        if top > LEGAL_PRIZE_CAP:
            w.append(ModelWarning("legal_prize_cap", {"value": top, "cap": LEGAL_PRIZE_CAP}))
        prizes = sum(p[f"prize{i}_count"] for i in (1, 2, 3))
        if res.leads < prizes:  # the whole list is still paid for (prizes are bought up front)
            left, unused = res.leads, 0.0
            for i in (1, 2, 3):  # drawn from the first prize down
                won = min(p[f"prize{i}_count"], left)
                unused, left = unused + (p[f"prize{i}_count"] - won) * p[f"prize{i}_value"], left - won
            w.append(ModelWarning("prizes_unclaimed", {"entrants": res.leads, "prizes": prizes, "unused": unused}))
    if c.type == "prize_quiz" and p["chance"] == "yes":
        w.append(ModelWarning("quiz_is_lottery"))
        if p["top_prize"] > LEGAL_PRIZE_CAP:
            w.append(ModelWarning("legal_prize_cap", {"value": p["top_prize"], "cap": LEGAL_PRIZE_CAP}))
    if c.type == "discount":
        if p["depth"] < p["dead_zone"]:
            w.append(ModelWarning("dead_zone", {"depth": p["depth"], "threshold": p["dead_zone"]}))
        if p["depth"] > p["suspicion"]:
            w.append(ModelWarning("suspicion", {"depth": p["depth"], "level": p["suspicion"]}))
    if c.type == "gift" and p["perceived_value"] < p["gift_cost"]:
        w.append(ModelWarning("poor_gift", {"perceived": p["perceived_value"], "cost": p["gift_cost"]}))
    if c.runs_last_52w + 1 > t.max_runs_per_year:
        w.append(ModelWarning("frequency", {"runs": c.runs_last_52w + 1, "max": t.max_runs_per_year}))
    if c.budget_cap > 0:
        infeasible = float(np.mean(~tot["feasible"]))
        if infeasible > 0:
            w.append(ModelWarning("budget_infeasible", {"fixed": float(np.mean(tot["fixed_total"])), "budget": c.budget_cap,
                                                   "share": infeasible}))
        elif res.caps["budget_binding_share"] > 0:
            w.append(ModelWarning("budget_binding", {"budget": c.budget_cap, "share": res.caps["budget_binding_share"]}))
    if res.caps["per_customer_binding"]:
        w.append(ModelWarning("cap_binding", {"cap": c.cap_per_customer, "orders": res.caps["orders_capped"]}))
    if res.prob_loss > 0.5:
        w.append(ModelWarning("loss_likely", {"prob": res.prob_loss}))
    return Result(**{**res.__dict__, "warnings": tuple(w)})
