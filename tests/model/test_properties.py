"""Property tests: invariants that hold for every valid type, parameter set, segment table and setting."""
from __future__ import annotations

import math
import os
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from promo import SETTINGS, TYPES, make_campaign, make_segment, simulate
from promo.model.engine import evaluate
from promo.model.segments import FIELDS, STAGES

# 60 examples keep the suite fast on the shared machine; PROMO_HYPOTHESIS_EXAMPLES=2000 for a deep search
pytestmark = pytest.mark.filterwarnings("error::RuntimeWarning")  # overflow or 0/0 in the engine is a defect

SETTINGS_PROFILE = settings(max_examples=int(os.environ.get("PROMO_HYPOTHESIS_EXAMPLES", 60)), deadline=None,
                            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
TOL = 1e-9


def close_le(a, b):
    """a ≤ b up to floating-point rounding (elementwise)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return bool(np.all(a <= b + TOL * (1 + np.abs(b))))


def finite_floats(lo, hi):
    return st.floats(min_value=lo, max_value=hi, allow_nan=False, allow_infinity=False)


# ------------------------------------------------------------------ strategies
@st.composite
def segment(draw, key):
    d = {"key": key, "zh": key, "en": key}
    for f, spec in FIELDS.items():
        d[f] = draw(finite_floats(spec.lo, spec.hi))
    d["affinity"] = {t: draw(finite_floats(0.0, 5.0)) for t in TYPES}
    return make_segment(d)


@st.composite
def segment_table(draw):
    keys = draw(st.lists(st.sampled_from((*STAGES, "custom")), min_size=1, max_size=3, unique=True))
    return tuple(draw(segment(k)) for k in keys)


@st.composite
def params_for(draw, type_key):
    out = {}
    for p in TYPES[type_key].params:
        out[p.key] = (draw(st.sampled_from([c.key for c in p.choices])) if p.is_choice
                      else draw(finite_floats(p.lo, p.hi)))
    if type_key == "prize_quiz":
        out["top_prize"] = min(out["top_prize"], out["prize_pool"])
    if type_key == "coupon":
        assume(out["min_spend"] == 0 or out["face_value"] <= out["min_spend"])
    if type_key == "discount":
        assume(out["dead_zone"] < out["suspicion"] and out["switching"] + out["dip"] <= 1)
    return out


@st.composite
def campaign_settings(draw, budget=True):
    s = {
        "duration_weeks": draw(st.integers(1, 52)),
        "reach": draw(finite_floats(0.0, 1.0)),
        "cap_per_customer": draw(st.integers(1, 100)),
        "runs_last_52w": draw(st.integers(0, 52)),
        "season": draw(finite_floats(0.1, 5.0)),
    }
    if budget:
        s["budget_cap"] = draw(st.one_of(st.just(0.0), finite_floats(0.0, 1e6)))
    return s


@st.composite
def case(draw, types=tuple(TYPES), budget=True):
    type_key = draw(st.sampled_from(types))
    segs = draw(segment_table())
    c = make_campaign(type_key, [s.key for s in segs], draw(params_for(type_key)), **draw(campaign_settings(budget)))
    draws = draw(st.sampled_from([0, 1, 2, 64]))
    seed = draw(st.integers(0, 2**32 - 1))
    return c, segs, draws, seed


def floats_in(x, path=""):
    if isinstance(x, dict):
        for k, v in x.items():
            yield from floats_in(v, f"{path}.{k}")
    elif isinstance(x, (list, tuple)):
        for i, v in enumerate(x):
            yield from floats_in(v, f"{path}[{i}]")
    elif isinstance(x, (float, int, np.floating, np.integer)) and not isinstance(x, bool):
        yield path, float(x)


# ------------------------------------------------------------------ flows
@SETTINGS_PROFILE
@given(case())
def test_flows_are_consistent_per_draw(data):
    c, segs, draws, seed = data
    tot, _, _ = evaluate(c, segs, draws, seed)
    size = sum(s.size for s in segs)
    # participants ≤ reached ≤ segment size, all non-negative
    assert close_le(0, tot["participants"]) and close_le(tot["participants"], tot["reached"])
    assert close_le(tot["reached"], size)
    # subsidised + new buyers ≤ participants (the rest are entrants or members who do not buy)
    assert close_le(tot["subsidised"] + tot["incremental_buyers"], tot["participants"])
    assert close_le(0, tot["subsidised"]) and close_le(0, tot["incremental_buyers"])
    # the gross bump splits once: incremental + pulled forward + switched ≥ 0 each
    assert close_le(0, tot["dip_orders"]) and close_le(0, tot["switched_orders"])
    # profit = incremental margin − cost, cost = sum of its components, no negative cost
    np.testing.assert_allclose(tot["profit"], tot["incremental_margin"] - tot["cost"], rtol=1e-9, atol=1e-6)
    parts = sum(tot["variable"].values(), np.zeros(1)) + sum(tot["fixed"].values(), np.zeros(1))
    np.testing.assert_allclose(np.broadcast_to(parts, np.shape(tot["cost"])), tot["cost"], rtol=1e-9, atol=1e-6)
    assert close_le(0, tot["cost"])


@SETTINGS_PROFILE
@given(case())
def test_result_summary_is_consistent(data):
    c, segs, draws, seed = data
    r = simulate(c, segs, draws=draws, seed=seed)
    assert close_le(r.participants, r.reached) and close_le(r.reached, sum(s.size for s in segs))
    assert close_le(r.subsidised + r.incremental_buyers, r.participants)
    assert r.profit.mean == pytest.approx(r.incremental_margin - r.cost.mean, rel=1e-9, abs=1e-6)
    assert sum(r.costs.values()) == pytest.approx(r.cost.mean, rel=1e-9, abs=1e-6)
    for stat in (r.profit, r.roi, r.cost, r.participants_dist, r.sales_lift, r.subsidised_share):
        assert stat.p10 is None or stat.p10 <= stat.p50 <= stat.p90
    # headline ROI = mean profit ÷ mean cost, undefined when nothing is spent
    if r.cost.mean > 1e-9:
        assert r.roi.mean == pytest.approx(r.profit.mean / r.cost.mean, rel=1e-9)
    else:
        assert r.roi.mean is None
    assert r.subsidised_share.mean is None or 0 <= r.subsidised_share.mean <= 1 + 1e-9
    assert sum(share for _, share in r.drivers) <= 1 + 1e-9
    assert 0.0 <= r.prob_loss <= 1.0
    assert r.long_term["total"] == pytest.approx(sum(v for k, v in r.long_term.items() if k != "total"), rel=1e-9,
                                                 abs=1e-6)


# ------------------------------------------------------------------ caps
@SETTINGS_PROFILE
@given(case(budget=False), st.floats(0.0, 1.5), st.booleans())
def test_budget_cap_never_exceeded(data, fraction, at_fixed_cost):
    c, segs, draws, seed = data
    free, _, _ = evaluate(c, segs, draws, seed)
    # at_fixed_cost: exactly the fixed costs, a boundary case
    cap = float(np.max(free["fixed_total"])) if at_fixed_cost else fraction * float(np.max(free["cost"]))
    assume(cap > 0)
    capped = replace(c, budget_cap=cap)
    tot, _, _ = evaluate(capped, segs, draws, seed)
    assert close_le(tot["cost"], cap)
    # the cap only ever shrinks the campaign
    assert close_le(tot["participants"], free["participants"])
    r = simulate(capped, segs, draws=draws, seed=seed)
    assert close_le(r.cost.p90, cap)  # up to rounding: a billionth of a yuan
    # the cap binds where the fixed costs do not fit or the variable costs do not fit in what is left
    # (compared part by part: a tiny variable cost can vanish in the rounding of fixed + variable)
    variable = sum(free["variable"].values(), np.zeros(1))
    # (fixed costs within a billionth of a yuan of the cap count as fitting)
    binding = np.any((free["fixed_total"] > cap + 1e-9) | (variable > np.maximum(cap - free["fixed_total"], 0.0)))
    codes = {w.code for w in r.warnings}
    if binding:
        assert codes & {"budget_binding", "budget_infeasible"}
    else:
        assert not codes & {"budget_binding", "budget_infeasible"}
        np.testing.assert_allclose(tot["profit"], free["profit"], rtol=1e-9, atol=1e-6)


# what a taker gets per order with the offer, and the cost of it: no taker gets it on more orders than the cap
PER_ORDER = {"discount": lambda p, aov: p["depth"] * aov, "gift": lambda p, aov: p["gift_cost"],
             "rebate": lambda p, aov: p["amount"] + p["fulfilment_cost"]}  # at most one claim per order, paid in full
COST_KEYS = {"discount": ("discount",), "gift": ("gifts",), "rebate": ("rebates", "fulfilment")}


@SETTINGS_PROFILE
@given(case(types=tuple(PER_ORDER)))
def test_per_customer_cap_never_exceeded(data):
    c, segs, draws, seed = data
    tot, _, _ = evaluate(c, segs, draws, seed)
    most = max(PER_ORDER[c.type](c.params, s.aov) for s in segs)
    spent = sum(tot["variable"][k] for k in COST_KEYS[c.type])
    assert close_le(spent, c.cap_per_customer * most * tot["participants"])
    r = simulate(c, segs, draws=draws, seed=seed)
    assert r.caps["per_customer_cap"] == c.cap_per_customer
    assert ("cap_binding" in {w.code for w in r.warnings}) == r.caps["per_customer_binding"]


def test_membership_rewards_every_order_whatever_the_cap():
    """A programme, not a redeemable offer: points accrue on every member order, so the per-customer
    redemption cap does not apply (documented in the campaign setting's help)."""
    seg = make_segment({"key": "active", "size": 1000, "p_week": 0.2, "aov": 100, "margin": 0.4,
                        "deal_sensitivity": 1, "retention": 0.5})
    one, _, _ = evaluate(make_campaign("membership", ["active"], cap_per_customer=1), (seg,), 0, 0)
    many, _, _ = evaluate(make_campaign("membership", ["active"], cap_per_customer=100), (seg,), 0, 0)
    assert one["cost"][0] == pytest.approx(many["cost"][0])
    # rewards on every member order over the horizon: more than one order per member at cap 1
    orders = one["variable"]["rewards"][0] / (0.03 * 0.75 * 100)
    assert orders > 1 * one["participants"][0]


# ------------------------------------------------------------------ discount depth
@SETTINGS_PROFILE
@given(segment_table(), params_for("discount"), campaign_settings(budget=False), st.data(),
       st.sampled_from([0, 64]), st.integers(0, 2**31))
def test_deeper_discount_never_lowers_participation_up_to_saturation(segs, params, sets, data, draws, seed):
    top = min(params["suspicion"], TYPES["discount"].param("depth").hi)
    d1 = data.draw(finite_floats(0.01, top))
    d2 = data.draw(finite_floats(d1, top))
    shallow = make_campaign("discount", [s.key for s in segs], {**params, "depth": d1}, **sets)
    deep = make_campaign("discount", [s.key for s in segs], {**params, "depth": d2}, **sets)
    a, _, _ = evaluate(shallow, segs, draws, seed)
    b, _, _ = evaluate(deep, segs, draws, seed)
    assert close_le(a["participants"], b["participants"])
    assert close_le(a["incremental_buyers"], b["incremental_buyers"])


def test_participation_falls_beyond_suspicion_level():
    seg = make_segment({"key": "active", "size": 1000, "p_week": 0.1, "aov": 100, "margin": 0.6,
                        "deal_sensitivity": 1, "retention": 0.5})
    p = [simulate(make_campaign("discount", ["active"], {"depth": d, "suspicion": 0.4}), (seg,),
                  draws=0).incremental_buyers
         for d in (0.3, 0.4, 0.5, 0.6)]
    assert p[0] <= p[1] and p[1] > p[2] > p[3]


# ------------------------------------------------------------------ reproducibility and finiteness
@SETTINGS_PROFILE
@given(case())
def test_same_seed_same_result(data):
    c, segs, draws, seed = data
    a = simulate(c, segs, draws=draws, seed=seed)
    b = simulate(c, segs, draws=draws, seed=seed)
    assert a.to_dict() == b.to_dict()
    np.testing.assert_array_equal(a.profit_draws, b.profit_draws)


@SETTINGS_PROFILE
@given(case())
def test_results_are_finite(data):
    c, segs, draws, seed = data
    d = simulate(c, segs, draws=draws, seed=seed).to_dict()
    bad = [(path, v) for path, v in floats_in(d) if not math.isfinite(v)]
    assert not bad
    for k in ("participants", "participation_rate", "lift"):
        v = d["breakeven"][k]
        assert v is None or (math.isfinite(v) and v >= 0)


def test_monte_carlo_median_is_close_to_expected_value():
    """Uncertain inputs are drawn with their typical value as the median: the median of the simulated participants
    lands near the expected-value result (the mean lies above it, as the priors are skewed to the right)."""
    for type_key, seg in (("coupon", "dormant"), ("lottery", "active"), ("membership", "vip"), ("rebate", "new")):
        c = make_campaign(type_key, [seg])
        ev = simulate(c, draws=0).participants
        mc = simulate(c, draws=20_000, seed=3).participants_dist
        assert mc.p50 == pytest.approx(ev, rel=0.05), type_key
        assert mc.mean >= mc.p50, type_key


def test_settings_table_is_complete():
    assert set(SETTINGS) == {"duration_weeks", "reach", "cap_per_customer", "budget_cap", "runs_last_52w", "season"}


@SETTINGS_PROFILE
@given(st.lists(finite_floats(-1e6, 1e6), min_size=1, max_size=300), st.integers(1, 3))
def test_percentiles_match_numpy(values, rows):
    from promo.model.engine import percentiles

    x = np.tile(np.asarray(values), (rows, 1))
    np.testing.assert_allclose(percentiles(x), np.percentile(x, [10, 50, 90], axis=1).T, rtol=1e-12, atol=1e-9)
