"""Segment rules, measured segments and the recorded, reversible switch to them."""
import pandas as pd
import pytest

from promo import default_segments, store
from promo.customers import lifecycle
from promo.errors import InputError


def _rfm(rows):
    return pd.DataFrame(rows, columns=["customer_id", "frequency", "recency", "T", "days_since_last", "spend_year"])


def test_rules_put_customers_in_stages_in_order():
    df = _rfm([
        ("churned", 5, 10, 500, 400, 0.0),
        ("dormant", 5, 10, 500, 200, 0.0),
        ("half", 5, 10, 500, 100, 50.0),
        ("new", 0, 0, 30, 30, 80.0),  # recent first purchase wins over spend
        ("vip", 10, 400, 500, 5, 5000.0),
        ("rich_but_rare", 1, 400, 500, 5, 9000.0),  # too few repeat days for VIP
        ("a1", 4, 300, 400, 10, 100.0), ("a2", 4, 300, 400, 10, 200.0), ("a3", 4, 300, 400, 10, 300.0),
    ])
    stage, vip_min = lifecycle.classify(df, {"vip_top_share": 0.2})
    assert dict(zip(df["customer_id"], stage, strict=True)) == {
        "churned": "churned", "dormant": "dormant", "half": "half_dormant", "new": "new", "vip": "vip",
        "rich_but_rare": "active", "a1": "active", "a2": "active", "a3": "active"}
    # 80th percentile of yearly spend among awake, not-new customers with 4+ repeat days (100, 200, 300, 5000)
    assert vip_min == pytest.approx(300 + 0.4 * 4700)


def test_rules_are_checked():
    assert lifecycle.make_rules() == {"half_dormant_days": 90, "dormant_days": 180, "churned_days": 365,
                                      "new_days": 90, "vip_min_frequency": 4, "vip_top_share": 0.1}
    with pytest.raises(InputError, match=r"Unknown segment rule 'dormant_day'\. Did you mean 'dormant_days'"):
        lifecycle.make_rules({"dormant_day": 100})
    with pytest.raises(InputError, match="must rise") as e:
        lifecycle.make_rules({"dormant_days": 60})
    assert "依次增大" in e.value.zh
    with pytest.raises(InputError, match="must be a number"):
        lifecycle.make_rules({"new_days": "soon"})
    with pytest.raises(InputError, match="outside 0 to 1"):
        lifecycle.make_rules({"vip_top_share": 1.5})


def test_rules_are_saved(con):
    assert store.get_segment_rules(con) is None
    store.save_segment_rules(con, lifecycle.make_rules({"new_days": 30}))
    assert store.get_segment_rules(con)["new_days"] == 30


LOG = ("customer_id,date,amount\n"
       + "".join(f"a,2024-{m:02d}-{d:02d},100\n" for m in range(1, 13) for d in (1, 15))  # active all year
       + "b,2024-01-02,50\n"  # then nothing: churned by 2024-12-31? 364 days → dormant
       + "c,2024-12-20,70\nc,2024-12-21,30\n"  # new
       + "z,2024-12-31,10\n")  # new; sets the end


def test_measure_sizes_rates_and_values(con, load):
    load(LOG)
    m = lifecycle.measure(con, rules={"vip_top_share": 0}).set_index("segment")
    assert m.attrs["observation_end"].isoformat() == "2024-12-31"
    assert m.loc["active", "size"] == 1 and m.loc["dormant", "size"] == 1 and m.loc["new", "size"] == 2
    assert m.loc["vip", "size"] == 0 and m.loc["churned", "size"] == 0
    # a was active on 2024-10-01 (13 weeks before the end) and then bought Oct 15, Nov 1, Nov 15, Dec 1, Dec 15
    assert m.loc["active", "p_week"] == pytest.approx(5 / 13) and m.loc["active", "p_week_basis"] == 1
    # the last 365 days are 2024-01-02 … 2024-12-31 (leap year): 23 purchases of 100
    assert m.loc["active", "aov"] == 100.0 and m.loc["active", "spend_per_customer"] == 2300.0
    assert m.loc["new", "aov"] == pytest.approx((70 + 30 + 10) / 3)
    assert m.loc["dormant", "aov"] == 50.0


def test_apply_and_revert_measured_segments(con, load):
    load(LOG)
    before = store.load_segments(con)
    measured = lifecycle.segments_from(lifecycle.measure(con, rules={"vip_top_share": 0}), before)
    by, old = {s.key: s for s in measured}, {s.key: s for s in before}
    # one active customer measured (5 of 13 weeks, 23 purchases of 100): pulled toward the defaults, which count as
    # 20 customers and 20 purchases (customers.shrink)
    assert by["new"].size == 2
    assert by["active"].p_week == pytest.approx((1 * 5 / 13 + 20 * old["active"].p_week) / 21)
    assert by["active"].aov == pytest.approx((23 * 100.0 + 20 * old["active"].aov) / 43)
    assert by["vip"].size == 0 and by["vip"].aov == before[3].aov  # nothing measured: default kept
    assert by["active"].affinity == {s.key: s for s in default_segments()}["active"].affinity
    assert by["prospects"] == {s.key: s for s in before}["prospects"]
    hid = store.apply_segments(con, measured, note="test")
    assert store.load_segments(con) == measured
    assert store.segment_history(con)[0]["id"] == hid and store.segment_history(con)[0]["reverted"] is None
    assert store.revert_segments(con) == hid
    assert store.load_segments(con) == before
    assert store.segment_history(con)[0]["reverted"] is not None
    assert store.revert_segments(con) is None


def test_preview_says_what_changes_and_what_rests_on_few_customers(con, load):
    load(LOG)
    rows = {r["segment"]: r for r in lifecycle.preview(lifecycle.measure(con, rules={"vip_top_share": 0}),
                                                       store.load_segments(con))}
    assert set(rows) == {"new", "active", "vip", "half_dormant", "dormant", "churned"}
    assert rows["active"]["basis"] == 1 and rows["active"]["few"] and rows["active"]["changed"]
    assert rows["active"]["new"]["size"] == 1 and rows["active"]["current"]["size"] == 8000


def test_a_bad_switch_changes_nothing(con):
    before = store.load_segments(con)
    with pytest.raises(InputError):
        store.apply_segments(con, [*before, before[0]])  # duplicate key
    assert store.load_segments(con) == before and store.segment_history(con) == []


def test_rf_grid_counts_customers_by_recency_and_frequency():
    df = _rfm([("a", 0, 0, 10, 5, 0.0), ("b", 1, 3, 40, 31, 0.0), ("c", 20, 300, 400, 400, 0.0),
               ("d", 0, 0, 3, 3, 0.0)])
    grid = lifecycle.rf_grid(df)
    assert list(grid.index) == ["0–29", "30–89", "90–179", "180–364", "365+"]
    assert list(grid.columns) == ["0", "1", "2–3", "4–7", "8–15", "16+"]
    assert grid.loc["0–29", "0"] == 2 and grid.loc["30–89", "1"] == 1 and grid.loc["365+", "16+"] == 1
    assert grid.to_numpy().sum() == 4


def test_purchase_weeks_count_each_of_the_weeks_once(con, load):
    # weeks after 2024-01-01: days 2–8 are week 1, … days 85–91 are week 13; day 92 is outside
    load("customer_id,date,amount\na,2024-01-02,1\na,2024-01-08,1\na,2024-01-09,1\na,2024-03-31,1\na,2024-04-01,1\n")
    from datetime import date

    weeks = store.purchase_weeks(con, date(2024, 1, 1), 13)
    assert weeks.to_dict("records") == [{"customer_id": "a", "weeks": 3}]
