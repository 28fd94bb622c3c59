"""The demo business: its shipped year plan still meets the default rules and is the calendar's plan on first start."""
import pytest

from promo import Rules, check, plan_value, store
from promo.customers import demo
from promo.planning import LEVELS
from promo.planning.optimizer import DURATION, LEVEL_NAMES


def test_the_shipped_plan_meets_the_default_rules_and_spends_the_budget():
    plan = demo.demo_plan()
    value = plan_value(plan)
    assert check(plan, Rules(), None, value) == []
    assert plan.year == 2027 and len(plan.items) == 31
    assert 150_000 < value.cost.mean <= 200_000  # made with a budget of 200,000
    assert value.profit.mean > 0


def test_each_item_is_one_of_the_optimizers_candidates():
    """Type, one segment, the type's usual length and the parameters of one level: what the optimizer chooses from."""
    for it in demo.demo_plan().items:
        kind, segment, week, level = it.id.rsplit("-", 3)
        assert (kind, [segment], f"w{it.start_week:02d}") == (it.type, list(it.segments), week)
        assert it.duration == DURATION[it.type]
        assert {k: it.campaign.params[k] for k in LEVELS[it.type][LEVEL_NAMES.index(level)]} == \
            LEVELS[it.type][LEVEL_NAMES.index(level)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_seeding_saves_the_plan_and_makes_it_the_working_plan(lang):
    con = store.connect(":memory:")
    demo.seed(con, lang=lang, draws=200)
    saved = store.list_plans(con)
    assert [p["name"] for p in saved] == [demo.PLAN_NAME[lang]]
    assert saved[0]["summary"]["violations"] == 0 and saved[0]["summary"]["cost"] > 150_000
    working = store.working_plan(con)
    assert working["plan"] == saved[0]["plan"] and not working["can_undo"] and not working["can_redo"]
