"""The evaluation core under the simulation and the analyses: draw the uncertain inputs, build the mechanics'
context, run the type's mechanics, total the flows, apply the budget cap; and the one ROI formula.

``draws=0`` is the expected-value mode: every input at its typical value, one scenario.
"""
from __future__ import annotations

import numpy as np

from .campaign import Campaign
from .mechanics import MECHANICS, Ctx, Flows, const, won_customer_value
from .registry import TYPES
from .segments import WAKE_STAGES, Segment

BASELINE_LIFT_TYPES = ("discount", "gift", "rebate")  # takers = baseline buyers × (1 + lift)


def _draw(value: float, spec, lo: float, hi: float, n: int, rng: np.random.Generator) -> np.ndarray:
    if spec.kind == "beta":
        m = min(max(value, 1e-6), 1 - 1e-6)
        x = rng.beta(m * spec.k, (1 - m) * spec.k, n)
    elif spec.kind == "lognormal":
        x = value * np.exp(spec.sigma * rng.standard_normal(n) - spec.sigma ** 2 / 2)
    else:  # pert
        a, b = value * spec.lo, value * spec.hi
        if b <= a:
            return np.full(n, value)
        x = a + rng.beta(1 + 4 * (value - a) / (b - a), 1 + 4 * (b - value) / (b - a), n) * (b - a)
    return np.clip(x, lo, hi)


def draw_segments(campaign: Campaign, segs, draws: int, rng: np.random.Generator):
    """Weekly purchase probability (S×N) and response noise (1×N); the first draws of a seed's stream."""
    p_week = np.minimum(np.array([[s.p_week] for s in segs], dtype=float) * campaign.season, 1.0)
    k = const("p_week_k")
    pw = np.clip(p_week, 1e-9, 1 - 1e-9)
    p_draw = np.where(p_week > 0, rng.beta(pw * k, (1 - pw) * k, (len(segs), draws)), 0.0)
    sigma = const("response_sigma")
    noise = np.exp(sigma * rng.standard_normal((1, draws)) - sigma ** 2 / 2)
    return p_draw, noise


def draw_params(campaign: Campaign, draws: int, rng: np.random.Generator) -> dict:
    """The type's parameters, uncertain ones as 1×N rows drawn after the segment draws."""
    params = dict(campaign.params)
    for prm in TYPES[campaign.type].params:
        if prm.unc is not None and not prm.is_choice:
            params[prm.key] = _draw(float(params[prm.key]), prm.unc, prm.lo, prm.hi, draws, rng)[None, :]
    return params


def draw_inputs(campaign: Campaign, segs: tuple[Segment, ...], draws: int, seed: int):
    """Parameters (scalars or 1×N rows), weekly purchase probability (S×N) and response noise (1×N).

    Segment draws come first in the seed's stream, so every type sees the same purchase rates and
    response noise for a seed (common random numbers across types); then the type's own parameters.
    """
    if draws == 0:
        p_week = np.minimum(np.array([[s.p_week] for s in segs], dtype=float) * campaign.season, 1.0)
        return dict(campaign.params), p_week, np.ones((1, 1))
    rng = np.random.default_rng(seed)
    p_draw, noise = draw_segments(campaign, segs, draws, rng)
    return draw_params(campaign, draws, rng), p_draw, noise


def context(campaign: Campaign, segs, params, p_week, noise, alloc: np.ndarray, lift: float = 1.0,
             joint: bool = True) -> Ctx:
    t = TYPES[campaign.type]
    col = lambda f: np.array([[getattr(s, f)] for s in segs], dtype=float)  # noqa: E731
    aff = np.array([[s.affinity.get(campaign.type, 1.0)] for s in segs])
    fatigue = 1.0 / (1.0 + const("fatigue") * campaign.runs_last_52w / t.max_runs_per_year)
    # season raises baseline demand (p_week) for every type; a response rate rises with it only for the
    # types whose takers are not counted from baseline buyers (a discount's bump already follows demand)
    season = 1.0 if campaign.type in BASELINE_LIFT_TYPES else campaign.season
    resp = aff * col("deal_sensitivity") * fatigue * season * noise
    return Ctx(type=campaign.type, p=params, size=col("size"), p_week=p_week, aov=col("aov"), margin=col("margin"),
               retention=col("retention"), resp=resp,
               wake=np.array([[s.stage in WAKE_STAGES] for s in segs], dtype=float),
               prospect=np.array([[s.stage == "prospects"] for s in segs], dtype=float),
               weeks=campaign.duration_weeks, reach=campaign.reach, cap=campaign.cap_per_customer,
               runs=campaign.runs_last_52w, alloc=alloc, lift=lift, joint=joint)


def _alloc(campaign: Campaign, segs) -> np.ndarray:
    """Campaign-wide resources (samples, partner and event audiences) shared by segment size."""
    size = np.array([[s.size] for s in segs], dtype=float)
    total = size.sum()
    return size / total if total > 0 else np.full_like(size, 1.0 / len(segs))


def totals(x: Ctx, f: Flows, n: int, axis) -> dict:
    """Money and counts from the flows, summed over segments (axis=0) or per segment (axis=None)."""
    s = (lambda a: np.sum(np.broadcast_to(a, (x.size.shape[0], n)), axis=0)) if axis == 0 else \
        (lambda a: np.broadcast_to(a, (x.size.shape[0], n)).astype(float))
    net_orders = f.incremental_orders * (1 - f.dip_share)
    dip_orders = f.incremental_orders * f.dip_share
    won = won_customer_value(x.aov, x.margin) * f.incremental_buyers
    out = {
        "reached": s(f.reached), "participants": s(f.participants), "subsidised": s(f.subsidised),
        "incremental_buyers": s(f.incremental_buyers), "incremental_orders": s(net_orders),
        "subsidised_orders": s(f.subsidised_orders), "dip_orders": s(dip_orders),
        "incremental_revenue": s(net_orders * x.aov), "incremental_margin": s(net_orders * x.aov * x.margin),
        "dip_margin": s(dip_orders * x.aov * x.margin), "orders_capped": s(f.orders_capped), "leads": s(f.leads),
        "lt_reference_price": -s(f.reference_loss), "lt_retention": s(f.retention_gain),
        "lt_reactivation": s(won * x.wake), "lt_acquisition": s(won * x.prospect),
        "lt_awareness": s(f.aware * f.value_per_aware),
        "partner_variable": s(f.partner_cost), "partner_gain": s(f.partner_gain),
    }
    out["variable"] = {k: s(v) for k, v in f.variable.items()}
    return out


_SCALED = ("reached", "participants", "subsidised", "incremental_buyers", "incremental_orders", "subsidised_orders",
           "dip_orders", "incremental_revenue", "incremental_margin", "dip_margin", "orders_capped", "leads",
           "lt_reference_price", "lt_retention", "lt_reactivation", "lt_acquisition", "lt_awareness",
           "partner_variable", "partner_gain")


def budget_scale(variable, fixed_total, budget_cap: float, n: int):
    """(share of the variable part that fits the budget, whether the fixed costs fit) per draw.

    No cap (0): everything runs. Fixed costs above the cap: nothing runs. Otherwise the
    variable part is scaled down only when it does not fit in what the fixed costs leave.
    """
    if budget_cap <= 0:
        return np.ones(n), np.ones(n, dtype=bool)
    feasible = fixed_total <= budget_cap + 1e-9
    room = np.maximum(budget_cap - fixed_total, 0.0)
    fits = variable <= room
    scale = np.where(fits, 1.0, np.clip(room / np.maximum(variable, 1e-12), 0.0, 1.0))
    return np.where(feasible, scale, 0.0), feasible


def evaluate(campaign: Campaign, segs, draws: int, seed: int, lift: float = 1.0) -> tuple[dict, Flows]:
    """Per-draw totals of a campaign over its segments, with the budget cap applied."""
    n = max(draws, 1)
    params, p_week, noise = draw_inputs(campaign, segs, draws, seed)
    x = context(campaign, segs, params, p_week, noise, _alloc(campaign, segs), lift)
    f = MECHANICS[campaign.type](x)
    tot = totals(x, f, n, axis=0)
    variable = sum(tot["variable"].values()) if tot["variable"] else np.zeros(n)
    fixed = {k: np.zeros(n) + v for k, v in f.fixed.items()}
    fixed_total = sum(fixed.values()) if fixed else np.zeros(n)
    scale, feasible = budget_scale(variable, fixed_total, campaign.budget_cap, n)
    for k in _SCALED:
        tot[k] = tot[k] * scale
    tot["variable"] = {k: v * scale for k, v in tot["variable"].items()}
    tot["fixed"] = {k: v * feasible for k, v in fixed.items()}
    tot["partner_cost"] = tot.pop("partner_variable") + (np.zeros(n) + f.partner_fixed) * feasible
    tot["cost"] = variable * scale + fixed_total * feasible
    tot["profit"] = tot["incremental_margin"] - tot["cost"]
    tot["scale"], tot["feasible"], tot["fixed_total"] = scale, feasible, fixed_total
    return tot, f


def roi(profit, cost):
    """Profit per unit of cost, per draw; 0 where nothing is spent."""
    return np.where(cost > 1e-9, profit / np.maximum(cost, 1e-9), 0.0)


__all__ = ["BASELINE_LIFT_TYPES", "budget_scale", "context", "draw_inputs", "draw_params", "draw_segments", "evaluate",
           "roi", "totals"]
