"""Expected-value (draws=0) cases for each of the ten promotion types, worked out by hand.

Every figure below is computed in the test from the segment's numbers, the parameters
and the model description (domain notes and ``promo.model.mechanics.MODEL``), step by step,
without calling the engine's helper functions. If one of these fails, either the
arithmetic in the engine or the documented model has changed.

The standard test segment ("shop") has round numbers:
    size 1,000 · weekly purchase probability 0.1 · average order 100 · margin 40%
    deal sensitivity 1 · retention 0.5 · affinity 1 for every type.
With a one-week campaign the chance a reached customer buys anyway is q = 0.1 and a
buyer places p_week × weeks / q = 1 order, so orders per participant are 1.
"""
from __future__ import annotations

import math

import pytest

from promo import make_campaign, make_segment, simulate
from promo.model.registry import TYPE_KEYS

APPROX = dict(rel=1e-9, abs=1e-9)


def seg(key: str = "shop", **changes):
    d = {"key": key, "zh": "测试客群", "en": "Test segment", "size": 1000, "p_week": 0.1, "aov": 100,
         "margin": 0.4, "deal_sensitivity": 1.0, "retention": 0.5, "affinity": {t: 1.0 for t in TYPE_KEYS}}
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
    assert r.roi.mean == pytest.approx(profit / cost if cost > 0 else 0.0, **APPROX)
    assert sum(r.costs.values()) == pytest.approx(cost, **APPROX)
    assert r.prob_loss == (1.0 if profit < 0 else 0.0)
    assert r.draws == 0


# ---------------------------------------------------------------- discount
DISCOUNT = {"depth": 0.2, "dead_zone": 0.1, "suspicion": 0.5, "elasticity": 2.5, "incremental_share": 0.5, "dip": 0.2}


def test_discount_by_hand():
    r = ev("discount", DISCOUNT)
    reached = 1000 * 0.5                      # size × reach = 500
    subsidised = reached * 0.1                # 1-week buy-anyway chance q = p_week = 0.1 → 50
    # depth 0.2 ≥ 1.5 × dead zone 0.1, so the dead-zone gate is fully open (1);
    # depth 0.2 ≤ suspicion 0.5, so no suspicion penalty (1)
    lift = 2.5 * 0.2 * 1 * 1 * 0.5 * 1.0       # elasticity × depth × gate × penalty × incremental share × response = 0.25
    incremental = subsidised * lift           # 12.5 extra buyers (well below reached − subsidised = 450)
    participants = subsidised + incremental   # 62.5
    orders_net = incremental * (1 - 0.2)      # 1 order each; 20% of the bump is only pulled forward → 10
    dip_orders = incremental * 0.2            # 2.5
    margin = orders_net * 100 * 0.4           # 10 × aov × margin = 400
    cost = 0.2 * 100 * participants           # depth × aov on every deal order, subsidised too = 1,250
    profit = margin - cost                    # −850

    assert r.reached == pytest.approx(reached, **APPROX)
    assert r.subsidised == pytest.approx(subsidised, **APPROX)
    assert r.incremental_buyers == pytest.approx(incremental, **APPROX)
    assert r.participants == pytest.approx(participants, **APPROX)
    assert r.incremental_orders == pytest.approx(orders_net, **APPROX)
    assert r.dip_orders == pytest.approx(dip_orders, **APPROX)
    assert r.incremental_revenue == pytest.approx(orders_net * 100, **APPROX)
    assert r.incremental_margin == pytest.approx(margin, **APPROX)
    assert r.dip_margin == pytest.approx(dip_orders * 100 * 0.4, **APPROX)
    assert r.costs == pytest.approx({"discount": cost}, **APPROX)
    check_common(r, profit, cost)

    # reference-price erosion (long-term line): regular elasticity 2.6 × depth × 10% absorbed per 4 weeks,
    # scaled by weeks on deal / 4 = 1/4 and (1 + runs/recommended runs) = 1
    erosion = 2.6 * 0.2 * 0.1 * (1 / 4) * 1   # 0.013
    # the baseline margin of those reached over the 13 weeks the lower reference price lasts
    ref_loss = reached * 0.1 * 13 * 100 * 0.4 * erosion  # 26,000 × 0.013 = 338
    assert r.long_term["reference_price"] == pytest.approx(-ref_loss, **APPROX)
    assert r.long_term["total"] == pytest.approx(-ref_loss, **APPROX)

    # break-even lift with a dip: incremental × ((1 − dip) × m − d) = d × subsidised → d / ((1 − dip)m − d)
    assert r.breakeven["lift"] == pytest.approx(0.2 / ((1 - 0.2) * 0.4 - 0.2), rel=1e-6)  # 1.667
    assert r.breakeven["participants"] is None  # no participation level makes a loss-making discount pay
    assert "loss_likely" in codes(r)
    assert not codes(r) & {"dead_zone", "suspicion", "frequency", "cap_binding"}


@pytest.mark.parametrize("depth, margin", [(0.1, 0.3), (0.2, 0.4), (0.15, 0.5)])
def test_discount_breakeven_lift_is_d_over_m_minus_d(depth, margin):
    """Published rule: with no dip a cut d at margin m needs d/(m−d) extra volume (10% at 30% → +50%)."""
    r = ev("discount", {**DISCOUNT, "depth": depth, "dip": 0.0}, (seg(margin=margin),))
    assert r.breakeven["lift"] == pytest.approx(depth / (margin - depth), rel=1e-6)


def test_discount_per_customer_cap():
    # p_week 0.5 over 4 weeks: q = 1 − 0.5⁴ = 0.9375; a buyer places 0.5 × 4 / 0.9375 = 2.1333 orders
    r = ev("discount", DISCOUNT, (seg(p_week=0.5),), duration_weeks=4, cap_per_customer=2)
    reached = 500
    q = 1 - 0.5 ** 4
    natural = 0.5 * 4 / q
    subsidised = reached * q                          # 468.75
    incremental = min(subsidised * 0.25, reached - subsidised)  # lift 0.25 would be 117.2 but only 31.25 are left
    participants = subsidised + incremental           # = reached = 500
    deal_orders = participants * 2                    # capped at 2 orders per customer
    cost = 0.2 * 100 * deal_orders                    # 20,000
    margin = incremental * 2 * 0.8 * 100 * 0.4        # incremental orders net of the 20% dip × 40
    assert r.participants == pytest.approx(participants, **APPROX)
    assert r.incremental_buyers == pytest.approx(incremental, **APPROX)
    assert r.caps["orders_capped"] == pytest.approx(participants * (natural - 2), **APPROX)
    assert r.caps["per_customer_binding"] is True
    assert "cap_binding" in codes(r)
    check_common(r, margin - cost, cost)


def test_discount_warnings_dead_zone_suspicion_frequency():
    r = ev("discount", {**DISCOUNT, "depth": 0.05})
    assert "dead_zone" in codes(r)
    # at depth ≤ half the dead zone nobody reacts: no incremental buyers
    assert r.incremental_buyers == pytest.approx(0.0, abs=1e-12)
    r = ev("discount", {**DISCOUNT, "depth": 0.6})
    assert "suspicion" in codes(r)
    r = ev("discount", DISCOUNT, runs_last_52w=4)  # 5th run > 4 recommended
    assert "frequency" in codes(r)


# ---------------------------------------------------------------- gift
def test_gift_by_hand():
    params = {"gift_cost": 10, "perceived_value": 50, "min_spend": 0, "gift_elasticity": 2.0}
    r = ev("gift", params)
    reached = 500
    subsidised = reached * 0.1                     # 50; min spend 0 → every order qualifies
    lift = 2.0 * (50 / 100)                        # appeal × gift value as a share of the order (50/100) = 1.0
    incremental = subsidised * lift                # 50
    participants = subsidised + incremental        # 100
    cost = 10 * participants                       # one gift per deal order = 1,000
    orders_net = incremental * (1 - 0.05)          # gift dip 5% → 47.5
    margin = orders_net * 100 * 0.4                # 1,900
    assert r.participants == pytest.approx(participants, **APPROX)
    assert r.incremental_buyers == pytest.approx(incremental, **APPROX)
    assert r.costs == pytest.approx({"gifts": cost}, **APPROX)
    assert r.incremental_margin == pytest.approx(margin, **APPROX)
    check_common(r, margin - cost, cost)
    assert "poor_gift" not in codes(r)


def test_gift_minimum_spend_and_poor_gift():
    params = {"gift_cost": 60, "perceived_value": 50, "min_spend": 100, "gift_elasticity": 2.0}
    r = ev("gift", params)
    # orders are log-normal around the average with log-sd 0.5 (MODEL basket_sigma) and mean = aov,
    # so ln(order) ~ N(ln 100 − 0.125, 0.5); P(order ≥ 100) = 1 − Φ(0.125 / 0.5) = 1 − Φ(0.25)
    qualify = 1 - 0.5 * (1 + math.erf(0.25 / math.sqrt(2)))   # 0.40129
    subsidised = 500 * 0.1 * qualify
    incremental = subsidised * 2.0 * (50 / max(100, 100))
    cost = 60 * (subsidised + incremental)
    margin = incremental * 0.95 * 100 * 0.4
    assert r.subsidised == pytest.approx(subsidised, rel=1e-9)
    check_common(r, margin - cost, cost)
    assert "poor_gift" in codes(r)  # valued at 50, costs 60


# ---------------------------------------------------------------- rebate
def test_rebate_by_hand():
    params = {"amount": 20, "claim_rate": 0.5, "slippage": 0.2, "fulfilment_cost": 2, "rebate_elasticity": 1.0}
    r = ev("rebate", params)
    subsidised = 500 * 0.1                          # 50
    incremental = subsidised * 1.0 * (20 / 100)     # appeal × rebate share of the order = 0.2 → 10
    participants = subsidised + incremental         # 60
    claims = participants * 1 * 0.5                 # one order each, half claim → 30
    rebates = claims * (1 - 0.2) * 20               # 20% of approved rebates never cashed → 480
    fulfilment = claims * 2                         # 60
    cost = rebates + fulfilment                     # claims × ((1 − slippage) × amount + fulfilment) = 540
    margin = incremental * (1 - 0.05) * 100 * 0.4   # rebate dip 5% → 380
    assert r.costs == pytest.approx({"rebates": rebates, "fulfilment": fulfilment}, **APPROX)
    assert r.leads == pytest.approx(claims, **APPROX)  # claimants leave their contact details
    assert r.participants == pytest.approx(participants, **APPROX)
    check_common(r, margin - cost, cost)


# ---------------------------------------------------------------- coupon
COUPON = {"face_value": 10, "min_spend": 100, "channel": "sms", "cost_per_send": 0.1, "redemption_rate": 0.1,
          "handling_cost": 0.5, "validity_weeks": 4}


def test_coupon_by_hand():
    # key "dormant": incremental buyers are reactivated customers with a long-term value
    r = ev("coupon", COUPON, (seg("dormant"),))
    sends = 1000 * 0.5 * 0.95               # size × reach × SMS channel reach 95% = 475
    # value factor (face/min spend ÷ 10%)^0.6 = 1; validity factor is 1 at the reference 4 weeks;
    # SMS redemption multiplier 1; response 1
    redemptions = sends * 0.1               # 47.5
    subsidised = redemptions * 0.1          # redeemers who would have bought anyway (q = 0.1) → 4.75
    incremental = redemptions - subsidised  # 42.75
    distribution = sends * 0.1              # 47.5
    face = redemptions * 10                 # 475
    handling = redemptions * 0.5            # 23.75
    cost = distribution + face + handling   # sends × cost per send + redemptions × (face + handling) = 546.25
    orders_net = incremental * (1 - 0.05)   # coupon dip 5% → 40.6125
    margin = orders_net * 100 * 0.4         # 1,624.5
    assert r.reached == pytest.approx(sends, **APPROX)
    assert r.participants == pytest.approx(redemptions, **APPROX)
    assert r.subsidised == pytest.approx(subsidised, **APPROX)
    assert r.costs == pytest.approx({"distribution": distribution, "face_value": face, "handling": handling}, **APPROX)
    check_common(r, margin - cost, cost)

    # a reactivated customer: 30% stay (MODEL stick_share), buying 0.03/week at the segment's order value
    # and margin, retention 0.5, discount rate 0.1: CLV = m·r/(1+i−r)
    yearly = 0.03 * 52 * 100 * 0.4                 # 62.4
    clv = yearly * 0.5 / (1 + 0.1 - 0.5)          # 52
    assert r.long_term["reactivation"] == pytest.approx(incremental * 0.3 * clv, **APPROX)

    # break-even participation: the sends are paid whoever redeems, so they are the cost to cover;
    # each redemption contributes (margin − face − handling) / redemptions
    per_redemption = (margin - face - handling) / redemptions
    assert r.breakeven["participants"] == pytest.approx(distribution / per_redemption, rel=1e-9)
    assert r.breakeven["participation_rate"] == pytest.approx(distribution / per_redemption / sends, rel=1e-9)
    # break-even lift: x extra buyers with x × (40 × 0.95 − 10.5) = distribution + 4.75 × 10.5
    x = (distribution + subsidised * 10.5) / (100 * 0.4 * 0.95 - 10.5)
    assert r.breakeven["lift"] == pytest.approx(x / subsidised, rel=1e-6)


def test_coupon_channel_and_validity():
    # WeChat reaches 70% and redeems 1.2×; 2-week validity: (1 − e^−1)/(1 − e^−2); face 20 on min spend 100
    r = ev("coupon", {**COUPON, "channel": "wechat", "validity_weeks": 2, "face_value": 20})
    sends = 500 * 0.7
    validity = (1 - math.exp(-1)) / (1 - math.exp(-2))
    value = (0.2 / 0.1) ** 0.6
    redemptions = sends * 0.1 * 1.2 * value * validity
    assert r.reached == pytest.approx(sends, **APPROX)
    assert r.participants == pytest.approx(redemptions, rel=1e-9)
    assert r.cost.mean == pytest.approx(sends * 0.1 + redemptions * 20.5, rel=1e-9)


# ---------------------------------------------------------------- co-promotion
def test_co_promotion_by_hand():
    prospects = seg("prospects", size=20_000, p_week=0.0)
    customers = seg("active")
    params = {"partner_audience": 10_000, "overlap": 0.2, "cost_share": 0.4, "joint_cost": 5000,
              "offer_cost": 10, "participation": 0.05, "partner_gain": 6}
    r = ev("co_promotion", params, (prospects, customers))
    # the partner's audience: 80% are new to us (prospects), 20% are already our customers
    reached_p = min(20_000 * 0.5, 10_000 * 0.8)   # 8,000
    reached_c = min(1000 * 0.5, 10_000 * 0.2)     # 500
    takers_p = reached_p * 0.05                    # 400, all incremental (prospects never buy: p_week 0)
    takers_c = reached_c * 0.05                    # 25
    sub_c = takers_c * 0.1                         # 2.5 would have bought anyway
    incremental = takers_p + (takers_c - sub_c)    # 422.5
    takers = takers_p + takers_c                   # 425
    offers = takers * 10                           # 4,250 offer cost in total
    our_cost = 0.4 * offers + 0.4 * 5000           # our share of offers and joint cost = 1,700 + 2,000
    partner_cost = 0.6 * offers + 0.6 * 5000       # 2,550 + 3,000
    margin = incremental * 100 * 0.4               # no dip: 16,900
    assert r.reached == pytest.approx(reached_p + reached_c, **APPROX)
    assert r.participants == pytest.approx(takers, **APPROX)
    assert r.incremental_buyers == pytest.approx(incremental, **APPROX)
    assert r.costs == pytest.approx({"offers": 0.4 * offers, "joint_cost": 0.4 * 5000}, **APPROX)
    check_common(r, margin - our_cost, our_cost)
    assert r.partner["our_cost"] == pytest.approx(our_cost, **APPROX)
    assert r.partner["partner_cost"] == pytest.approx(partner_cost, **APPROX)
    assert r.partner["partner_gain"] == pytest.approx(takers * 6, **APPROX)
    assert r.partner["partner_profit"] == pytest.approx(takers * 6 - partner_cost, **APPROX)
    assert r.partner["our_share"] == 0.4
    # our cost + the partner's cost = the whole joint budget
    assert our_cost + partner_cost == pytest.approx(offers + 5000)
    # newly acquired prospects: 30% stay at 0.03 orders/week, retention 0.5 → CLV 52 each (see coupon)
    assert r.long_term["acquisition"] == pytest.approx(takers_p * 0.3 * 52, **APPROX)


# ---------------------------------------------------------------- free trial
TRIAL = {"samples": 200, "unit_cost": 5, "distribution_cost": 1, "conversion": 0.1, "orders_per_buyer": 2}


def test_free_trial_by_hand():
    r = ev("free_trial", TRIAL)
    sampled = min(1000 * 0.5, 200)          # only 200 packs for 500 reachable people
    buyers = sampled * 0.1                  # 20 convert
    subsidised = buyers * 0.1               # 2 would have bought anyway
    incremental = buyers - subsidised       # 18
    orders = incremental * 2                # 2 orders each (cap 3 does not bind) → 36
    cost = sampled * (5 + 1)                # samples × (unit + distribution) = 1,200
    margin = orders * 100 * 0.4             # no dip: 1,440
    assert r.reached == pytest.approx(sampled, **APPROX)
    assert r.participants == pytest.approx(buyers, **APPROX)
    assert r.incremental_orders == pytest.approx(orders, **APPROX)
    assert r.costs == pytest.approx({"samples": cost}, **APPROX)
    check_common(r, margin - cost, cost)  # 240
    # samples are paid whoever converts: 1,200 / (1,440 / 20 per converted buyer) = 16.7 buyers needed
    assert r.breakeven["participants"] == pytest.approx(cost / (margin / buyers), rel=1e-9)
    assert r.breakeven["participation_rate"] == pytest.approx(cost / (margin / buyers) / sampled, rel=1e-9)


def test_free_trial_per_customer_cap():
    r = ev("free_trial", TRIAL, cap_per_customer=1)
    # 20 buyers would place 2 orders each; the cap of 1 cuts 20 orders
    assert r.incremental_orders == pytest.approx(18 * 1, **APPROX)
    assert r.caps["orders_capped"] == pytest.approx(20 * (2 - 1), **APPROX)
    assert "cap_binding" in codes(r)


# ---------------------------------------------------------------- lottery
LOTTERY = {"prize1_value": 5000, "prize1_count": 1, "prize2_value": 500, "prize2_count": 10,
           "prize3_value": 20, "prize3_count": 200, "entry": "purchase", "min_spend": 0, "entry_rate": 0.2,
           "signup_conversion": 0.5, "admin_cost": 1000}


def test_lottery_by_hand():
    r = ev("lottery", LOTTERY)
    prizes = 5000 * 1 + 500 * 10 + 20 * 200   # Σ value × count = 14,000 (= the default pool, so appeal 1)
    cost = prizes + 1000                       # + administration = 15,000
    entrants = 500 * 0.2                       # 100; min spend 0, every purchase qualifies
    subsidised = entrants * 0.1                # 10
    incremental = entrants - subsidised        # 90
    margin = incremental * 100 * 0.4           # no dip: 3,600
    assert r.costs == pytest.approx({"prizes": prizes, "administration": 1000}, **APPROX)
    assert r.participants == pytest.approx(entrants, **APPROX)
    assert r.leads == pytest.approx(entrants, **APPROX)
    check_common(r, margin - cost, cost)
    # break-even participants: fixed cost / margin per participant = 15,000 / (3,600 / 100)
    assert r.breakeven["participants"] == pytest.approx(cost / (margin / entrants), rel=1e-9)
    assert "legal_prize_cap" not in codes(r)
    # 100 entrants for 1 + 10 + 200 prizes: the first, the ten second and 89 third prizes can be won;
    # 111 third prizes (2,220) cannot, and the model still pays the whole list (bought up front)
    w = [w for w in r.warnings if w.code == "prizes_unclaimed"]
    assert w and w[0].data == pytest.approx({"entrants": 100, "prizes": 211, "unused": 111 * 20}, **APPROX)


def test_lottery_with_more_entrants_than_prizes_has_no_unclaimed_prizes():
    r = ev("lottery", {**LOTTERY, "entry_rate": 0.5})   # 250 entrants for 211 prizes
    assert r.leads == pytest.approx(250, **APPROX) and "prizes_unclaimed" not in codes(r)
    r = ev("lottery", {**LOTTERY, "entry_rate": 0.01})  # 5 entrants: the first prize and 4 of the ten second
    w = next(w for w in r.warnings if w.code == "prizes_unclaimed")
    assert w.data["unused"] == pytest.approx(6 * 500 + 200 * 20, **APPROX)


def test_lottery_signup_entry():
    r = ev("lottery", {**LOTTERY, "entry": "signup"})
    entrants = 100
    buyers = entrants * 0.5                    # half the sign-ups buy → 50
    incremental = buyers * (1 - 0.1)           # 45
    assert r.participants == pytest.approx(buyers, **APPROX)
    assert r.leads == pytest.approx(entrants, **APPROX)
    check_common(r, incremental * 40 - 15_000, 15_000)


def test_lottery_legal_cap_warning():
    r = ev("lottery", {**LOTTERY, "prize1_value": 60_000})
    w = [w for w in r.warnings if w.code == "legal_prize_cap"]
    assert w and w[0].data == {"value": 60_000, "cap": 50_000}
    # a prize tier with no prizes in it is not offered and cannot break the cap
    r = ev("lottery", {**LOTTERY, "prize1_value": 60_000, "prize1_count": 0})
    assert "legal_prize_cap" not in codes(r)


# ---------------------------------------------------------------- prize quiz
def test_prize_quiz_by_hand():
    params = {"prize_pool": 5000, "top_prize": 1000, "chance": "no", "entry_rate": 0.1, "purchase_conversion": 0.2,
              "awareness_rate": 0.1, "value_per_aware": 2, "admin_cost": 1000}
    r = ev("prize_quiz", params)
    entrants = 500 * 0.1                # 50 (pool 5,000 is the reference pool: appeal 1)
    buyers = entrants * 0.2             # 10
    incremental = buyers * (1 - 0.1)    # 9
    cost = 5000 + 1000                  # prize pool + organising cost
    margin = incremental * 40           # 360
    assert r.participants == pytest.approx(buyers, **APPROX)
    assert r.leads == pytest.approx(entrants, **APPROX)
    assert r.costs == pytest.approx({"prizes": 5000, "administration": 1000}, **APPROX)
    assert r.long_term["awareness"] == pytest.approx(500 * 0.1 * 2, **APPROX)  # newly aware × value each
    check_common(r, margin - cost, cost)
    assert "quiz_is_lottery" not in codes(r)
    r = ev("prize_quiz", {**params, "chance": "yes", "prize_pool": 80_000, "top_prize": 60_000})
    assert {"quiz_is_lottery", "legal_prize_cap"} <= codes(r)


# ---------------------------------------------------------------- sponsorship
def test_sponsorship_by_hand():
    params = {"fee": 10_000, "activation_ratio": 2.0, "audience": 400, "awareness_rate": 0.2,
              "lagged_conversion": 0.05, "lag_weeks": 6, "value_per_aware": 1}
    r = ev("sponsorship", params)
    reached = min(500, 400)             # the event reaches 400 of the segment
    buyers = reached * 0.05             # 20
    incremental = buyers * (1 - 0.1)    # 18
    cost = 10_000 * (1 + 2.0)           # fee × (1 + activation) = 30,000
    assert r.reached == pytest.approx(reached, **APPROX)
    assert r.costs == pytest.approx({"sponsorship_fee": 10_000, "activation": 20_000}, **APPROX)
    assert r.long_term["awareness"] == pytest.approx(reached * 0.2 * 1, **APPROX)
    check_common(r, incremental * 40 - cost, cost)


# ---------------------------------------------------------------- membership
def test_membership_by_hand():
    params = {"reward_rate": 0.05, "breakage": 0.2, "fixed_cost": 5200, "enrol_rate": 0.5, "spend_uplift": 0.1,
              "retention_uplift": 0.1, "horizon_weeks": 10}
    r = ev("membership", params)
    members = 500 * 0.5                             # 250 join
    q_base = 1 - (1 - 0.1) ** 10                    # buy at least once in 10 weeks
    q_up = 1 - (1 - 0.1 * 1.1) ** 10                # with 10% more purchases
    base_orders = members * 0.1 * 10               # 250 orders they would place anyway
    extra_orders = base_orders * 0.1                # 25 extra orders
    rewards = 0.05 * (1 - 0.2) * 100 * (base_orders + extra_orders)  # 5% back, 20% never redeemed → 1,100
    programme = 5200 * 10 / 52                      # yearly fixed cost over 10 weeks = 1,000
    cost = rewards + programme                      # 2,100
    margin = extra_orders * 100 * 0.4               # 1,000
    assert r.participants == pytest.approx(members * q_up, rel=1e-9)
    assert r.subsidised == pytest.approx(members * q_base, rel=1e-9)
    assert r.incremental_orders == pytest.approx(extra_orders, **APPROX)
    assert r.costs == pytest.approx({"rewards": rewards, "programme": programme}, **APPROX)
    assert r.leads == pytest.approx(members, **APPROX)
    check_common(r, margin - cost, cost)
    # retention 0.5 → 0.6; yearly margin 0.1 × 52 × 100 × 0.4 = 208; CLV = m·r/(1+i−r), i = 0.1
    clv = lambda ret: 208 * ret / (1 + 0.1 - ret)  # noqa: E731
    assert r.long_term["retention"] == pytest.approx(members * (clv(0.6) - clv(0.5)), rel=1e-9)


# ---------------------------------------------------------------- settings that apply to every type
def test_fatigue_and_season():
    base = ev("lottery", LOTTERY)
    # 3 runs in the last year, 3 recommended: response × 1/(1 + 0.5 × 3/3) = 2/3
    tired = ev("lottery", LOTTERY, runs_last_52w=3)
    assert tired.participants == pytest.approx(base.participants * 2 / 3, rel=1e-9)
    assert "frequency" in codes(tired)
    # season 2: the weekly purchase chance doubles (0.2) and the response doubles
    festive = ev("lottery", LOTTERY, season=2.0)
    entrants = 500 * 0.2 * 2
    assert festive.participants == pytest.approx(entrants, rel=1e-9)
    assert festive.subsidised == pytest.approx(entrants * 0.2, rel=1e-9)


def test_season_enters_a_discount_once_through_demand():
    # season 2 doubles the weekly purchase chance; the bump is a share of those baseline buyers, so the
    # response is not multiplied by the season again
    base = ev("discount", {"depth": 0.2, "dip": 0.0})
    festive = ev("discount", {"depth": 0.2, "dip": 0.0}, season=2.0)
    # one week: the chance of buying in the window is the weekly chance, 0.1 → 0.2
    assert festive.subsidised / base.subsidised == pytest.approx(2.0, rel=1e-9)
    assert festive.incremental_buyers / base.incremental_buyers == pytest.approx(2.0, rel=1e-9)


def test_budget_cap_scales_variable_costs():
    # coupon (see test_coupon_by_hand) costs 546.25; a cap of 273.125 halves the campaign
    full = ev("coupon", COUPON, (seg("dormant"),))
    half = ev("coupon", COUPON, (seg("dormant"),), budget_cap=full.cost.mean / 2)
    assert half.cost.mean == pytest.approx(full.cost.mean / 2, rel=1e-9)
    assert half.participants == pytest.approx(full.participants / 2, rel=1e-9)
    assert half.incremental_margin == pytest.approx(full.incremental_margin / 2, rel=1e-9)
    assert half.caps["budget_scale"] == pytest.approx(0.5, rel=1e-9)
    assert "budget_binding" in codes(half)


def test_budget_cap_equal_to_fixed_cost_lets_the_campaign_run():
    params = {"fee": 10_000, "activation_ratio": 2.0, "audience": 400, "awareness_rate": 0.2,
              "lagged_conversion": 0.05, "lag_weeks": 6, "value_per_aware": 1}
    free = ev("sponsorship", params)
    exact = ev("sponsorship", params, budget_cap=30_000)   # exactly the fee × (1 + activation)
    assert exact.reached == pytest.approx(free.reached)
    assert exact.profit.mean == pytest.approx(free.profit.mean)
    assert not codes(exact) & {"budget_binding", "budget_infeasible"}
    short = ev("sponsorship", params, budget_cap=29_999)    # the fixed cost cannot be paid: nothing runs
    assert short.cost.mean == 0 and short.reached == 0
    assert "budget_infeasible" in codes(short)
