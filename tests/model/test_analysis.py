"""Sensitivity (tornado data) and the type × segment comparison matrix."""
from __future__ import annotations

import math

import numpy as np
import pytest

from promo import TYPE_KEYS, compare_matrix, default_segments, make_campaign, make_segment, sensitivity, simulate

ROW_KEYS = {"type", "segment", "profit_mean", "profit_p10", "profit_p50", "profit_p90", "roi_mean", "cost_mean",
            "prob_loss"}


# ------------------------------------------------------------------ sensitivity
@pytest.mark.parametrize("type_key, seg", [("sponsorship", "prospects"), ("coupon", "dormant"), ("discount", "active"),
                                           ("membership", "vip"), ("lottery", "active"), ("free_trial", "prospects")])
def test_sensitivity_rows_sorted_and_finite(type_key, seg):
    rows = sensitivity(make_campaign(type_key, [seg]))
    swings = [r["swing"] for r in rows]
    assert swings == sorted(swings, reverse=True)
    base = simulate(make_campaign(type_key, [seg]), draws=0).profit.mean
    for r in rows:
        for k in ("low", "high", "profit_low", "profit_high", "swing", "base"):
            assert math.isfinite(r[k]), (r["key"], k)
        assert r["swing"] == pytest.approx(abs(r["profit_high"] - r["profit_low"]))
        assert r["base"] == pytest.approx(base)
        assert r["zh"] and r["en"] and r["unit"]
    # every numeric parameter, two settings and three segment figures appear once
    keys = [r["key"] for r in rows]
    assert len(keys) == len(set(keys))
    assert {"reach", "duration_weeks", "p_week", "aov", "margin"} <= set(keys)


def test_sensitivity_top_inputs_for_sponsorship_are_activation_and_fee():
    """Default sponsorship on prospects: the activation ratio runs from P10 1.0 to P90 2.2 (IEG), moving the cost
    by 50,000 × 1.2 = 60,000; the fee (a certain input, ±20%) by 0.4 × 50,000 × (1 + 1.9) = 58,000."""
    rows = sensitivity(make_campaign("sponsorship", ["prospects"]))
    top, second = rows[0], rows[1]
    assert top["key"] == "activation_ratio" and (top["low"], top["high"]) == pytest.approx((1.0, 2.2))
    assert top["swing"] == pytest.approx(50_000 * 1.2)
    assert second["key"] == "fee" and (second["low"], second["high"]) == pytest.approx((40_000, 60_000))
    assert second["swing"] == pytest.approx(0.4 * 50_000 * 2.9)
    assert top["profit_low"] > top["base"] > top["profit_high"]  # more activation spend lowers the profit


def test_sensitivity_hand_picked_coupon_case():
    """A coupon to dormant customers: most redeemers would not have bought, so the two take-up inputs lead —
    a higher redemption rate raises the profit, a higher regulars' ratio (fewer non-buyers redeem) lowers it."""
    seg = make_segment({"key": "dormant", "size": 10_000, "p_week": 0.01, "aov": 200, "margin": 0.5,
                        "deal_sensitivity": 1, "retention": 0.2})
    c = make_campaign("coupon", ["dormant"], {"redemption_rate": 0.05, "face_value": 20, "cost_per_send": 0.01})
    rows = sensitivity(c, (seg,))
    top = {r["key"]: r for r in rows[:2]}
    assert set(top) == {"redemption_rate", "regulars_ratio"}
    assert (top["redemption_rate"]["low"], top["redemption_rate"]["high"]) == pytest.approx((0.025, 0.1))  # P10, P90
    assert top["redemption_rate"]["profit_high"] > top["redemption_rate"]["profit_low"]
    assert top["regulars_ratio"]["profit_high"] < top["regulars_ratio"]["profit_low"]


# ------------------------------------------------------------------ comparison matrix
@pytest.fixture(scope="module")
def matrix():
    return compare_matrix(draws=2000, seed=1)


def test_matrix_covers_every_pair(matrix):
    assert len(matrix) == 70
    assert {(r["type"], r["segment"]) for r in matrix} == {(t, s.key) for t in TYPE_KEYS for s in default_segments()}
    for r in matrix:
        assert set(r) == ROW_KEYS


def test_matrix_is_finite_and_ordered(matrix):
    for r in matrix:
        for k in ROW_KEYS - {"type", "segment", "roi_mean"}:
            assert math.isfinite(r[k]), (r["type"], r["segment"], k)
        assert r["roi_mean"] is None or math.isfinite(r["roi_mean"])
        assert r["profit_p10"] <= r["profit_p50"] <= r["profit_p90"]
        assert 0 <= r["prob_loss"] <= 1 and r["cost_mean"] >= 0


def test_matrix_is_reproducible():
    a = compare_matrix(draws=200, seed=5, types=["coupon", "lottery"])
    b = compare_matrix(draws=200, seed=5, types=["coupon", "lottery"])
    assert a == b


def test_matrix_expected_value_cells_equal_single_campaigns():
    rows = compare_matrix(draws=0)
    for r in rows:
        res = simulate(make_campaign(r["type"], [r["segment"]]), draws=0)
        assert r["profit_mean"] == pytest.approx(res.profit.mean, rel=1e-9, abs=1e-6), (r["type"], r["segment"])
        assert r["cost_mean"] == pytest.approx(res.cost.mean, rel=1e-9, abs=1e-6)
        assert r["roi_mean"] == (None if res.roi.mean is None else pytest.approx(res.roi.mean, rel=1e-9, abs=1e-9))
        assert r["profit_p10"] == r["profit_p50"] == r["profit_p90"] == pytest.approx(r["profit_mean"])


def test_matrix_sponsorship_prospects_by_hand():
    """Default sponsorship on the default prospects (200,000 people, p_week 0.001, order 160, margin 50%,
    affinity 1 — the lagged conversion is stated for an event's general audience), 4 weeks, reach 60%."""
    cell = next(r for r in compare_matrix(draws=0, types=["sponsorship"]) if r["segment"] == "prospects")
    reached = min(200_000 * 0.6, 30_000)          # the event audience (30,000) is smaller than those reachable
    q = 1 - (1 - 0.001) ** 4                      # would have bought anyway within 4 weeks
    new = reached * (1 - q) * 0.004               # lagged conversion of those who would not have bought
    inside = (26 - 6) / 26                        # their sales spread over 26 weeks after a 6-week lag; window 26
    cost = 50_000 * (1 + 1.9)                     # fee × (1 + activation) = 145,000
    profit = new * 160 * 0.5 * inside - cost
    assert cell["cost_mean"] == pytest.approx(cost)
    assert cell["profit_mean"] == pytest.approx(profit, rel=1e-9)
    assert cell["roi_mean"] == pytest.approx(profit / cost, rel=1e-9)
    assert cell["prob_loss"] == 1.0


def test_matrix_respects_the_budget_cap():
    for draws in (0, 300):
        rows = compare_matrix(draws=draws, budget_cap=2000)
        for r in rows:
            assert r["cost_mean"] <= 2000 * (1 + 1e-9), (r["type"], r["segment"])
    # with the cap every EV cell equals the single campaign simulated under the same cap
    for r in compare_matrix(draws=0, budget_cap=2000):
        res = simulate(make_campaign(r["type"], [r["segment"]], budget_cap=2000), draws=0)
        assert r["profit_mean"] == pytest.approx(res.profit.mean, rel=1e-9, abs=1e-6), (r["type"], r["segment"])


def test_matrix_common_random_numbers():
    """All cells share the draws: the same segment under two types sees the same purchase-rate draws,
    so the matrix is repeatable cell by cell whatever the set of types."""
    one = compare_matrix(draws=300, seed=2, types=["gift"])
    both = compare_matrix(draws=300, seed=2, types=["discount", "gift"])
    assert one == [r for r in both if r["type"] == "gift"]
    assert np.isfinite([r["profit_mean"] for r in both]).all()


def test_types_share_segment_draws():
    """compare_matrix promises common random numbers: for one seed every type sees the same
    purchase-rate and response draws, whatever its own uncertain parameters."""
    from promo.model import engine

    segs = default_segments()
    keys = [s.key for s in segs]
    _, p_a, noise_a, _ = engine.draws_for(make_campaign("discount", keys), segs, 500, 9)
    _, p_b, noise_b, _ = engine.draws_for(make_campaign("sponsorship", keys), segs, 500, 9)
    np.testing.assert_array_equal(p_a, p_b)
    np.testing.assert_array_equal(noise_a, noise_b)


def test_matrix_cells_equal_per_type_inputs():
    """The matrix reuses the segment draws between types; each type's cells must equal what the
    engine's own input draws give for that type alone."""
    from promo.model import TYPES, engine
    segs = default_segments()
    rows = compare_matrix(segs, draws=300, seed=4, types=["coupon", "membership"])
    for tk in ("coupon", "membership"):
        c = make_campaign(tk, [s.key for s in segs])
        params, p_week, noise, _ = engine.draws_for(c, segs, 300, 4)
        x = engine.context(c, segs, params, p_week, noise, np.ones((len(segs), 1)), joint=False)
        f = TYPES[tk].flows(x)
        tot = engine.totals(x, f, 300, by_segment=True)
        cost = sum(tot["variable"].values()) + sum(f.fixed.values(), 0.0)
        profit = (tot["incremental_margin"] - cost).mean(axis=1)
        got = [r["profit_mean"] for r in rows if r["type"] == tk]
        np.testing.assert_allclose(got, profit, rtol=1e-12)


def test_match_param_turns_measured_figures_into_parameters():
    """A measured subsidised share, sales lift or take-up solved back into the parameter the model states."""
    from promo.model import match_param

    c = make_campaign("coupon", ["active"])
    for metric, param, target in (("subsidised_share", "regulars_ratio", 0.8), ("take_up", "redemption_rate", 0.05)):
        v = match_param(c, None, param, metric, target)
        r = simulate(make_campaign("coupon", ["active"], {param: v}), draws=0)
        got = r.subsidised_share.mean if metric == "subsidised_share" else r.participants / r.reached
        assert got == pytest.approx(target, rel=1e-6), metric
    d = make_campaign("discount", ["active"])
    v = match_param(d, None, "elasticity", "sales_lift", 0.6)
    assert simulate(make_campaign("discount", ["active"], {"elasticity": v}), draws=0).sales_lift.mean == \
        pytest.approx(0.6, rel=1e-6)
    assert match_param(c, None, "regulars_ratio", "subsidised_share", 0.999) is None  # out of the parameter's reach
    with pytest.raises(ValueError):
        match_param(c, None, "regulars_ratio", "profit", 1.0)
