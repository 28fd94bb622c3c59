"""The demo business: its shipped year plan still meets the default rules and is the calendar's plan on first start."""
import pytest

from promo import Rules, check, plan_value, store
from promo.customers import demo


def test_the_shipped_plan_meets_the_default_rules_within_its_budget():
    """If the model changes so much that this fails, run ``demo.write_plan()`` again."""
    plan = demo.demo_plan()
    value = plan_value(plan)
    assert check(plan, Rules(), None, value) == []
    assert plan.year == demo.PLAN_YEAR and plan.items
    assert value.cost.mean <= demo.PLAN_BUDGET * 1.01 and value.profit.mean > 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_seeding_saves_the_plan_and_makes_it_the_working_plan(lang):
    con = store.connect(":memory:")
    demo.seed(con, lang=lang, draws=200)
    saved = store.list_plans(con)
    assert [p["name"] for p in saved] == [demo.PLAN_NAME[lang]]
    assert saved[0]["summary"]["violations"] == 0 and saved[0]["summary"]["cost"] > 0
    working = store.working_plan(con)
    assert working["plan"] == saved[0]["plan"] and not working["can_undo"] and not working["can_redo"]
