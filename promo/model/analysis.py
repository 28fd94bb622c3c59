"""Questions asked of the engine: break-even, which inputs move profit, which drive its spread, and which type
suits which segment."""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from .campaign import SETTINGS, Campaign, make_campaign
from .engine import PER_REACHED, budget_scale, context, draws_for, evaluate, percentiles, roi, totals
from .segments import FIELDS, Segment, default_segments, pick
from .types import TYPES

DRIVER_MIN_SHARE = 0.05  # inputs explaining less of the spread are not named


def _ev(tot: dict, key: str) -> float:
    return float(np.asarray(tot[key]).ravel()[0])


def breakeven(campaign: Campaign, segs) -> dict:
    """Participants, participation rate and lift needed for zero profit (expected values, no budget cap).

    Participants: profit = k·(margin − variable cost) − fixed when participation scales by k; costs
    paid per person reached (coupons sent, samples handed out, customers told) count as fixed here.
    Lift: incremental orders per subsidised order at which profit is zero, from the local slope
    of profit in the promotion's effect (for a discount d at margin m with no dip, switching, halo
    or new buyers this is d/(m−d)).
    """
    c = replace(campaign, budget_cap=0.0)
    tot, _, _ = evaluate(c, segs, 0, 0, lift=(1.0, 1.01))  # both columns in one evaluation
    t1 = {k: (v[:1] if isinstance(v, np.ndarray) else {kk: vv[:1] for kk, vv in v.items()}) for k, v in tot.items()}
    fixed = _ev(t1, "fixed_total") + sum(_ev(t1["variable"], k) for k in PER_REACHED if k in t1["variable"])
    variable = _ev(t1, "cost") - fixed
    contribution = _ev(t1, "incremental_margin") - variable
    participants, reached = _ev(t1, "participants"), _ev(t1, "reached")
    out = {"participants": None, "participation_rate": None, "lift": None}
    if contribution > 1e-9 and participants > 0:
        need = fixed / contribution * participants
        out["participants"] = need
        out["participation_rate"] = need / reached if reached > 0 else None
    slope = (float(tot["profit"][1]) - float(tot["profit"][0])) / 0.01
    sub_orders = (_ev(t1, "baseline_orders") if campaign.type in ("discount", "gift", "rebate")
                  else _ev(t1, "subsidised"))
    gross = _ev(t1, "incremental_orders") + _ev(t1, "dip_orders") + _ev(t1, "switched_orders")
    if slope > 1e-9 and sub_orders > 1e-9 and gross > 1e-9:
        lam = max(0.0, 1.0 - _ev(t1, "profit") / slope)
        out["lift"] = lam * gross / sub_orders
    return out


def drivers(profit, zs: dict) -> tuple:
    """Which drawn inputs drive the profit's spread: each input's share of the variance a linear fit on the
    inputs' standard-normal scores explains (the scores are independent, so the fit is one product)."""
    if not zs or np.size(profit) < 2:
        return ()
    y = np.asarray(profit, dtype=float).ravel()
    y = y - y.mean()
    keys = list(zs)
    z = np.vstack([zs[k] for k in keys])
    beta = z @ y / y.size
    power = beta * beta
    total = float(power.sum())
    if total <= 0:
        return ()
    ranked = sorted(zip(keys, power / total, strict=True), key=lambda kv: -kv[1])
    return tuple((k, float(s)) for k, s in ranked if s >= DRIVER_MIN_SHARE)


def _ev_profit(c: Campaign, segs) -> float:
    return float(evaluate(c, segs, 0, 0)[0]["profit"][0])


def sensitivity(campaign: Campaign, segments=None) -> list[dict]:
    """Expected profit with each input at its P10 and P90 (±20% for certain ones), largest swing first (tornado)."""
    segs = pick(segments or default_segments(), campaign.segments)
    base = _ev_profit(campaign, segs)
    rows = []
    for p in TYPES[campaign.type].params:
        if p.is_choice:
            continue
        value = float(campaign.params[p.key])
        lo, hi = p.band(value)
        pl, ph = (_ev_profit(replace(campaign, params={**campaign.params, p.key: v}), segs) for v in (lo, hi))
        rows.append({"key": p.key, "zh": p.zh, "en": p.en, "unit": p.unit, "value": value, "low": lo, "high": hi,
                     "profit_low": pl, "profit_high": ph})
    for key in ("reach", "duration_weeks"):
        spec = SETTINGS[key]
        value = getattr(campaign, key)
        if key == "duration_weeks":
            lo, hi = max(1, value - 1), min(spec.hi, value + 1)
        else:
            lo, hi = max(spec.lo, value * 0.8), min(spec.hi, value * 1.2)
        pl, ph = (_ev_profit(replace(campaign, **{key: v}), segs) for v in (lo, hi))
        rows.append({"key": key, "zh": spec.zh, "en": spec.en, "unit": spec.unit, "value": value, "low": lo,
                     "high": hi, "profit_low": pl, "profit_high": ph})
    for key in ("p_week", "aov", "margin"):
        spec = FIELDS[key]
        changed = [[replace(s, **{key: min(getattr(s, key) * k, spec.hi)}) for s in segs] for k in (0.8, 1.2)]
        pl, ph = (_ev_profit(campaign, tuple(ss)) for ss in changed)
        rows.append({"key": key, "zh": spec.zh, "en": spec.en, "unit": spec.unit, "value": None, "low": -0.2,
                     "high": 0.2, "profit_low": pl, "profit_high": ph})
    for r in rows:
        r["swing"] = abs(r["profit_high"] - r["profit_low"])
        r["base"] = base
    return sorted(rows, key=lambda r: -r["swing"])


def compare_matrix(segments=None, draws: int = 2000, seed: int = 0, types=None, **settings) -> list[dict]:
    """Every type with its defaults against every segment, each pair its own campaign.

    All pairs share the same random draws (common random numbers), so differences between
    cells come from the promotions, not from noise.
    """
    segs: tuple[Segment, ...] = tuple(segments or default_segments())
    rows = []
    n = max(draws, 1)
    for tk in types or TYPES:
        c = make_campaign(tk, [s.key for s in segs], **settings)
        params, p_week, noise, _ = draws_for(c, segs, draws, seed)
        x = context(c, segs, params, p_week, noise, np.ones((len(segs), 1)), joint=False)
        f = TYPES[tk].flows(x)
        tot = totals(x, f, n, by_segment=True, keys=("incremental_margin",))
        variable = sum(tot["variable"].values(), np.zeros((len(segs), n)))
        fixed = sum((np.zeros(n) + v for v in f.fixed.values()), np.zeros(n))
        scale, feasible = budget_scale(variable, fixed, c.budget_cap, n)  # the same cap rule as simulate()
        cost = variable * scale + fixed * feasible
        profit = tot["incremental_margin"] * scale - cost
        pq = percentiles(profit).T
        for i, s in enumerate(segs):
            cm, pm = float(cost[i].mean()), float(profit[i].mean())
            rows.append({"type": tk, "segment": s.key, "profit_mean": pm, "profit_p10": float(pq[0, i]),
                         "profit_p50": float(pq[1, i]), "profit_p90": float(pq[2, i]), "roi_mean": roi(pm, cm),
                         "cost_mean": cm, "prob_loss": float(np.mean(profit[i] < 0))})
    return rows


def suits(rows: list[dict], type_key: str, n: int = 3) -> list[str]:
    """The segments a type suits by the model: where it pays at its defaults, best ROI first (at most ``n``).

    ``rows`` are ``compare_matrix`` rows; an empty list means it pays on no segment at its defaults.
    """
    paying = [r for r in rows if r["type"] == type_key and r["profit_mean"] > 0]
    return [r["segment"] for r in sorted(paying, key=lambda r: -(r["roi_mean"] or 0.0))[:n]]


METRICS = ("subsidised_share", "sales_lift", "take_up")


def match_param(campaign: Campaign, segments, param: str, metric: str, target: float) -> float | None:
    """The value of ``param`` at which the expected ``metric`` equals ``target`` (a measured figure), by bisection
    over the parameter's range; None when no value in the range reaches it.

    Used to turn a measured subsidised share into the discount's ``new_buyer_rate`` or the coupon's
    ``regulars_ratio``, a measured sales lift into a response parameter, and a measured take-up (participants ÷
    customers reached, as past campaigns show it) into a rate the model states for one group only (the coupon's
    redemption by regular buyers, a draw's entry rate, a programme's enrolment).
    """
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {METRICS}")
    segs = pick(segments or default_segments(), campaign.segments)
    spec = TYPES[campaign.type].param(param)

    def value(v: float) -> float:
        tot = evaluate(replace(campaign, params={**campaign.params, param: v}), segs, 0, 0)[0]
        if metric == "subsidised_share":
            return _ev(tot, "subsidised") / max(_ev(tot, "participants"), 1e-12)
        if metric == "take_up":
            return _ev(tot, "participants") / max(_ev(tot, "reached"), 1e-12)
        return _ev(tot, "lifted_orders") / max(_ev(tot, "baseline_orders"), 1e-12)

    lo, hi = float(spec.lo), float(spec.hi)
    f_lo, f_hi = value(lo) - target, value(hi) - target
    if f_lo == 0:
        return lo
    if f_lo * f_hi > 0:
        return None
    for _ in range(60):
        mid = (lo + hi) / 2
        f_mid = value(mid) - target
        if abs(f_mid) < 1e-9 or hi - lo < 1e-9 * max(1.0, abs(hi)):
            return mid
        if f_lo * f_mid <= 0:
            hi = mid
        else:
            lo, f_lo = mid, f_mid
    return (lo + hi) / 2
