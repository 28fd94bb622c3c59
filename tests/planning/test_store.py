"""Saved plans: round trip, replace, delete; bad input saves nothing."""
import pytest

from promo import store
from promo.errors import InputError
from promo.planning.plan import plan_from_dict
from promo.planning.rules import Rules


@pytest.fixture
def con():
    c = store.connect(":memory:")
    yield c
    c.close()


def _plan():
    return plan_from_dict({"year": 2027, "season": {"5": 1.8}, "items": [
        {"id": "c", "type": "coupon", "segments": ["vip"], "start_week": 20, "locked": True}]})


def test_round_trip(con):
    rules = Rules(budget_total=5000)
    pid = store.save_plan(con, " 2027 年计划 ", _plan(), rules, {"profit": 123.0})
    rec = store.get_plan(con, pid)
    assert (rec["name"], rec["year"], rec["summary"]) == ("2027 年计划", 2027, {"profit": 123.0})
    plan, saved_rules = store.saved_plan(rec)
    assert plan == _plan() and plan.season[4] == 1.8 and saved_rules == rules
    assert store.schema_version(con) >= 3


def test_replace_and_delete(con):
    pid = store.save_plan(con, "a", _plan())
    assert store.save_plan(con, "b", _plan(), plan_id=pid) == pid
    assert [p["name"] for p in store.list_plans(con)] == ["b"]
    store.delete_plan(con, pid)
    assert store.list_plans(con) == [] and store.get_plan(con, pid) is None


def test_bad_input_saves_nothing(con):
    with pytest.raises(InputError) as e:
        store.save_plan(con, "  ", _plan())
    assert str(e.value) == "Give the plan a name."
    with pytest.raises(InputError) as e:
        store.save_plan(con, "x", _plan(), plan_id=99)
    assert str(e.value) == "There is no saved plan 99."
    assert store.list_plans(con) == []
