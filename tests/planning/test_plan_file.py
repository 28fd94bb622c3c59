"""The plan and rules files: what is accepted, and the message for each kind of bad input."""
import json

import pytest

from promo.errors import InputError
from promo.planning.plan import load_plan, plan_from_dict
from promo.planning.rules import Rules, load_rules, rules_from_dict


def _item(**kw):
    return {"id": "a", "type": "discount", "segments": ["active"], "start_week": 10, "duration_weeks": 2, **kw}


def _plan(*items, year=2027, **kw):
    return {"year": year, "items": list(items), **kw}


def _err(fn, *args) -> InputError:
    with pytest.raises(InputError) as e:
        fn(*args)
    return e.value


def test_a_good_plan_round_trips():
    p = plan_from_dict(_plan(_item(params={"depth": 0.2}, locked=True), _item(id="b", type="coupon", start_week=30)))
    assert p.year == 2027 and p.weeks == 52 and len(p.season) == 52
    a = p.items[0]
    assert (a.id, a.start_week, a.end_week, a.locked, a.campaign.params["depth"]) == ("a", 10, 11, True, 0.2)
    assert plan_from_dict(p.to_dict()) == p


def test_a_53_week_year():
    p = plan_from_dict(_plan(_item(start_week=53, duration_weeks=1), year=2026))
    assert p.weeks == 53 and p.items[0].weeks == range(53, 54)


def test_season_overrides():
    p = plan_from_dict(_plan(season={"10": 2.0}))
    assert p.season[9] == 2.0 and p.season[10] == 1.0
    e = _err(plan_from_dict, _plan(season=[1.0] * 10))
    assert str(e) == "season has 10 values but 2027 has 52 weeks."


def test_item_outside_the_year():
    e = _err(plan_from_dict, _plan(_item(start_week=51, duration_weeks=4)))
    assert str(e) == ("Item 'a' (number 1): it runs weeks 51–54, but 2027 has 52 weeks; start it by week 49 "
                      "or shorten it.")
    assert "2027 年只有 52 周" in e.zh
    e = _err(plan_from_dict, _plan(_item(start_week=0)))
    assert str(e) == "Item 'a' (number 1): start_week = 0 is outside the allowed range 1 to 52."


def test_unknown_type_and_segment_with_hints():
    e = _err(plan_from_dict, _plan(_item(type="dicsount")))
    assert str(e).startswith("Item 'a' (number 1): Unknown promotion type 'dicsount'. Did you mean 'discount'?")
    e = _err(plan_from_dict, _plan(_item(), _item(id="b", segments=["actve"])))
    assert str(e).startswith("Item 'b' (number 2): Unknown segment 'actve'. Did you mean 'active'?")
    assert "活动项 'b' (number 2)" in e.zh and "你是不是想输入「active」" in e.zh


def test_unknown_field_missing_field_and_bad_parameter():
    e = _err(plan_from_dict, _plan(_item(start=3)))
    assert "Unknown item field 'start'. Did you mean 'start_week'?" in str(e)
    bad = _item()
    del bad["start_week"]
    assert str(_err(plan_from_dict, _plan(bad))) == "Item 'a' (number 1): 'start_week' is missing."
    e = _err(plan_from_dict, _plan(_item(params={"depth": 0.95})))
    assert str(e) == "Item 'a' (number 1): depth = 0.95 is outside the allowed range 0.01 to 0.8."
    e = _err(plan_from_dict, _plan(_item(locked="yes")))
    assert str(e) == 'Item \'a\' (number 1): locked must be true or false, got "yes".'


def test_duplicate_ids_and_plan_level_errors():
    assert str(_err(plan_from_dict, _plan(_item(), _item()))) == "Two items have the id 'a'; ids must be unique."
    assert str(_err(plan_from_dict, {"items": []})) == "The plan needs a 'year'."
    assert "Did you mean 'items'" in str(_err(plan_from_dict, {"year": 2027, "itmes": []}))
    assert str(_err(plan_from_dict, _plan(year=1990))) == "year = 1990 is outside the supported range 2001 to 2099."
    assert str(_err(plan_from_dict, [1, 2])) == "A plan file must hold a JSON object with 'year' and 'items'."


def test_malformed_and_missing_files(tmp_path):
    f = tmp_path / "plan.json"
    f.write_text('{"year": 2027, "items": [}', encoding="utf-8")
    e = _err(load_plan, f)
    assert str(e) == f"The plan file '{f}' is not valid JSON: Expecting value at line 1, column 26."
    assert "不是有效的 JSON" in e.zh
    e = _err(load_plan, tmp_path / "nope.json")
    assert str(e).startswith(f"Cannot read the plan file '{tmp_path / 'nope.json'}'")
    r = tmp_path / "rules.json"
    r.write_text("{max_runs: 3}", encoding="utf-8")
    assert "The rules file" in str(_err(load_rules, r)) and "line 1, column 2" in str(_err(load_rules, r))


def test_rules_defaults_and_overrides():
    r = rules_from_dict({"max_runs": {"lottery": 2}, "budget": {"total": 1000, "per_type": {"coupon": 50}}})
    assert r.max_runs["lottery"] == 2 and r.max_runs["discount"] == 4
    assert r.budget_total == 1000 and r.budget_per_type == {"coupon": 50.0}
    assert ("coupon", "discount") in r.no_overlap and ("discount", "rebate") in r.no_overlap
    assert rules_from_dict(r.to_dict()) == r
    assert Rules().budget_total is None


@pytest.mark.parametrize("rules, message", [
    ({"max_run": {}}, "Unknown rule 'max_run'. Did you mean 'max_runs'?"),
    ({"max_runs": {"lotery": 2}}, "Unknown promotion type in max_runs 'lotery'. Did you mean 'lottery'?"),
    ({"max_runs": {"lottery": -1}}, "max_runs.lottery = -1 is outside the allowed range 0 to 52."),
    ({"budget": {"total": -100}}, "budget.total = -100 is negative; a budget must be 0 or more."),
    ({"budget": {"per_segment": {"vip": -1}}}, "budget.per_segment.vip = -1 is negative; a budget must be 0 or more."),
    ({"budget": {"totl": 5}}, "Unknown budget rule 'totl'. Did you mean 'total'?"),
    ({"max_deal_share": 1.5}, "max_deal_share = 1.5 is outside the allowed range 0 to 1."),
    ({"deal_types": "discount"}, 'deal_types must be a list of types like ["discount", "coupon"], got "discount".'),
    ({"no_overlap": [["discount"]]}, 'Each no_overlap entry must be a pair of types like ["discount", "coupon"], got '
                                     "['discount']."),
])
def test_bad_rules(rules, message):
    assert str(_err(rules_from_dict, rules)).startswith(message)


def test_unknown_segment_in_a_segment_budget():
    e = _err(rules_from_dict, {"budget": {"per_segment": {"vipp": 5}}}, ["active", "vip"])
    assert str(e).startswith("Unknown segment in budget.per_segment 'vipp'. Did you mean 'vip'?")


def test_contradictory_rules_are_explained():
    e = _err(rules_from_dict, {"max_runs": {"discount": 4}, "min_gap_weeks": {"discount": 20}})
    assert str(e) == ("max_runs.discount = 4 contradicts min_gap_weeks.discount = 20: with that gap at most 3 runs fit "
                      "in 52 weeks. Lower max_runs.discount to 3 or min_gap_weeks.discount.")
    assert "矛盾" in e.zh
    e = _err(rules_from_dict, {"max_deal_share": 0.01, "max_runs": dict.fromkeys(
        ("gift", "rebate", "coupon", "co_promotion", "free_trial", "lottery", "prize_quiz"), 0)})
    assert str(e) == ("max_deal_share = 0.01 allows no week on deal, yet max_runs.discount = 4 allows runs of "
                      "discount. Raise max_deal_share or set max_runs.discount to 0.")
    e = _err(rules_from_dict, {"prize_cap": 80000})
    assert str(e) == "prize_cap = 80,000 is above the legal cap of 50,000 yuan; set it to 50,000 or less."


def test_rules_file(tmp_path):
    f = tmp_path / "rules.json"
    f.write_text(json.dumps({"max_runs": {"coupon": 2}}), encoding="utf-8")
    assert load_rules(f).max_runs["coupon"] == 2
