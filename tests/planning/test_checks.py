"""Each rule detected on a hand-made plan, with the items and weeks to highlight; carry-over; plan totals."""
import time

import numpy as np
import pytest

from promo.planning.checks import check
from promo.planning.plan import plan_from_dict
from promo.planning.rules import Rules
from promo.planning.valuation import CARRY_WEEKS, plan_value


def _plan(*items, year=2027):
    return plan_from_dict({"year": year, "items": [
        {"segments": ["active"], "duration_weeks": 2, **it} for it in items]})


def _only(violations, rule):
    found = [v for v in violations if v.rule == rule]
    assert len(found) == 1, [v.en for v in violations]
    return found[0]


def test_a_plan_within_the_rules_has_no_violation():
    p = _plan({"id": "d", "type": "discount", "start_week": 10}, {"id": "c", "type": "coupon", "start_week": 20},
              {"id": "g", "type": "gift", "start_week": 12, "segments": ["vip"]})
    assert check(p, Rules(budget_total=1e9)) == []


def test_max_runs():
    p = _plan(*({"id": f"l{k}", "type": "lottery", "start_week": 1 + 16 * k} for k in range(4)))
    v = _only(check(p, Rules()), "max_runs")
    assert v.items == ("l0", "l1", "l2", "l3") and v.weeks == (1, 17, 33, 49) and v.segment == "active"
    assert v.en == "Lottery runs 4 times for Active, more than the limit of 3 a year (items l0, l1, l2, l3)."
    assert v.zh == "活跃老客的抽奖促销安排了 4 次，超过每年 3 次的上限（活动项 l0, l1, l2, l3）。"


def test_max_runs_counts_per_segment():
    p = _plan(*({"id": f"l{k}", "type": "lottery", "start_week": 1 + 16 * k,
                 "segments": ["active"] if k < 3 else ["vip"]} for k in range(4)))
    assert [v.rule for v in check(p, Rules())] == []


def test_min_gap():
    p = _plan({"id": "a", "type": "discount", "start_week": 10}, {"id": "b", "type": "discount", "start_week": 15})
    v = _only(check(p, Rules()), "min_gap_weeks")
    assert v.items == ("a", "b") and v.weeks == (12, 13, 14, 15)
    assert v.en == ("Discount items a (weeks 10–11) and b (weeks 15–16) for Active are 3 weeks apart; "
                    "the minimum gap is 8 weeks.")
    p = _plan({"id": "a", "type": "discount", "start_week": 10}, {"id": "b", "type": "discount", "start_week": 20})
    assert check(p, Rules()) == []  # 8 weeks between is allowed


def test_overlapping_runs_of_one_type():
    p = _plan({"id": "a", "type": "coupon", "start_week": 10, "duration_weeks": 4},
              {"id": "b", "type": "coupon", "start_week": 12})
    v = _only(check(p, Rules()), "min_gap_weeks")
    assert "are 0 weeks apart (they overlap)" in v.en and "时间重叠" in v.zh


def test_max_deal_share():
    items = [{"id": f"x{k}", "type": t, "start_week": w, "duration_weeks": 4}
             for k, (t, w) in enumerate([("gift", 1), ("coupon", 10), ("lottery", 20), ("free_trial", 30),
                                         ("co_promotion", 40)])]
    v = _only(check(_plan(*items), Rules()), "max_deal_share")
    assert v.en == ("Active has 20 deal-weeks (each offer's weeks counted); the limit is 35% of 52 weeks = 18 "
                    "(items x0, x1, x2, x3, x4).")
    assert v.weeks[:5] == (1, 2, 3, 4, 10) and len(v.weeks) == 20
    # sponsorship and membership are not deals by default
    items[0] = {"id": "x0", "type": "membership", "start_week": 1, "duration_weeks": 4}
    assert check(_plan(*items), Rules()) == []


def test_cap_per_customer():
    p = _plan({"id": "a", "type": "discount", "start_week": 10, "cap_per_customer": 5})
    v = _only(check(p, Rules()), "max_cap_per_customer")
    assert v.en == "Item a lets each customer redeem 5 times; the limit is 3." and v.weeks == (10, 11)


def test_no_overlap_of_price_offers():
    p = _plan({"id": "d", "type": "discount", "start_week": 10},
              {"id": "c", "type": "coupon", "start_week": 11, "segments": ["active", "vip"]})
    v = _only(check(p, Rules()), "no_overlap")
    assert v.items == ("c", "d") and v.weeks == (11,) and v.segment == "active"
    assert v.en == ("Coupon c and Discount d overlap for Active in weeks 11–11; these two types must not run at the "
                    "same time on one segment.")
    # a gift may run with a discount
    p = _plan({"id": "d", "type": "discount", "start_week": 10}, {"id": "g", "type": "gift", "start_week": 10})
    assert check(p, Rules()) == []


def test_prize_cap():
    p = _plan({"id": "l", "type": "lottery", "start_week": 10, "params": {"prize1_value": 60000}},
              {"id": "q", "type": "prize_quiz", "start_week": 30, "params": {"chance": "yes", "top_prize": 3000}})
    v = _only(check(p, Rules()), "prize_cap")
    assert v.en == "Item l has a prize worth 60,000, above the prize cap of 50,000."
    found = [v.items for v in check(p, Rules(prize_cap=2000)) if v.rule == "prize_cap"]
    assert found == [("l",), ("q",)]  # a quiz decided by chance counts as a lottery


def test_budgets():
    p = _plan({"id": "d", "type": "discount", "start_week": 10},
              {"id": "c", "type": "coupon", "start_week": 30, "segments": ["active", "vip"]})
    value = plan_value(p)
    cost = {k: v.cost.mean for k, v in value.items.items()}
    total = sum(cost.values())
    rules = Rules(budget_total=total - 1, budget_per_type={"coupon": cost["c"] - 1, "discount": cost["d"] + 1},
                  budget_per_segment={"vip": 1.0})
    found = {v.rule: v for v in check(p, rules, value=value)}
    assert set(found) == {"budget.total", "budget.per_type", "budget.per_segment"}
    assert found["budget.total"].en == (f"The plan's expected cost {total:,.0f} is over its budget of "
                                        f"{total - 1:,.0f} (items d, c).")
    assert found["budget.per_type"].items == ("c",)
    vip_share = 800 / (8000 + 800)
    assert found["budget.per_segment"].en == (f"Big / VIP's expected cost {cost['c'] * vip_share:,.0f} is over its "
                                              f"budget of 1 (items c).")
    assert check(p, Rules(budget_total=total + 1), value=value) == []


def test_carry_over_makes_two_close_discounts_each_worth_less():
    alone = plan_value(_plan({"id": "a", "type": "discount", "start_week": 11}))
    other = plan_value(_plan({"id": "b", "type": "discount", "start_week": 14}))
    both = plan_value(_plan({"id": "a", "type": "discount", "start_week": 11},
                            {"id": "b", "type": "discount", "start_week": 14}))
    a1, b1 = alone.items["a"].profit.mean, other.items["b"].profit.mean
    a2, b2 = both.items["a"].profit.mean, both.items["b"].profit.mean
    assert both.items["a"].standalone.mean == pytest.approx(a1)  # same season, same draws
    assert a2 < a1 and b2 < b1
    assert both.profit.mean < a1 + b1
    # the later one loses the most: fatigue and reference-price erosion (the earlier one's dip is in its own profit)
    assert both.items["b"].carry_loss > both.items["a"].carry_loss > 0
    # far apart: no carry-over
    far = plan_value(_plan({"id": "a", "type": "discount", "start_week": 11},
                           {"id": "b", "type": "discount", "start_week": 13 + CARRY_WEEKS}))
    assert far.items["a"].carry_loss == 0 and far.items["b"].carry_loss == 0
    assert far.profit.mean == pytest.approx(a1 + far.items["b"].standalone.mean)


def test_back_to_back_discounts_charge_each_dip_once():
    """The earlier item's pull-forward dip is already subtracted in its own profit: the later one loses only the
    fatigue step and the reference-price erosion (the old calendar charged the dip again, 33% of its margin)."""
    from promo.model.constants import const
    from promo.model.segments import default_segments
    from promo.planning.valuation import carry_shares

    p = _plan({"id": "a", "type": "discount", "start_week": 11, "duration_weeks": 2},
              {"id": "b", "type": "discount", "start_week": 13, "duration_weeks": 2})
    a, b = p.items
    on_a, on_b = carry_shares(a, b, {s.key: s.size for s in default_segments()})
    fatigue = 1 - 1 / (1 + const("fatigue") / 4)                     # one more recent run of 4 recommended: 0.1111
    erosion = const("reference_pass") * 0.15 * min(1.0, 2 / 4) / 0.15  # the cut looks smaller: 10% × 15% × ½ ÷ 15%
    assert on_b == pytest.approx(fatigue + erosion)                     # 0.1611, no dip share (was + 0.2)
    assert on_a == pytest.approx(0.05)                                  # customers wait for the next price offer


def test_weekly_totals_add_up():
    p = _plan({"id": "a", "type": "discount", "start_week": 11}, {"id": "b", "type": "coupon", "start_week": 30},
              {"id": "l", "type": "lottery", "start_week": 40, "segments": ["vip"]})
    v = plan_value(p)
    assert len(v.weekly["profit"]) == 52
    assert v.weekly["profit"].sum() == pytest.approx(v.profit.mean)
    assert v.weekly["cost"].sum() == pytest.approx(v.cost.mean)
    assert np.all(v.weekly["profit_p10"] <= v.weekly["profit_p90"] + 1e-9)
    assert v.weekly["cost"][:10].sum() == 0 and v.weekly["cost"][10] > 0
    assert v.weekly["profit"][12] < 0  # the discount's dip shows after it
    assert 0 <= v.prob_loss <= 1 and v.roi.mean == pytest.approx(np.mean(v.roi.mean))


def test_check_of_a_50_item_plan_is_fast():
    types = ["discount", "gift", "coupon", "lottery", "free_trial"]
    segs = ["new", "active", "vip", "half_dormant", "dormant"]
    items = [{"id": f"i{k}", "type": types[k % 5], "segments": [segs[(k // 5) % 5]], "start_week": 1 + (k * 7) % 48,
              "duration_weeks": 2} for k in range(50)]
    p = _plan(*items)
    rules = Rules(budget_total=1e7, budget_per_segment={"vip": 1e6})
    check(p, rules)  # warm the simulation cache the way a page re-check does
    times = []
    for _ in range(5):  # best of five: the machine is shared, a single run can be delayed by others
        t0 = time.perf_counter()
        found = check(p, rules)
        times.append(time.perf_counter() - t0)
    assert min(times) < 0.2
    assert {v.rule for v in found} == {"max_deal_share"}  # 10 two-week items on each of 5 segments = 20 > 18


def test_sponsorship_sales_arrive_after_its_lag():
    from promo import new_plan, plan_value
    from promo.model.segments import default_segments
    from promo.planning.plan import make_item
    segs = default_segments()
    item = make_item({"id": "event", "type": "sponsorship", "segments": ["prospects"], "start_week": 10,
                      "duration_weeks": 1, "params": {"lag_weeks": 6}}, 1, 2027, 52, segs)
    value = plan_value(new_plan(2027, [item]), segs)
    cost, profit = value.weekly["cost"], value.weekly["profit"]
    assert cost[9] > 0 and sum(cost) == cost[9]  # paid in week 10
    assert profit[9] == -cost[9]  # nothing earned in the event's week
    assert profit[15] > 0  # the lagged sales land in week 16
    assert abs(sum(profit) - value.profit.mean) < 1e-6 * max(1.0, abs(sum(profit)))  # only moved in time
