"""The one decomposition every promotion type is valued by (``../shared/domain.md`` §"Model shape (revised…)").

A reached customer either would buy in the campaign window anyway (chance ``q`` from the
segment's weekly purchase probability) or would not. Each type's ``flows`` says how many of
each group take part (``Offer``): customers who would buy anyway are *subsidised* (they get
the offer on orders they would have placed) and may place extra orders; customers who would
not have bought become *new buyers*; baskets may grow. Here that becomes orders, money and
the long-term line the same way for every type:

- the gross bump of subsidised takers is split once: a share only switches from the
  business's own other goods (no margin gained), a share is pulled forward from later weeks
  (the dip: bought now, missing afterwards), the rest is incremental; a halo adds other
  goods sold per unit of gross bump (Ailawadi et al. 2007);
- new buyers' orders are incremental (they come from other shops or from no purchase);
- costs fall on every taker, subsidised ones included; the budget cap scales the variable part.
"""
from __future__ import annotations

import numpy as np

from .constants import const
from .registry import Z90
from .response import Ctx, Offer
from .segments import WAKE_STAGES
from .types import TYPES

BASELINE = ("reached", "participants", "subsidised", "incremental_buyers", "incremental_orders", "dip_orders",
            "switched_orders", "baseline_orders", "lifted_orders", "incremental_revenue", "incremental_margin",
            "dip_margin", "orders_capped", "leads", "lt_reference_price", "lt_retention", "lt_reactivation",
            "lt_acquisition", "lt_awareness", "lt_lagged", "partner_variable", "partner_gain")
SCALED = tuple(k for k in BASELINE if k != "baseline_orders")  # what a binding budget cap scales down

# Cost components paid for everyone reached, whether or not they take part (coupons sent, samples handed out,
# customers told): break-even participation treats them like fixed costs.
PER_REACHED = ("distribution", "samples", "announcement")


def spread(z, lo_ratio: float, hi_ratio: float):
    """Multiplier with median 1 whose P10 and P90 are ``lo_ratio`` and ``hi_ratio`` (two-piece log-normal)."""
    s_lo, s_hi = -np.log(lo_ratio) / Z90, np.log(hi_ratio) / Z90
    return np.exp(z * np.where(z < 0, s_lo, s_hi))


def draws_for(campaign, segs, draws: int, seed: int):
    """(parameters, weekly purchase probability S×N, response noise 1×N, z-scores of every drawn input).

    Segment draws come first in the seed's stream, so every type sees the same purchase rates and
    response noise for a seed (common random numbers across types); then the type's own parameters.
    ``draws=0``: every input at its typical value.
    """
    p_week = np.minimum(np.array([[s.p_week] for s in segs], dtype=float) * campaign.season, 1.0)
    params = dict(campaign.params)
    if draws == 0:
        return params, p_week, np.ones((1, 1)), {}
    rng = np.random.default_rng(seed)
    zp = rng.standard_normal((len(segs), draws))
    zr = rng.standard_normal((1, draws))
    p_week = np.minimum(p_week * spread(zp, *const("p_week_spread")), 1.0)
    noise = spread(zr, *const("response_spread"))
    zs = {"p_week": zp.mean(axis=0), "response": zr[0]}
    for prm in TYPES[campaign.type].params:
        if prm.prior is not None and not prm.is_choice:
            z = rng.standard_normal(draws)
            lo, hi = prm.prior.low / prm.prior.typical, prm.prior.high / prm.prior.typical
            params[prm.key] = np.clip(float(params[prm.key]) * spread(z, lo, hi), prm.lo, prm.hi)[None, :]
            zs[prm.key] = z
    return params, p_week, noise, zs


def context(campaign, segs, params, p_week, noise, alloc, lift: float = 1.0, joint: bool = True) -> Ctx:
    t = TYPES[campaign.type]

    def col(f):
        return np.array([[getattr(s, f)] for s in segs], dtype=float)

    aff = np.array([[s.affinity.get(campaign.type, 1.0)] for s in segs])
    fatigue = 1.0 / (1.0 + const("fatigue") * campaign.runs_last_52w / t.planning.max_runs)
    return Ctx(type=campaign.type, p=params, size=col("size"), p_week=p_week, aov=col("aov"), margin=col("margin"),
               retention=col("retention"), resp=aff * col("deal_sensitivity") * fatigue * noise,
               wake=np.array([[s.stage in WAKE_STAGES] for s in segs], dtype=float),
               prospect=np.array([[s.stage == "prospects"] for s in segs], dtype=float),
               weeks=campaign.duration_weeks, reach=campaign.reach, cap=campaign.cap_per_customer,
               runs=campaign.runs_last_52w, alloc=alloc, lift=lift, joint=joint, season=campaign.season)


def alloc(segs) -> np.ndarray:
    """Campaign-wide resources (samples, partner and event audiences) shared by segment size."""
    size = np.array([[s.size] for s in segs], dtype=float)
    total = size.sum()
    return size / total if total > 0 else np.full_like(size, 1.0 / len(segs))


def won_customer_value(aov, margin):
    """Long-term margin of one reactivated or acquired buyer (share who stay × CLV)."""
    yearly = const("won_p_week") * 52 * aov * margin
    r = const("won_retention")
    return const("stick_share") * yearly * r / (1 + const("clv_discount_rate") - r)


def _summer(shape, by_segment: bool):
    """Sum over segments (or keep them) of an S×N, S×1, 1×N or scalar quantity, without copying what need not be."""
    n = shape[1]
    zero = np.zeros(shape if by_segment else n)
    zero.flags.writeable = False

    def s(a):
        if np.ndim(a) == 0:
            return zero if a == 0 else np.full(shape if by_segment else n, float(a) * (1 if by_segment else shape[0]))
        if by_segment:
            return np.broadcast_to(a, shape)
        a = a.sum(axis=0) if a.shape[0] > 1 else a[0]
        return a if a.shape[0] == n else np.broadcast_to(a, (n,))
    return s


def totals(x: Ctx, f: Offer, n: int, by_segment: bool = False, keys=None) -> dict:
    """Orders, money and the long-term line from an Offer: summed over segments, or per segment (S×N).

    ``keys`` limits the figures computed (the matrix needs only the margin and the costs).
    """
    s = _summer((x.size.shape[0], n), by_segment)
    gross = f.bump + f.new_orders
    net = (1 - f.switching - f.pull_forward) * f.bump + f.new_orders
    dip = f.pull_forward * f.bump
    inside = f.inside
    value = (net + f.halo * gross) * x.aov + f.basket

    def won(stage):
        return won_customer_value(x.aov, x.margin) * f.new * stage

    parts = {
        "reached": lambda: f.reached, "participants": lambda: f.sub + f.new + f.others, "subsidised": lambda: f.sub,
        "incremental_buyers": lambda: f.new, "incremental_orders": lambda: net * inside, "dip_orders": lambda: dip,
        "switched_orders": lambda: f.switching * f.bump, "baseline_orders": lambda: f.reached * x.p_week * x.weeks,
        "lifted_orders": lambda: (gross - f.switching * f.bump) * inside,
        "incremental_revenue": lambda: value * inside, "incremental_margin": lambda: value * inside * x.margin,
        "dip_margin": lambda: dip * x.aov * x.margin, "orders_capped": lambda: f.orders_capped,
        "leads": lambda: f.leads,
        "lt_reference_price": lambda: -f.reference_loss, "lt_retention": lambda: f.retention_gain,
        "lt_reactivation": lambda: won(x.wake), "lt_acquisition": lambda: won(x.prospect),
        "lt_awareness": lambda: f.aware * f.value_per_aware, "lt_lagged": lambda: value * (1 - inside) * x.margin,
        "partner_variable": lambda: f.partner_cost, "partner_gain": lambda: f.partner_gain,
    }
    out = {k: s(parts[k]()) for k in (keys or parts)}
    out["variable"] = {k: s(v) for k, v in f.variable.items()}
    return out


def budget_scale(variable, fixed_total, budget_cap: float, n: int):
    """(share of the variable part that fits the budget, whether the fixed costs fit) per draw.

    No cap (0): everything runs. Fixed costs above the cap: nothing runs. Otherwise the
    variable part is scaled down only when it does not fit in what the fixed costs leave.
    """
    if budget_cap <= 0:
        return np.ones(n), np.ones(n, dtype=bool)
    feasible = fixed_total <= budget_cap + 1e-9
    room = np.maximum(budget_cap - fixed_total, 0.0)
    scale = np.where(variable <= room, 1.0, np.clip(room / np.maximum(variable, 1e-12), 0.0, 1.0))
    return np.where(feasible, scale, 0.0), feasible


def evaluate(campaign, segs, draws: int, seed: int, lift=1.0) -> tuple[dict, Offer, dict]:
    """Per-draw totals of a campaign over its segments with the budget cap applied, its Offer and the z-scores.

    ``lift`` scales the promotion's effect (break-even); with ``draws=0`` a sequence of lifts is evaluated at once,
    one column each.
    """
    lift = np.asarray(lift, dtype=float)
    n = max(draws, 1) if lift.ndim == 0 else lift.size
    params, p_week, noise, zs = draws_for(campaign, segs, draws, seed)
    x = context(campaign, segs, params, p_week, noise, alloc(segs), lift if lift.ndim == 0 else lift[None, :])
    f = TYPES[campaign.type].flows(x)
    tot = totals(x, f, n)
    variable = sum(tot["variable"].values()) if tot["variable"] else np.zeros(n)
    fixed = {k: np.zeros(n) + v for k, v in f.fixed.items()}
    fixed_total = sum(fixed.values()) if fixed else np.zeros(n)
    scale, feasible = budget_scale(variable, fixed_total, campaign.budget_cap, n)
    if campaign.budget_cap > 0:  # without a cap everything runs: nothing to scale
        for k in SCALED:
            tot[k] = tot[k] * scale
        tot["variable"] = {k: v * scale for k, v in tot["variable"].items()}
    tot["fixed"] = {k: v * feasible for k, v in fixed.items()}
    tot["partner_cost"] = tot.pop("partner_variable") + (np.zeros(n) + f.partner_fixed) * feasible
    tot["cost"] = variable * scale + fixed_total * feasible
    tot["profit"] = tot["incremental_margin"] - tot["cost"]
    tot["scale"], tot["feasible"], tot["fixed_total"] = scale, feasible, fixed_total
    return tot, f, zs


def percentiles(x: np.ndarray) -> np.ndarray:
    """P10, P50, P90 along the last axis with numpy's linear interpolation, from one sort (``np.percentile`` costs
    about five times as much here)."""
    x = np.sort(x, axis=-1)
    n = x.shape[-1]
    pos = np.array([0.1, 0.5, 0.9]) * (n - 1)
    lo = np.floor(pos).astype(int)
    hi = np.minimum(lo + 1, n - 1)
    return x[..., lo] + (x[..., hi] - x[..., lo]) * (pos - lo)


def roi(profit: float, cost: float) -> float | None:
    """Mean profit ÷ mean cost; undefined (None) when nothing is spent."""
    return profit / cost if cost > 1e-9 else None
