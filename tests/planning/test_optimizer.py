"""The optimizer against brute force, over random rule sets, with locked items, and when nothing fits."""
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from promo.errors import InputError
from promo.model.segments import default_segments
from promo.planning.checks import check
from promo.planning.festivals import default_season
from promo.planning.optimizer import STAGES, build_candidates, optimize
from promo.planning.plan import Plan, plan_from_dict
from promo.planning.rules import Rules
from promo.planning.valuation import plan_value

SEGS = default_segments()
YEAR = 2027
SEASON = default_season(YEAR)


def _brute_force(rules, types, segment_keys, weeks, levels, objective="expected", spaced=False):
    """Best plan by trying every rule-abiding set of candidates (depth-first; a set that breaks a rule
    is not extended, since adding items never mends an upper limit). ``spaced``: only plans without
    carry-over between their items, the space the default optimizer searches."""
    cands, _ = build_candidates(YEAR, SEASON, SEGS, rules, objective, types, segment_keys, weeks, levels)
    items = [c.item for c in cands]
    best = (0.0, ())

    def grow(chosen, start):
        nonlocal best
        for k in range(start, len(items)):
            plan = Plan(YEAR, (*chosen, items[k]), SEASON)
            value = plan_value(plan, SEGS)
            if check(plan, rules, SEGS, value) or (spaced and any(v.carry_loss > 0 for v in value.items.values())):
                continue
            if value.objective(objective) > best[0] + 1e-6:
                best = (value.objective(objective), plan.items)
            grow(plan.items, k + 1)
    grow((), 0)
    return best


SMALL = {"types": ["coupon", "gift"], "segment_keys": ["churned"], "start_weeks": range(1, 9),
         "levels": ("low", "high")}
SMALL_BUDGET = 3000


@pytest.mark.slow
@pytest.mark.parametrize("objective, n_items", [("expected", 2), ("p10", 1)])
def test_exact_mode_equals_brute_force(objective, n_items):
    rules = Rules(max_runs={"coupon": 2, "gift": 2}, min_gap_weeks={"coupon": 0, "gift": 1}, budget_total=SMALL_BUDGET)
    best, plan = _brute_force(rules, SMALL["types"], SMALL["segment_keys"], SMALL["start_weeks"], SMALL["levels"],
                              objective)
    res = optimize(year=YEAR, objective=objective, rules=rules, carry="exact", mip_gap=1e-9, **SMALL)
    assert res.status == "optimal" and res.violations == ()
    assert res.objective_value == pytest.approx(best, rel=1e-9)
    assert sorted(i.id for i in res.plan.items) == sorted(i.id for i in plan)
    # expected: the best plan keeps two close deal items although each loses value to carry-over (priced
    # exactly); P10: the carry-over loss outweighs the second item's P10, so one item is best
    assert len(res.plan.items) == n_items
    assert (sum(v.carry_loss for v in res.value.items.values()) > 0) == (n_items == 2)


def test_spacing_mode_equals_brute_force_over_spaced_plans():
    rules = Rules(max_runs={"coupon": 2, "gift": 2}, min_gap_weeks={"coupon": 0, "gift": 1}, budget_total=SMALL_BUDGET)
    res = optimize(year=YEAR, rules=rules, mip_gap=1e-9, **SMALL)
    exact = optimize(year=YEAR, rules=rules, carry="exact", mip_gap=1e-9, **SMALL)
    # with only 8 start weeks two deal items are always within the carry-over window: one item at most
    assert len(res.plan.items) == 1 and res.violations == ()
    best_single = max(plan_value(Plan(YEAR, (c.item,), SEASON), SEGS).profit.mean
                      for c in build_candidates(YEAR, SEASON, SEGS, rules, "expected", **SMALL)[0]
                      if c.cost <= SMALL_BUDGET)
    assert res.objective_value == pytest.approx(best_single)
    assert res.objective_value < exact.objective_value


@pytest.mark.slow
@pytest.mark.slow
def test_spacing_mode_equals_brute_force_over_a_longer_span():
    rules = Rules(max_runs={"coupon": 3, "gift": 2}, budget_total=15_000, budget_per_type={"gift": 11_000})
    space = {"types": ["coupon", "gift"], "segment_keys": ["active"], "start_weeks": [1, 4, 7, 10, 13, 16, 19, 22, 25],
             "levels": ("low", "high")}
    best, plan = _brute_force(rules, space["types"], space["segment_keys"], space["start_weeks"], space["levels"],
                              spaced=True)
    res = optimize(year=YEAR, rules=rules, mip_gap=1e-9, **space)
    assert res.status == "optimal" and res.violations == ()
    assert res.objective_value == pytest.approx(best, rel=1e-9)
    assert sorted(i.id for i in res.plan.items) == sorted(i.id for i in plan)
    assert len(plan) >= 2


def test_full_year_plan_is_optimal_and_breaks_no_rule():
    rules = Rules(budget_per_type={"lottery": 30_000}, budget_per_segment={"prospects": 40_000})
    res = optimize(budget=60_000, year=YEAR, rules=rules, segment_keys=["prospects", "active", "vip", "dormant"],
                   types=["coupon", "gift", "lottery", "discount"])
    assert res.status == "optimal" and res.mip_gap <= 0.001
    assert check(res.plan, replace(rules, budget_total=60_000), SEGS) == []
    assert res.value.cost.mean <= 60_000 + 1e-6
    assert res.objective_value == pytest.approx(res.stats["model_objective"], rel=1e-9)
    assert res.bound >= res.objective_value - 1e-6
    assert sum(v.carry_loss for v in res.value.items.values()) == 0  # spacing mode leaves no carry-over


_TYPES = ["coupon", "gift", "discount", "lottery", "rebate"]


@st.composite
def rule_sets(draw):
    types = draw(st.lists(st.sampled_from(_TYPES), min_size=1, max_size=3, unique=True))
    max_runs = {t: draw(st.integers(0, 3)) for t in types}
    gaps = {t: draw(st.integers(0, 6)) for t in types}
    pairs = draw(st.lists(st.tuples(st.sampled_from(_TYPES), st.sampled_from(_TYPES)), max_size=3))
    rules = Rules(max_runs={**Rules().max_runs, **max_runs}, min_gap_weeks={**Rules().min_gap_weeks, **gaps},
                  max_deal_share=draw(st.sampled_from([0.1, 0.2, 0.35, 0.6])),
                  no_overlap=tuple(tuple(sorted(p)) for p in pairs),
                  budget_total=draw(st.one_of(st.none(), st.floats(0, 30_000))),
                  budget_per_type={types[0]: draw(st.floats(0, 20_000))} if draw(st.booleans()) else {},
                  budget_per_segment={"active": draw(st.floats(0, 20_000))} if draw(st.booleans()) else {})
    segs = draw(st.lists(st.sampled_from(["active", "vip", "new"]), min_size=1, max_size=2, unique=True))
    return rules, types, segs, draw(st.sampled_from(["spacing", "exact"])), draw(st.sampled_from(["expected", "p10"]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule_sets())
def test_optimizer_plans_never_break_a_rule(case):
    rules, types, segs, carry, objective = case
    # exact mode prices carry-over pair by pair and is kept to smaller instances
    weeks, segs = (range(1, 30), segs) if carry == "spacing" else (range(1, 12), segs[:1])
    res = optimize(year=YEAR, rules=rules, types=types, segment_keys=segs, start_weeks=weeks,
                   levels=("low", "mid"), carry=carry, objective=objective, time_limit=60)
    assert res.status in ("optimal", "empty")
    assert check(res.plan, rules, SEGS) == []
    assert res.value.objective(objective) >= -1e-6  # never worse than doing nothing


def test_locked_items_stay():
    locked = plan_from_dict({"year": YEAR, "items": [
        {"id": "mine", "type": "discount", "segments": ["active"], "start_week": 20, "duration_weeks": 2,
         "locked": True},
        {"id": "draft", "type": "coupon", "segments": ["active"], "start_week": 5}]})
    res = optimize(budget=150_000, locked=locked, types=["coupon", "gift", "discount"], segment_keys=["active"])
    ids = [i.id for i in res.plan.items]
    assert "mine" in ids and "draft" not in ids  # unlocked items are the optimizer's to replace
    assert res.violations == () and res.status == "optimal"
    mine = next(i for i in res.plan.items if i.id == "mine")
    assert (mine.start_week, mine.locked) == (20, True)
    # nothing else on the segment clashes with the locked discount (price offers do not overlap it)
    assert all(not (set(i.weeks) & {20, 21}) for i in res.plan.items if i.type in ("coupon", "rebate"))


def test_infeasible_locked_items_are_explained():
    locked = plan_from_dict({"year": YEAR, "items": [
        {"id": "a", "type": "discount", "segments": ["active"], "start_week": 10, "duration_weeks": 2, "locked": True},
        {"id": "b", "type": "discount", "segments": ["active"], "start_week": 13, "duration_weeks": 2, "locked": True},
    ]})
    res = optimize(budget=1000, locked=locked, types=["coupon"])
    assert res.status == "infeasible"
    assert {v.rule for v in res.violations} == {"min_gap_weeks", "budget.total"}
    last_en, last_zh = res.explanation[-1]
    assert last_en == ("The locked items already break these rules: budget.total, min_gap_weeks. Relax those rules or "
                       "unlock (or move) the items named above.")
    assert "解除锁定" in last_zh
    assert any("a (weeks 10–11) and b (weeks 13–14)" in en for en, _ in res.explanation)


def test_nothing_worth_doing_gives_an_empty_plan():
    res = optimize(budget=100, year=YEAR, types=["coupon"], segment_keys=["active"])
    assert res.status == "empty" and res.plan.items == () and res.violations == ()
    assert res.explanation[0][0].startswith("No candidate adds value under these rules and budget")
    cheapest = min(c.cost for c in build_candidates(YEAR, SEASON, SEGS, Rules(), "expected", ["coupon"], ["active"])[0])
    assert res.explanation[1][0].endswith(f"costs {cheapest:,.0f}; raise the budget above that or loosen the rules "
                                          "that exclude it.")
    assert cheapest > 100


@pytest.mark.parametrize("kwargs, message", [
    ({"budget": -1}, "budget = -1 is not allowed; give an amount of 0 or more."),
    ({"budget": float("nan")}, "budget = nan is not allowed; give an amount of 0 or more."),
    ({"objective": "p50"}, "Unknown objective 'p50'. Did you mean 'p10'? Allowed: expected, p10."),
    ({"carry": "none"}, "Unknown carry-over mode 'none'."),
    ({"types": ["cupon"]}, "Unknown promotion type 'cupon'. Did you mean 'coupon'?"),
    ({"year": 1800}, "year = 1800 is outside the supported range 2001 to 2099."),
    ({"levels": ("low", "max")}, "Unknown parameter level 'max'."),
    ({"season": (1.0,) * 10}, "season has 10 values but 2027 has 52 weeks."),
])
def test_bad_optimizer_input(kwargs, message):
    with pytest.raises(InputError) as e:
        optimize(**{"year": YEAR, **kwargs})
    assert str(e.value).startswith(message)


def test_progress_is_reported_as_stage_codes():
    seen = []
    optimize(budget=10_000, year=YEAR, types=["coupon", "gift"], segment_keys=["active"], progress=seen.append)
    fractions = [p.fraction for p in seen]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    assert [p.stage for p in seen] == ["checking_locked", "simulating", "simulating", "building", "building", "solving",
                                       "checking_plan", "done"]
    assert [(p.type, p.done, p.total) for p in seen if p.stage == "simulating"] == [("coupon", 0, 2), ("gift", 1, 2)]
    assert {p.stage for p in seen} <= set(STAGES)


@pytest.mark.slow
def test_candidate_count_of_the_full_instance():
    cands, built = build_candidates(YEAR, SEASON, SEGS, Rules(), "expected")
    # 10 types × 7 segments × 3 levels × the start weeks at which each type's run still ends in week 52
    durations = {"discount": 2, "gift": 2, "rebate": 4, "coupon": 4, "co_promotion": 4, "free_trial": 2,
                 "lottery": 4, "prize_quiz": 4, "sponsorship": 1, "membership": 8}
    assert built == sum(7 * 3 * (52 - d + 1) for d in durations.values()) == 10_395
    assert len(cands) == built


def test_overlapping_solves_give_stdout_back():
    """Two sessions optimising at once: the first to finish must not leave the other's /dev/null as stdout
    (the interleaving below is what two threads do; a save-and-restore without counting loses stdout here)."""
    import os

    from promo.planning.optimizer import _stdout_silenced

    real = os.fstat(1)
    a, b = _stdout_silenced(), _stdout_silenced()
    a.__enter__()
    b.__enter__()
    assert os.fstat(1).st_ino != real.st_ino  # silenced while either runs
    a.__exit__(None, None, None)
    assert os.fstat(1).st_ino != real.st_ino
    b.__exit__(None, None, None)
    assert (os.fstat(1).st_dev, os.fstat(1).st_ino) == (real.st_dev, real.st_ino)
