"""Expected-value (draws=0) cases for each of the ten promotion types, worked out by hand.

Every figure below is computed in the test from the segment's numbers, the parameters and the
model description (README "How the model works", ``promo.model.MODEL``), step by step, without
calling the engine's helper functions. If one of these fails, either the arithmetic in the engine
or the documented model has changed.

The standard test segment ("shop") has round numbers:
    size 1,000 · weekly purchase probability 0.1 · average order 100 · margin 40%
    deal sensitivity 1 · retention 0.5 · affinity 1 for every type.
With a one-week campaign at reach 0.5: 500 customers are reached; the chance a reached customer
buys anyway is q = 0.1, so 50 would buy anyway and 450 would not; a buyer places
p_week × weeks / q = 1 order.
"""
from __future__ import annotations

import math

import pytest

from promo import make_campaign, make_segment, simulate
from promo.model import TYPE_KEYS

APPROX = {"rel": 1e-9, "abs": 1e-9}
REACHED, BUY, NOT = 500, 50, 450  # reached, would buy anyway, would not (q = 0.1)
WON = 0.3 * (0.03 * 52 * 100 * 0.4) * 0.5 / (1 + 0.1 - 0.5)  # a won customer: 30% stay × CLV(62.4 a year, r 0.5)


def seg(key: str = "shop", **changes):
    d = {"key": key, "zh": "测试客群", "en": "Test segment", "size": 1000, "p_week": 0.1, "aov": 100,
         "margin": 0.4, "deal_sensitivity": 1.0, "retention": 0.5, "affinity": dict.fromkeys(TYPE_KEYS, 1.0)}
    d.update(changes)
    return make_segment(d)


def ev(type_key, params, segments=None, **settings):
    segments = segments or (seg(),)
    settings = {"duration_weeks": 1, "reach": 0.5, "cap_per_customer": 3, **settings}
    c = make_campaign(type_key, [s.key for s in segments], params, **settings)
    return simulate(c, segments, draws=0)


def codes(r):
    return {w.code for w in r.warnings}


def check_common(r, profit, cost):
    """Identities every result must satisfy, plus the hand-computed profit and cost."""
    assert r.cost.mean == pytest.approx(cost, **APPROX)
    assert r.profit.mean == pytest.approx(profit, **APPROX)
    assert r.profit.p10 == r.profit.p50 == r.profit.p90 == pytest.approx(profit, **APPROX)
    if cost > 0:
        assert r.roi.mean == pytest.approx(profit / cost, **APPROX)  # mean profit ÷ mean cost
    else:
        assert r.roi.mean is None
    assert sum(r.costs.values()) == pytest.approx(cost, **APPROX)
    assert r.prob_loss == (1.0 if profit < 0 else 0.0)
    assert r.draws == 0


def phi(x):
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


# ---------------------------------------------------------------- discount
DISCOUNT = {"depth": 0.2, "dead_zone": 0.1, "suspicion": 0.5, "elasticity": 2.5, "switching": 0.3, "dip": 0.2,
            "halo": 0.1, "new_buyer_rate": 0.02, "announce_cost": 0.05}


def test_discount_by_hand():
    r = ev("discount", DISCOUNT)
    # depth 0.2 ≥ 1.5 × dead zone 0.1: the gate is fully open; 0.2 ≤ suspicion 0.5: no penalty
    bump = 0.8 ** -2.5 - 1                     # constant elasticity: 0.746928 more units per order
    deal_orders = 1 + bump                     # each of the 50 who buy anyway, at the lower price (cap 3 not hit)
    gross_b = BUY * bump                       # 37.3464 extra orders from those who buy anyway
    new = NOT * 0.02 * (0.2 / 0.1)             # new-buyer rate × depth ÷ 10% = 4% of 450 → 18 new buyers
    gross = gross_b + new                      # 55.3464, one order each for new buyers
    switched = 0.3 * gross_b                   # only moved from the shop's other goods
    dip = 0.2 * gross_b                        # bought now, missing afterwards
    net = gross_b - switched - dip + new       # 18.6732 + 18 = 36.6732
    revenue = (net + 0.1 * gross) * 100        # halo: other goods worth 10% of the gross bump → 4,220.784
    margin = revenue * 0.4                     # 1,688.3136
    discount = 0.2 * 100 * (BUY * deal_orders + new)  # every deal order pays the cut: 2,106.928
    announcement = REACHED * 0.05              # 25
    cost = discount + announcement             # 2,131.928
    assert r.reached == pytest.approx(REACHED, **APPROX)
    assert r.subsidised == pytest.approx(BUY, **APPROX)
    assert r.incremental_buyers == pytest.approx(new, **APPROX)
    assert r.participants == pytest.approx(BUY + new, **APPROX)
    assert r.incremental_orders == pytest.approx(net, **APPROX)
    assert r.dip_orders == pytest.approx(dip, **APPROX)
    assert r.switched_orders == pytest.approx(switched, **APPROX)
    assert r.incremental_revenue == pytest.approx(revenue, **APPROX)
    assert r.dip_margin == pytest.approx(dip * 100 * 0.4, **APPROX)
    assert r.costs == pytest.approx({"discount": discount, "announcement": announcement}, **APPROX)
    check_common(r, margin - cost, cost)
    # orders with the promotion ÷ without: (baseline 50 + gross bump less switching) ÷ 50 − 1
    assert r.sales_lift.mean == pytest.approx((gross - switched) / 50, **APPROX)
    assert r.subsidised_share.mean == pytest.approx(BUY / (BUY + new), **APPROX)

    # reference-price erosion (long-term line): regular elasticity 2.6 × depth × 10% absorbed per 4 weeks,
    # scaled by weeks on deal / 4 = 1/4 and (1 + runs/recommended runs) = 1
    erosion = 2.6 * 0.2 * 0.1 * (1 / 4) * 1    # 0.013
    ref_loss = REACHED * 0.1 * 13 * 100 * 0.4 * erosion  # the baseline margin of 13 weeks × erosion = 338
    assert r.long_term["reference_price"] == pytest.approx(-ref_loss, **APPROX)

    # break-even lift: scaling the promotion's effect by λ, profit = 40·(net + halo)·λ − 20·(50 + gross·λ) − 25
    lam = (20 * 50 + 25) / (40 * (net + 0.1 * gross) - 20 * gross)
    assert r.breakeven["lift"] == pytest.approx(lam * gross / 50, rel=1e-6)
    assert r.breakeven["participants"] is None  # every taker costs more than it brings
    assert "loss_likely" in codes(r)
    assert not codes(r) & {"dead_zone", "suspicion", "frequency", "cap_binding"}


@pytest.mark.parametrize("depth, margin", [(0.1, 0.3), (0.2, 0.4), (0.15, 0.5)])
def test_discount_breakeven_lift_is_d_over_m_minus_d(depth, margin):
    """Published rule: with no dip, switching, halo or new buyers a cut d at margin m needs d/(m−d) extra volume."""
    r = ev("discount", {**DISCOUNT, "depth": depth, "dip": 0.0, "switching": 0.0, "halo": 0.0, "new_buyer_rate": 0.0,
                        "announce_cost": 0.0}, (seg(margin=margin),))
    assert r.breakeven["lift"] == pytest.approx(depth / (margin - depth), rel=1e-6)


def test_discount_raises_the_frequency_of_buyers_beyond_the_buyers_count():
    """Customers who buy anyway buy more often on deal: a long discount on frequent buyers adds orders, not just
    buyers (the old model capped extra buyers at reached − would-buy and added 6 on a 52-week active discount)."""
    r = ev("discount", {**DISCOUNT, "new_buyer_rate": 0.0}, (seg(p_week=0.5),), duration_weeks=4, cap_per_customer=100)
    q = 1 - 0.5 ** 4                                   # 0.9375 of the reached buy anyway
    n0 = 0.5 * 4 / q                                   # 2.1333 orders each
    gross = REACHED * q * n0 * (0.8 ** -2.5 - 1)       # the bump on every one of their orders
    assert r.incremental_buyers == 0
    assert r.incremental_orders == pytest.approx(gross * 0.5, **APPROX)  # less 30% switching and 20% dip


def test_discount_on_a_segment_that_never_buys_still_draws_new_buyers():
    r = ev("discount", DISCOUNT, (seg(p_week=0.0),))
    assert r.subsidised == 0
    assert r.incremental_buyers == pytest.approx(REACHED * 0.02 * 2, **APPROX)  # 20 of the 500 reached


def test_discount_per_customer_cap():
    # p_week 0.5 over 4 weeks: q = 0.9375, 2.1333 orders per buyer, ×1.7469 on deal = 3.7267, capped at 2
    r = ev("discount", {**DISCOUNT, "new_buyer_rate": 0.0}, (seg(p_week=0.5),), duration_weeks=4, cap_per_customer=2)
    q = 1 - 0.5 ** 4
    n0 = 0.5 * 4 / q
    wanted = n0 * 0.8 ** -2.5
    sub = REACHED * q                              # 468.75
    cost = 0.2 * 100 * sub * 2 + REACHED * 0.05    # the cut on 2 orders each (the cap), plus telling them
    assert r.caps["orders_capped"] == pytest.approx(sub * (wanted - 2), **APPROX)
    assert r.incremental_orders == 0               # the cap (2) is below what they would buy anyway (2.13)
    assert r.caps["per_customer_binding"] is True and "cap_binding" in codes(r)
    check_common(r, -cost, cost)


def test_discount_warnings_dead_zone_suspicion_frequency():
    r = ev("discount", {**DISCOUNT, "depth": 0.05})
    assert "dead_zone" in codes(r)
    # at depth ≤ half the dead zone nobody reacts: no extra orders, no new buyers
    assert r.incremental_buyers == pytest.approx(0.0, abs=1e-12)
    assert r.incremental_orders == pytest.approx(0.0, abs=1e-12)
    r = ev("discount", {**DISCOUNT, "depth": 0.6})
    assert "suspicion" in codes(r)
    r = ev("discount", DISCOUNT, runs_last_52w=4)  # 5th run > 4 recommended
    assert "frequency" in codes(r)


# ---------------------------------------------------------------- gift
GIFT = {"gift_cost": 10, "perceived_value": 25, "min_spend": 0, "gift_elasticity": 2.0, "new_buyer_rate": 0.02,
        "announce_cost": 0.05}


def test_gift_by_hand():
    r = ev("gift", GIFT)
    value = 25 / 100                               # perceived value as a share of the order (no minimum spend)
    bump = (1 - value) ** -2.0 - 1                 # 0.7778 more orders from those who buy anyway
    gross_b = BUY * bump                           # 38.889
    new = NOT * 0.02 * (value / 0.1)               # 5% of 450 = 22.5
    gifts = 10 * (BUY * (1 + bump) + new)          # one gift per qualifying order: 1,113.89
    announcement = REACHED * 0.05
    # a gift's bump splits like a price cut's: 33% switching, 20% dip, halo 0.16
    net = gross_b * (1 - 0.33 - 0.2) + new
    margin = (net + 0.16 * (gross_b + new)) * 100 * 0.4
    cost = gifts + announcement
    assert r.participants == pytest.approx(BUY + new, **APPROX)
    assert r.incremental_buyers == pytest.approx(new, **APPROX)
    assert r.costs == pytest.approx({"gifts": gifts, "announcement": announcement}, **APPROX)
    check_common(r, margin - cost, cost)
    assert "poor_gift" not in codes(r)


def test_gift_minimum_spend_tops_up_baskets_and_poor_gift():
    params = {**GIFT, "gift_cost": 60, "perceived_value": 50, "min_spend": 100, "new_buyer_rate": 0.0,
              "gift_elasticity": 0.2}
    r = ev("gift", params)
    # orders are log-normal around 100 with log-sd 0.5: ln(order) ~ N(ln 100 − 0.125, 0.5)
    mu, s = math.log(100) - 0.125, 0.5
    cdf = lambda v: phi((math.log(v) - mu) / s)
    below = lambda v: 100 * phi((math.log(v) - mu - s * s) / s)  # E[order · 1{order < v}]
    above, near = 1 - cdf(100), cdf(100) - cdf(75)  # at or above the minimum, or within 25% below it (topped up)
    topup = (100 * near - (below(100) - below(75))) / (above + near)  # extra spend per gift order
    sub = BUY * (above + near)
    value = 50 / 100
    bump = (1 - value) ** -0.2 - 1
    orders = sub * (1 + bump)
    margin = (sub * bump * (1 - 0.33 - 0.2 + 0.16) * 100 + orders * topup) * 0.4
    cost = 60 * orders + REACHED * 0.05
    assert r.subsidised == pytest.approx(sub, rel=1e-9)
    check_common(r, margin - cost, cost)
    assert "poor_gift" in codes(r)  # valued at 50, costs 60


# ---------------------------------------------------------------- rebate
def test_rebate_by_hand():
    params = {"amount": 20, "claim_rate": 0.3, "slippage": 0.1, "fulfilment_cost": 2, "rebate_elasticity": 1.0,
              "new_buyer_rate": 0.02, "announce_cost": 0.05}
    r = ev("rebate", params)
    bump = 0.8 ** -1.0 - 1                          # 0.25 more orders from those who buy anyway
    new = NOT * 0.02 * (0.2 / 0.1)                  # 18 drawn by a rebate worth 20% of the order
    new_claim = min(0.3 * 3.2, 1)                   # buyers drawn by the rebate claim 3.2× as often (PMA 2005)
    claims = 0.3 * BUY * (1 + bump) + new_claim * new   # 18.75 + 17.28 = 36.03
    rebates = claims * (1 - 0.1) * 20               # 10% of approved rebates never cashed → 648.54
    fulfilment = claims * 2
    announcement = REACHED * 0.05
    cost = rebates + fulfilment + announcement
    gross_b = BUY * bump
    margin = (gross_b * (1 - 0.33 - 0.2) + new + 0.16 * (gross_b + new)) * 100 * 0.4
    assert r.costs == pytest.approx({"rebates": rebates, "fulfilment": fulfilment, "announcement": announcement},
                                    **APPROX)
    assert r.leads == pytest.approx(0.3 * BUY + new_claim * new, **APPROX)  # claimants leave their contact details
    assert r.participants == pytest.approx(BUY + new, **APPROX)
    check_common(r, margin - cost, cost)


# ---------------------------------------------------------------- coupon
COUPON = {"face_value": 10, "min_spend": 0, "channel": "sms", "cost_per_send": 0.05, "redemption_rate": 0.1,
          "regulars_ratio": 4, "handling_cost": 0.5, "validity_weeks": 4}


def test_coupon_by_hand():
    # key "dormant": new buyers are reactivated customers with a long-term value
    r = ev("coupon", COUPON, (seg("dormant"),))
    sends = 1000 * 0.5 * 0.95                # size × reach × SMS channel reach 95% = 475
    # a coupon worth 10% of the order redeems at the stated rate among those who buy anyway (value factor 1,
    # validity factor 1 at 4 weeks, SMS multiplier 1); those who would not have bought redeem a quarter as often
    sub = sends * 0.1 * 0.1                  # 4.75 redemptions subsidise a planned order
    new = sends * 0.9 * 0.1 / 4              # 10.6875 new buyers
    redemptions = sub + new
    distribution = sends * 0.05              # 23.75
    face = redemptions * 10
    handling = redemptions * 0.5
    cost = distribution + face + handling
    margin = new * 100 * 0.4                 # a new buyer's order; redeemers revert to their usual choice
    assert r.reached == pytest.approx(sends, **APPROX)
    assert r.participants == pytest.approx(redemptions, **APPROX)
    assert r.subsidised == pytest.approx(sub, **APPROX)
    assert r.subsidised_share.mean == pytest.approx(sub / redemptions, **APPROX)  # 0.3077
    assert r.costs == pytest.approx({"distribution": distribution, "face_value": face, "handling": handling}, **APPROX)
    check_common(r, margin - cost, cost)
    assert r.long_term["reactivation"] == pytest.approx(new * WON, **APPROX)

    # break-even participation: the sends are paid whoever redeems, so they are the cost to cover;
    # each redemption contributes (margin − face − handling) / redemptions
    per_redemption = (margin - face - handling) / redemptions
    assert r.breakeven["participants"] == pytest.approx(distribution / per_redemption, rel=1e-9)
    assert r.breakeven["participation_rate"] == pytest.approx(distribution / per_redemption / sends, rel=1e-9)


def test_coupon_redeemers_are_mostly_regulars_where_most_buy_anyway():
    """Bawa & Shoemaker 1987: redemption is much higher among regular buyers, so where most customers buy anyway
    most redemptions are subsidised: at q = 0.6, 0.6 × r against 0.4 × r / 4."""
    p = 1 - 0.4 ** (1 / 1)                     # one week, 60% buy anyway
    r = ev("coupon", COUPON, (seg(p_week=p),))
    assert r.subsidised_share.mean == pytest.approx(0.6 / (0.6 + 0.4 / 4), rel=1e-9)  # 6 in 7


def test_coupon_channel_validity_and_value():
    # WeChat reaches 70% and redeems 1.5×; 2-week validity: (1 − e^−1)/(1 − e^−2); face 20 on an order of 100: value 2×
    r = ev("coupon", {**COUPON, "channel": "wechat", "validity_weeks": 2, "face_value": 20})
    sends = 500 * 0.7
    validity = (1 - math.exp(-1)) / (1 - math.exp(-2))
    rate = 0.1 * 1.5 * validity * (0.2 / 0.1)
    redemptions = sends * 0.1 * rate + sends * 0.9 * rate / 4
    assert r.reached == pytest.approx(sends, **APPROX)
    assert r.participants == pytest.approx(redemptions, rel=1e-9)
    assert r.cost.mean == pytest.approx(sends * 0.05 + redemptions * 20.5, rel=1e-9)


def test_small_coupon_on_a_big_basket_is_in_the_dead_zone():
    # 10 off a 520 basket is 1.9% of it, below the offer dead zone (3%): a smoothstep from 1.5% to 4.5% gives
    # t = (0.01923 − 0.015) / 0.03 = 0.141 → 0.141² × (3 − 2 × 0.141) = 0.0542 of the stated response
    r = ev("coupon", COUPON, (seg(aov=520),))
    x = 10 / 520
    t = (x - 0.015) / 0.03
    gate = t * t * (3 - 2 * t)
    rate = 0.1 * x / 0.1 * gate
    assert r.subsidised == pytest.approx(475 * 0.1 * rate, rel=1e-9)


# ---------------------------------------------------------------- co-promotion
def test_co_promotion_by_hand():
    prospects = seg("prospects", size=20_000, p_week=0.0)
    customers = seg("active")
    params = {"partner_audience": 10_000, "overlap": 0.2, "cost_share": 0.4, "joint_cost": 5000,
              "offer_cost": 10, "participation": 0.05, "partner_gain": 6}
    r = ev("co_promotion", params, (prospects, customers))
    # the partner's audience: 80% are new to us (prospects), 20% are already our customers
    reached_p = min(20_000 * 0.5, 10_000 * 0.8)   # 8,000, none of whom buys anyway
    reached_c = min(1000 * 0.5, 10_000 * 0.2)     # 500: 50 buy anyway and take part 4× as often
    new = reached_p * 0.05 + reached_c * 0.9 * 0.05   # 400 + 22.5
    sub = reached_c * 0.1 * 0.05 * 4                  # 10
    takers = new + sub
    ours = 0.4 * (5000 + 10 * takers)
    margin = new * 100 * 0.4
    assert r.incremental_buyers == pytest.approx(new, **APPROX)
    assert r.subsidised == pytest.approx(sub, **APPROX)
    check_common(r, margin - ours, ours)
    assert r.partner["partner_cost"] == pytest.approx(0.6 * (5000 + 10 * takers), **APPROX)
    assert r.partner["partner_gain"] == pytest.approx(6 * takers, **APPROX)
    assert r.long_term["acquisition"] == pytest.approx(400 * WON, **APPROX)


# ---------------------------------------------------------------- free trial
def test_free_trial_by_hand():
    params = {"samples": 200, "unit_cost": 2, "distribution_cost": 0.5, "conversion": 0.05, "orders_per_buyer": 1.5}
    r = ev("free_trial", params)
    reached = min(500, 200)                  # the samples run out first
    sub = reached * 0.1                      # 20 of them would buy anyway: their sample is a subsidy
    new = reached * 0.9 * 0.05               # 9 convert
    cost = reached * (2 + 0.5)               # 500
    margin = new * 1.5 * 100 * 0.4           # 540
    assert r.participants == pytest.approx(sub + new, **APPROX)
    assert r.incremental_buyers == pytest.approx(new, **APPROX)
    check_common(r, margin - cost, cost)


# ---------------------------------------------------------------- lottery
LOTTERY = {"entry": "purchase", "min_spend": 0, "entry_rate": 0.1, "admin_cost": 1000}


def test_lottery_purchase_entry_by_hand():
    r = ev("lottery", LOTTERY)  # the default prize list (14,000): appeal 1
    sub = BUY * 0.1                           # 5 regulars enter with a purchase they would make anyway
    new = NOT * 0.1 / 4                       # 11.25 buy to enter
    cost = 14_000 + 1000
    check_common(r, new * 100 * 0.4 - cost, cost)
    assert r.leads == pytest.approx(sub + new, **APPROX)
    assert "prizes_unclaimed" in codes(r)     # 16.25 entrants for 211 prizes


def test_lottery_signup_entry_and_prize_appeal():
    doubled = {**LOTTERY, "entry": "signup", "signup_conversion": 0.1, "prize1_value": 19_000}  # pool 28,000
    r = ev("lottery", doubled)
    entrants = REACHED * 0.1 * 2 ** 0.3       # appeal (28,000 / 14,000)^0.3
    new = entrants * 0.9 * 0.1                # entrants who would not have bought, a tenth of whom buy
    assert r.leads == pytest.approx(entrants, **APPROX)
    assert r.participants == pytest.approx(entrants, **APPROX)
    assert r.incremental_buyers == pytest.approx(new, **APPROX)
    check_common(r, new * 40 - 29_000, 29_000)


# ---------------------------------------------------------------- prize quiz
def test_prize_quiz_by_hand():
    params = {"prize_pool": 5000, "top_prize": 2000, "chance": "no", "entry_rate": 0.05, "purchase_conversion": 0.1,
              "awareness_rate": 0.1, "value_per_aware": 1, "admin_cost": 1000}
    r = ev("prize_quiz", params)
    entrants = REACHED * 0.05                 # 25 (pool at the reference 5,000: appeal 1)
    new = entrants * 0.9 * 0.1                # 2.25
    check_common(r, new * 40 - 6000, 6000)
    assert r.long_term["awareness"] == pytest.approx(REACHED * 0.1 * 1, **APPROX)
    assert "quiz_is_lottery" not in codes(r)
    r = ev("prize_quiz", {**params, "chance": "yes"})
    assert codes(r) & {"quiz_is_lottery", "legal_prize_cap"} == {"quiz_is_lottery"}
    r = ev("prize_quiz", {**params, "chance": "yes", "top_prize": 60_000, "prize_pool": 60_000})
    assert {"quiz_is_lottery", "legal_prize_cap"} <= codes(r)  # drawn: the lottery cap of 50,000 applies
    r = ev("prize_quiz", {**params, "top_prize": 60_000, "prize_pool": 60_000})
    assert "legal_prize_cap" not in codes(r)  # decided by skill: no lottery cap


# ---------------------------------------------------------------- sponsorship
def test_sponsorship_puts_lagged_sales_inside_its_window():
    params = {"fee": 1000, "activation_ratio": 1.0, "audience": 300, "awareness_rate": 0.2, "lagged_conversion": 0.05,
              "lag_weeks": 6, "horizon_weeks": 19, "value_per_aware": 1}
    r = ev("sponsorship", params)
    new = 300 * 0.9 * 0.05                    # 13.5 of the audience who would not have bought buy later
    inside = (19 - 6) / 26                    # their sales spread over 26 weeks after the lag: half fall in the window
    check_common(r, new * 100 * 0.4 * inside - 2000, 2000)
    assert r.long_term["lagged"] == pytest.approx(new * 100 * 0.4 * (1 - inside), **APPROX)
    assert r.long_term["awareness"] == pytest.approx(300 * 0.2, **APPROX)
    w = next(w for w in r.warnings if w.code == "lagged_beyond")
    assert w.data["share"] == pytest.approx(0.5)


# ---------------------------------------------------------------- membership
MEMBER = {"reward_rate": 0.02, "breakage": 0.25, "fixed_cost": 5200, "enrol_rate": 0.4, "spend_uplift": 0.7,
          "retention_uplift": 0.14, "horizon_weeks": 52}


def membership_by_hand(horizon):
    q = 1 - 0.9 ** horizon                         # buys within the horizon anyway
    sub = REACHED * q * 0.4                        # regulars join at the enrolment rate
    joiners = REACHED * (1 - q) * 0.4 / 4          # others a quarter as often (members self-select)
    members = sub + joiners
    keep = 0.143 * (1 - 0.1 / 0.25)                # a seventh of the observed gap, none for heavy buyers (Liu 2007)
    up = 0.7 * keep

    def weeks(r, h):                               # expected active weeks within h, weekly survival r^(1/52)
        s = r ** (1 / 52)
        return (1 - s ** h) / (1 - s)

    r0, r1 = 0.5, 0.5 + 0.14 * keep
    base = members * 0.1 * weeks(r0, horizon)
    extra = members * 0.1 * (weeks(r1, horizon) * (1 + up) - weeks(r0, horizon))
    rewards = 0.02 * 0.75 * 100 * (base + extra)
    fixed = 5200 * horizon / 52
    return members, extra * 100 * 0.4 - rewards - fixed, rewards + fixed


@pytest.mark.parametrize("horizon", [26, 52, 156])
def test_membership_by_hand_over_its_horizon(horizon):
    r = ev("membership", {**MEMBER, "horizon_weeks": horizon})
    members, profit, cost = membership_by_hand(horizon)
    assert r.participants == pytest.approx(members, rel=1e-9)
    check_common(r, profit, cost)


def test_membership_value_depends_on_the_horizon():
    """The retention value accrues inside the horizon: the old model gave the same ROI at 26 and 156 weeks."""
    rois = [ev("membership", {**MEMBER, "horizon_weeks": h}).roi.mean for h in (26, 156)]
    assert rois[0] != pytest.approx(rois[1], rel=1e-3)


def test_membership_does_nothing_for_heavy_buyers():
    r = ev("membership", MEMBER, (seg(p_week=0.3),))  # above the heavy-buyer cut-off (0.25 a week)
    assert r.incremental_orders == 0 and r.profit.mean < 0


# ---------------------------------------------------------------- ROI
def test_roi_is_undefined_when_nothing_is_spent():
    r = ev("coupon", COUPON, reach=0.0)
    assert r.cost.mean == 0 and r.roi.mean is None and r.roi.p10 is None
    assert r.to_dict()["roi"]["mean"] is None


def test_inconsistent_inputs_name_the_field_and_what_is_allowed():
    from promo import InputError

    with pytest.raises(InputError) as e:
        make_campaign("coupon", ["shop"], {**COUPON, "face_value": 150, "min_spend": 100})
    assert e.value.field == "face_value" and "150" in e.value.message("en") and "100" in e.value.message("en")
    assert "券面额" in e.value.message("zh")
    make_campaign("coupon", ["shop"], {**COUPON, "face_value": 150, "min_spend": 0})  # no minimum: allowed
    r = ev("free_trial", {"samples": 5000})  # 500 reached
    w = next(w for w in r.warnings if w.code == "samples_unused")
    assert w.data["unused"] == pytest.approx(4500) and r.cost.mean == pytest.approx(500 * (2 + 0.5))
