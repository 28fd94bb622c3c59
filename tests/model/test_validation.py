"""Bad input: a ValueError (InputError) naming the field, the value and what is allowed; the CLI exits 2
with one line on stderr. Also the CLI's JSON and table output."""
from __future__ import annotations

import json
import math

import pytest

from promo import InputError, campaign_from_dict, make_campaign, make_segment, simulate
from promo.cli import main

SEG = {"key": "shop", "size": 1000, "p_week": 0.1, "aov": 100, "margin": 0.4, "deal_sensitivity": 1.0,
       "retention": 0.5}


def raises(fn, *args, **kwargs) -> InputError:
    with pytest.raises(InputError) as e:
        fn(*args, **kwargs)
    assert isinstance(e.value, ValueError)
    assert e.value.en.strip() and e.value.zh.strip()
    assert e.value.message("zh") == e.value.zh and e.value.message("en") == str(e.value) == e.value.en
    return e.value


# ------------------------------------------------------------------ library
def test_unknown_type_with_did_you_mean():
    e = raises(make_campaign, "discont", ["active"])
    assert "'discont'" in e.en and "Did you mean 'discount'?" in e.en and "Allowed:" in e.en
    assert "discount" in e.zh and "你是不是想输入" in e.zh
    assert e.field == "type"


def test_unknown_type_without_close_match_lists_the_allowed():
    e = raises(make_campaign, "xyz", ["active"])
    assert "Did you mean" not in e.en and "membership" in e.en


def test_unknown_segment_with_did_you_mean():
    c = make_campaign("coupon", ["dormnt"])  # segments are resolved against a table when simulating
    e = raises(simulate, c, draws=0)
    assert "'dormnt'" in e.en and "Did you mean 'dormant'?" in e.en and "churned" in e.en
    assert e.field == "segment"


def test_unknown_parameter_with_did_you_mean():
    e = raises(make_campaign, "coupon", ["active"], {"face_valu": 20})
    assert "'face_valu'" in e.en and "Did you mean 'face_value'?" in e.en and "validity_weeks" in e.en
    assert e.field == "face_valu"


def test_unknown_setting_and_choice():
    e = raises(make_campaign, "coupon", ["active"], budget_cao=10)
    assert "Did you mean 'budget_cap'?" in e.en
    e = raises(make_campaign, "coupon", ["active"], {"channel": "wechatt"})
    assert "Did you mean 'wechat'?" in e.en and "sms" in e.en and e.field == "channel"


@pytest.mark.parametrize("name, value, allowed", [
    ("depth", 0.95, "0.01 to 0.8"),
    ("depth", -0.1, "0.01 to 0.8"),
    ("elasticity", 100, "0.5 to 8"),
])
def test_parameter_outside_range(name, value, allowed):
    e = raises(make_campaign, "discount", ["active"], {name: value})
    assert name in e.en and str(value) in e.en and allowed in e.en
    assert name in e.zh and str(value) in e.zh and allowed.replace(" to ", " 至 ") in e.zh
    assert e.field == name


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, "nan", "inf", "abc", None])
def test_parameter_not_a_finite_number(value):
    e = raises(make_campaign, "coupon", ["active"], {"face_value": value})
    assert "face_value" in e.en and str(value) in e.en and "1 to 1000" in e.en
    assert e.field == "face_value"


@pytest.mark.parametrize("setting, value, allowed", [
    ("reach", 1.5, "0 to 1"),
    ("reach", -0.5, "0 to 1"),
    ("budget_cap", -1, "0 to 1e+10"),
    ("budget_cap", math.inf, "0 to 1e+10"),
    ("duration_weeks", 0, "1 to 52"),
    ("duration_weeks", 2.5, "1 to 52"),
    ("cap_per_customer", math.nan, "1 to 100"),
    ("season", 0, "0.1 to 5"),
])
def test_setting_outside_range(setting, value, allowed):
    e = raises(make_campaign, "discount", ["active"], **{setting: value})
    assert setting in e.en and str(value) in e.en and allowed in e.en
    assert e.field == setting


@pytest.mark.parametrize("field, value", [("size", -5), ("size", math.nan), ("size", math.inf), ("p_week", 1.2),
                                          ("aov", 0), ("margin", 1.0), ("size", "many"), ("retention", -0.1)])
def test_bad_segment_values(field, value):
    e = raises(make_segment, {**SEG, field: value})
    assert field in e.en and str(value) in e.en and " to " in e.en
    assert "shop" in e.en and e.field == field


def test_bad_segment_affinity():
    e = raises(make_segment, {**SEG, "affinity": {"discont": 1.0}})
    assert "Did you mean 'discount'?" in e.en
    e = raises(make_segment, {**SEG, "affinity": {"discount": -1}})
    assert "affinity.discount" in e.en and "0 to 5" in e.en


def test_cross_checks_and_segment_list():
    e = raises(make_campaign, "prize_quiz", ["active"], {"prize_pool": 1000, "top_prize": 2000})
    assert "top_prize" in e.en and "2000" in e.en and "1000" in e.en
    e = raises(make_campaign, "discount", ["active"], {"dead_zone": 0.3, "suspicion": 0.3})
    assert "dead_zone" in e.en
    raises(make_campaign, "discount", [])
    raises(make_campaign, "discount", ["active", "active"])


def test_draws_range():
    c = make_campaign("discount", ["active"])
    e = raises(simulate, c, draws=-1)
    assert "draws" in e.en and "-1" in e.en and "0 to 200000" in e.en


def test_campaign_round_trip_and_missing_fields():
    c = make_campaign("coupon", ["dormant", "half_dormant"], {"face_value": 20}, reach=0.8, budget_cap=5000)
    assert campaign_from_dict(c.to_dict()) == c
    e = raises(campaign_from_dict, {"segments": ["active"]})
    assert "type" in e.en


def test_valid_edge_values_are_accepted():
    make_campaign("discount", ["active"], {"depth": 0.01}, reach=0.0, budget_cap=0, runs_last_52w=52)
    make_campaign("discount", ["active"], {"depth": 0.8}, reach=1.0, duration_weeks=52, season=5)
    make_segment({**SEG, "size": 0, "p_week": 0, "margin": 0})


# ------------------------------------------------------------------ command line
BAD_ARGS = [
    (["simulate", "--type", "discont", "--segment", "active"], ["discont", "Did you mean 'discount'"]),
    (["simulate", "--type", "coupon", "--segment", "dormnt"], ["dormnt", "Did you mean 'dormant'"]),
    (["simulate", "--type", "coupon", "--segment", "dormant", "--param", "face_valu=20"],
     ["face_valu", "Did you mean 'face_value'"]),
    (["simulate", "--type", "discount", "--segment", "active", "--param", "depth=0.95"],
     ["depth", "0.95", "0.01 to 0.8"]),
    (["simulate", "--type", "discount", "--segment", "active", "--param", "depth=nan"],
     ["depth", "nan", "0.01 to 0.8"]),
    (["simulate", "--type", "discount", "--segment", "active", "--param", "depth=inf"],
     ["depth", "inf", "0.01 to 0.8"]),
    (["simulate", "--type", "discount", "--segment", "active", "--budget-cap", "inf"], ["budget_cap", "inf"]),
    (["simulate", "--type", "discount", "--segment", "active", "--reach", "-0.5"], ["reach", "-0.5", "0 to 1"]),
    (["simulate", "--type", "discount", "--segment", "active", "--draws", "-1"], ["draws", "-1"]),
    (["simulate", "--type", "discount", "--segment", "active", "--param", "depth"], ["depth", "name=value"]),
    (["simulate", "--type", "discount", "--segment", "active", "--draws", "many"], ["many"]),
    (["simulate", "--type", "discount"], ["--segment"]),
    (["bogus"], ["bogus"]),
]


@pytest.mark.parametrize("argv, expected", BAD_ARGS, ids=[" ".join(a[1:5]) or a[0] for a, _ in BAD_ARGS])
def test_cli_bad_input_exits_2_with_one_line(argv, expected, capsys):
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    for piece in expected:
        assert piece in lines[0]


def test_cli_error_in_chinese(capsys):
    assert main(["--lang", "zh", "simulate", "--type", "discont", "--segment", "active"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "未知的促销类型" in err and "discount" in err


def run_json(argv, capsys):
    assert main(argv) == 0
    out, _err = capsys.readouterr()
    return json.loads(out)


STAT = {"mean", "p10", "p50", "p90"}


def test_cli_simulate_json_fields(capsys):
    d = run_json(["simulate", "--type", "coupon", "--segment", "dormant", "--param", "face_value=20",
                  "--draws", "2000", "--seed", "7", "--json"], capsys)
    assert {"type", "segments", "draws", "seed", "reached", "participants", "subsidised", "incremental_buyers",
            "incremental_orders", "dip_orders", "switched_orders", "incremental_revenue", "incremental_margin",
            "dip_margin", "costs", "cost", "profit", "roi", "participants_dist", "sales_lift", "subsidised_share",
            "prob_loss", "drivers", "long_term", "leads", "breakeven", "partner", "caps", "warnings"} == set(d)
    for k in ("cost", "profit", "roi", "participants_dist", "sales_lift", "subsidised_share"):
        assert set(d[k]) == STAT and d[k]["p10"] <= d[k]["p50"] <= d[k]["p90"]
    assert d["roi"]["mean"] == pytest.approx(d["profit"]["mean"] / d["cost"]["mean"])  # mean profit ÷ mean cost
    assert 0 < d["subsidised_share"]["mean"] < 0.5  # dormant customers: most redeemers would not have bought
    assert {k["key"] for k in d["drivers"][:2]} == {"regulars_ratio", "redemption_rate"}
    assert abs(sum(k["share"] for k in d["drivers"]) - 1) < 0.2
    assert d["type"] == "coupon" and d["segments"] == ["dormant"] and d["draws"] == 2000 and d["seed"] == 7
    assert set(d["costs"]) == {"distribution", "face_value", "handling"}
    assert set(d["long_term"]) == {"reference_price", "retention", "reactivation", "acquisition", "awareness", "lagged",
                                   "total"}
    assert set(d["breakeven"]) == {"participants", "participation_rate", "lift"}
    assert set(d["caps"]) == {"budget_cap", "budget_binding_share", "budget_scale", "per_customer_cap",
                              "orders_capped", "per_customer_binding"}
    assert 0 <= d["prob_loss"] <= 1 and d["partner"] is None
    # the same command gives the same numbers (fixed seed)
    again = run_json(["simulate", "--type", "coupon", "--segment", "dormant", "--param", "face_value=20",
                      "--draws", "2000", "--seed", "7", "--json"], capsys)
    assert again == d


def test_cli_simulate_json_partner_warnings_and_settings(capsys):
    d = run_json(["simulate", "--type", "co_promotion", "--segment", "prospects", "--segment", "new", "--draws", "0",
                  "--budget-cap", "1000", "--runs-last-52w", "5", "--json"], capsys)
    assert set(d["partner"]) == {"our_cost", "partner_cost", "our_profit", "partner_gain", "partner_profit",
                                 "our_share"}
    codes = {w["code"] for w in d["warnings"]}
    assert "frequency" in codes and codes & {"budget_binding", "budget_infeasible"}
    for w in d["warnings"]:
        assert set(w) >= {"code"}
    assert d["caps"]["budget_cap"] == 1000 and d["cost"]["mean"] <= 1000 + 1e-6
    assert d["segments"] == ["prospects", "new"]


def test_cli_types_json(capsys):
    d = run_json(["types", "--json"], capsys)
    assert [x["key"] for x in d] == ["discount", "gift", "rebate", "coupon", "co_promotion", "free_trial", "lottery",
                                     "prize_quiz", "sponsorship", "membership"]
    for x in d:
        assert x["zh"] and x["en"] and x["description"] and x["params"]
        for p in x["params"]:
            assert {"key", "zh", "en", "unit", "min", "max", "default", "source"} <= set(p)


def test_cli_segments_json(capsys):
    d = run_json(["segments", "--json"], capsys)
    assert [s["key"] for s in d] == ["prospects", "new", "active", "vip", "half_dormant", "dormant", "churned"]
    for s in d:
        assert {"zh", "en", "size", "p_week", "aov", "margin", "deal_sensitivity", "retention", "affinity"} <= set(s)


def test_cli_tables_in_both_languages(capsys):
    argv = ["simulate", "--type", "discount", "--segment", "active", "--draws", "500"]
    assert main(["--lang", "zh", *argv]) == 0
    zh = capsys.readouterr().out
    for word in ("打折促销", "触达人数", "利润", "投资回报率", "亏损概率", "长期价值"):
        assert word in zh
    assert main([*argv, "--lang", "zh"]) == 0  # --lang after the command works too
    assert "投资回报率" in capsys.readouterr().out
    assert main(argv) == 0
    en = capsys.readouterr().out
    for word in ("Discount", "Reached", "Profit", "ROI", "Probability of a loss"):
        assert word in en
    assert main(["--lang", "zh", "types"]) == 0
    assert "会员制度" in capsys.readouterr().out
    assert main(["--lang", "zh", "segments"]) == 0
    assert "沉睡顾客" in capsys.readouterr().out


def test_cli_table_shows_warnings(capsys):
    assert main(["simulate", "--type", "discount", "--segment", "active", "--param", "depth=0.05", "--draws", "0"]) == 0
    out = capsys.readouterr().out
    assert "dead zone" in out
