"""Questions asked of the simulation: break-even, which inputs matter, which type suits which segment."""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from .campaign import SETTINGS, Campaign, make_campaign
from .mechanics import MECHANICS, PER_REACHED
from .registry import TYPES
from .segments import FIELDS, Segment, default_segments, pick
from .engine import budget_scale, context, draw_inputs, draw_params, draw_segments, evaluate, roi, totals

_Z90 = 1.2815515655446004  # standard normal P90


def breakeven(campaign: Campaign, segs) -> dict:
    """Participants, participation rate and lift needed for zero profit (expected values, no budget cap).

    Participants: profit = k·(margin − variable cost) − fixed when participation scales by k; costs
    paid per person reached (coupons sent, samples handed out) count as fixed here.
    Lift: incremental orders per subsidised order at which profit is zero, from the local slope
    of profit in incremental buyers (for a discount d at margin m this is d/(m−d) when there is no dip).
    """
    c = replace(campaign, budget_cap=0.0)
    t1, _ = evaluate(c, segs, 0, 0, lift=1.0)
    t2, _ = evaluate(c, segs, 0, 0, lift=1.01)
    v = lambda t, k: float(np.asarray(t[k]).ravel()[0])  # noqa: E731
    # costs that do not grow with participation: fixed ones and those paid per person reached
    fixed = v(t1, "fixed_total") + sum(v(t1["variable"], k) for k in PER_REACHED if k in t1["variable"])
    variable = v(t1, "cost") - fixed
    contribution = v(t1, "incremental_margin") - variable
    participants = v(t1, "participants")
    reached = v(t1, "reached")
    out = {"participants": None, "participation_rate": None, "lift": None}
    if contribution > 1e-9 and participants > 0:
        need = fixed / contribution * participants
        out["participants"] = need
        out["participation_rate"] = need / reached if reached > 0 else None
    slope = (v(t2, "profit") - v(t1, "profit")) / 0.01
    sub_orders = v(t1, "subsidised_orders")
    gross_incr = v(t1, "incremental_orders") + v(t1, "dip_orders")
    if slope > 1e-9 and sub_orders > 1e-9 and gross_incr > 1e-9:
        lam = max(0.0, 1.0 - v(t1, "profit") / slope)
        out["lift"] = lam * gross_incr / sub_orders
    return out


def _range(p, value: float) -> tuple[float, float]:
    """P10 and P90 of an uncertain input, or ±20% for a certain one, inside its allowed range."""
    from scipy.special import betaincinv  # here, as in mechanics.qualify_share: 0.5 s of imports

    u = p.unc
    if u is None:
        lo, hi = value * 0.8, value * 1.2
    elif u.kind == "beta":
        m = min(max(value, 1e-6), 1 - 1e-6)
        lo, hi = betaincinv(m * u.k, (1 - m) * u.k, [0.1, 0.9])
    elif u.kind == "lognormal":
        lo, hi = (value * np.exp(s * u.sigma * _Z90 - u.sigma ** 2 / 2) for s in (-1, 1))
    else:
        a, b = value * u.lo, value * u.hi
        if b <= a:
            return value, value
        q = betaincinv(1 + 4 * (value - a) / (b - a), 1 + 4 * (b - value) / (b - a), np.array([0.1, 0.9]))
        lo, hi = a + q * (b - a)
    return float(np.clip(lo, p.lo, p.hi)), float(np.clip(hi, p.lo, p.hi))


def _ev_profit(c: Campaign, segs) -> float:
    return float(evaluate(c, segs, 0, 0)[0]["profit"][0])


def sensitivity(campaign: Campaign, segments=None) -> list[dict]:
    """Expected profit with each input at its low and high value, largest swing first (tornado data)."""
    segs = pick(segments or default_segments(), campaign.segments)
    base = _ev_profit(campaign, segs)
    rows = []
    t = TYPES[campaign.type]
    for p in t.params:
        if p.is_choice:
            continue
        value = float(campaign.params[p.key])
        lo, hi = _range(p, value)
        pl, ph = (_ev_profit(replace(campaign, params={**campaign.params, p.key: x}), segs) for x in (lo, hi))
        rows.append({"key": p.key, "zh": p.zh, "en": p.en, "unit": p.unit, "value": value, "low": lo, "high": hi,
                     "profit_low": pl, "profit_high": ph})
    for key in ("reach", "duration_weeks"):
        spec = SETTINGS[key]
        value = getattr(campaign, key)
        lo, hi = max(spec[3], value * 0.8), min(spec[4], value * 1.2)
        if key == "duration_weeks":
            lo, hi = max(1, value - 1), min(spec[4], value + 1)
        pl, ph = (_ev_profit(replace(campaign, **{key: x}), segs) for x in (lo, hi))
        rows.append({"key": key, "zh": spec[0], "en": spec[1], "unit": spec[2], "value": value, "low": lo, "high": hi,
                     "profit_low": pl, "profit_high": ph})
    for key in ("p_week", "aov", "margin"):
        spec = FIELDS[key]
        changed = [[replace(s, **{key: min(getattr(s, key) * f, spec[4])}) for s in segs] for f in (0.8, 1.2)]
        pl, ph = (_ev_profit(campaign, tuple(ss)) for ss in changed)
        rows.append({"key": key, "zh": spec[0], "en": spec[1], "unit": spec[2], "value": None, "low": -0.2, "high": 0.2,
                     "profit_low": pl, "profit_high": ph})
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
    shared = None  # the segment draws are the same for every type: draw them once
    for tk in types or TYPES:
        c = make_campaign(tk, [s.key for s in segs], **settings)
        n = max(draws, 1)
        if draws == 0:
            params, p_week, noise = draw_inputs(c, segs, draws, seed)
        else:
            if shared is None:
                rng = np.random.default_rng(seed)
                shared = (*draw_segments(c, segs, draws, rng), rng.bit_generator.state)
            p_week, noise, state = shared
            rng = np.random.default_rng(seed)
            rng.bit_generator.state = state  # continue the stream exactly as draw_inputs() would
            params = draw_params(c, draws, rng)
        x = context(c, segs, params, p_week, noise, np.ones((len(segs), 1)), joint=False)
        f = MECHANICS[tk](x)
        tot = totals(x, f, n, axis=None)
        variable = sum(tot["variable"].values(), np.zeros((len(segs), n)))
        fixed = sum((np.zeros(n) + v for v in f.fixed.values()), np.zeros(n))
        scale, feasible = budget_scale(variable, fixed, c.budget_cap, n)  # the same cap rule as simulate()
        cost = variable * scale + fixed * feasible
        profit = tot["incremental_margin"] * scale - cost
        ratio = roi(profit, cost)
        pq = np.percentile(profit, [10, 50, 90], axis=1)
        rq = np.percentile(ratio, [10, 50, 90], axis=1)
        for i, s in enumerate(segs):
            rows.append({"type": tk, "segment": s.key,
                         "profit_mean": float(profit[i].mean()), "profit_p10": float(pq[0, i]),
                         "profit_p50": float(pq[1, i]), "profit_p90": float(pq[2, i]),
                         "roi_mean": float(ratio[i].mean()), "roi_p10": float(rq[0, i]), "roi_p50": float(rq[1, i]),
                         "roi_p90": float(rq[2, i]), "cost_mean": float(cost[i].mean()),
                         "prob_loss": float(np.mean(profit[i] < 0))})
    return rows
