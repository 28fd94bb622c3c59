"""Simulate a campaign: draw uncertain inputs, value them with the engine, summarise, warn.

``draws=0`` is the expected-value mode: every input at its typical value, one scenario,
so a result can be checked by hand.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from ..errors import InputError
from .analysis import breakeven, drivers, sensitivity
from .campaign import Campaign
from .constants import const
from .engine import evaluate, percentiles, roi
from .registry import LEGAL_PRIZE_CAP
from .segments import default_segments, pick
from .types import TYPES

MAX_DRAWS = 200_000


@dataclass(frozen=True)
class Stat:
    """Mean and P10 / P50 / P90 over the scenarios; ``None`` where a figure is undefined (no cost, no baseline)."""

    mean: float | None
    p10: float | None
    p50: float | None
    p90: float | None

    @staticmethod
    def of(x) -> Stat:
        x = np.asarray(x, dtype=float).ravel()
        return Stat(float(x.mean()), *map(float, percentiles(x)))

    @staticmethod
    def ratio(num, den) -> Stat:
        """Mean = mean(num) ÷ mean(den); the percentiles are those of the per-scenario ratio where den > 0."""
        num, den = np.asarray(num, dtype=float).ravel(), np.asarray(den, dtype=float).ravel()
        ok = den > 1e-9
        mean = roi(float(num.mean()), float(den.mean()))
        if not ok.any():
            return Stat(mean, None, None, None)
        return Stat(mean, *map(float, percentiles(num[ok] / den[ok])))


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
    switched_orders: float
    incremental_revenue: float
    incremental_margin: float
    dip_margin: float
    costs: dict  # component → mean cost
    cost: Stat
    profit: Stat
    roi: Stat  # mean = mean profit ÷ mean cost (None when nothing is spent); P10–P90 of the per-scenario ratio
    participants_dist: Stat
    sales_lift: Stat  # orders of the reached in the window with the promotion ÷ without, − 1 (None without baseline)
    subsidised_share: Stat  # subsidised ÷ participants
    prob_loss: float
    drivers: tuple  # (input key, share of the profit's variance), largest first
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
        d["drivers"] = [{"key": k, "share": s} for k, s in self.drivers]
        d["warnings"] = [{"code": w.code, **w.data} for w in self.warnings]
        return d


def check_draws(draws) -> int:
    if not 0 <= int(draws) <= MAX_DRAWS:
        raise InputError(f"draws = {draws} is outside the allowed range 0 to {MAX_DRAWS}.",
                         f"模拟次数 {draws} 超出允许范围 0 至 {MAX_DRAWS}。", field="draws")
    return int(draws)


def simulate(campaign: Campaign, segments=None, draws: int = 10_000, seed: int = 0) -> Result:
    """Simulate ``campaign`` against ``segments`` (default table if None); ``draws=0`` = expected value."""
    draws, seed = check_draws(draws), int(seed)
    segs = pick(segments or default_segments(), campaign.segments)
    tot, _f, zs = evaluate(campaign, segs, draws, seed)
    profit, cost = tot["profit"], tot["cost"]

    def mean(a):
        return float(np.mean(a))

    costs = {k: mean(v) for k, v in {**tot["variable"], **tot["fixed"]}.items()}
    lt = {k[3:]: mean(tot[k]) for k in tot if k.startswith("lt_")}
    lt["total"] = sum(lt.values())
    partner = None
    if campaign.type == "co_promotion":
        partner = {"our_cost": mean(cost), "partner_cost": mean(tot["partner_cost"]),
                   "our_profit": mean(profit), "partner_gain": mean(tot["partner_gain"]),
                   "partner_profit": mean(tot["partner_gain"] - tot["partner_cost"]),
                   "our_share": campaign.params["cost_share"]}
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
        dip_orders=mean(tot["dip_orders"]), switched_orders=mean(tot["switched_orders"]),
        incremental_revenue=mean(tot["incremental_revenue"]), incremental_margin=mean(tot["incremental_margin"]),
        dip_margin=mean(tot["dip_margin"]), costs=costs, cost=Stat.of(cost), profit=Stat.of(profit),
        roi=Stat.ratio(profit, cost), participants_dist=Stat.of(tot["participants"]),
        sales_lift=Stat.ratio(tot["lifted_orders"], tot["baseline_orders"]),
        subsidised_share=Stat.ratio(tot["subsidised"], tot["participants"]),
        prob_loss=float(np.mean(profit < 0)), drivers=drivers(profit, zs), long_term=lt, leads=mean(tot["leads"]),
        breakeven=breakeven(campaign, segs), partner=partner, caps=caps, warnings=(),
        profit_draws=np.asarray(profit, dtype=float))
    return _with_warnings(res, campaign, tot, segs)


def _with_warnings(res: Result, c: Campaign, tot: dict, segs) -> Result:
    t, w = TYPES[c.type], []
    top = t.capped_prize(c.params)
    if top is not None and top > LEGAL_PRIZE_CAP:
        w.append(ModelWarning("legal_prize_cap", {"value": top, "cap": LEGAL_PRIZE_CAP}))
    if t.warnings is not None:
        w.extend(ModelWarning(code, data) for code, data in t.warnings(c, res))
    if c.runs_last_52w + 1 > t.planning.max_runs:
        w.append(ModelWarning("frequency", {"runs": c.runs_last_52w + 1, "max": t.planning.max_runs}))
    if c.budget_cap > 0:
        infeasible = float(np.mean(~tot["feasible"]))
        if infeasible > 0:
            w.append(ModelWarning("budget_infeasible", {"fixed": float(np.mean(tot["fixed_total"])),
                                                        "budget": c.budget_cap, "share": infeasible}))
        elif res.caps["budget_binding_share"] > 0:
            w.append(ModelWarning("budget_binding", {"budget": c.budget_cap,
                                                     "share": res.caps["budget_binding_share"]}))
    if res.caps["per_customer_binding"]:
        w.append(ModelWarning("cap_binding", {"cap": c.cap_per_customer, "orders": res.caps["orders_capped"]}))
    if res.prob_loss > 0.5:
        w.append(ModelWarning("loss_likely", {"prob": res.prob_loss}))
    if res.roi.mean is not None and res.roi.mean > const("roi_plausible"):
        top = sensitivity(c, segs)[:3]
        w.append(ModelWarning("roi_implausible", {
            "roi": res.roi.mean, "bound": const("roi_plausible"), "inputs": [r["key"] for r in top],
            "names": {"zh": "、".join(r["zh"] for r in top), "en": ", ".join(r["en"] for r in top)}}))
    return Result(**{**res.__dict__, "warnings": tuple(w)})
