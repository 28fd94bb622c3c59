"""promo.fmt: one test per rule of the module docstring, in both languages, values written out by hand."""
import math

import pytest

from promo import fmt


@pytest.mark.parametrize("x, text", [(0.05, "¥0.05"), (0.5, "¥0.50"), (9.99, "¥9.99"), (9.996, "¥10"), (10, "¥10"),
                                     (12.5, "¥13"), (1234.5, "¥1,235"), (0, "¥0"), (-3.2, "-¥3.20"),
                                     (-1234, "-¥1,234"), (-0.001, "¥0.00")])
def test_money_has_cents_below_ten_units_and_whole_units_above(x, text):
    assert fmt.money(x, "zh") == text
    assert fmt.money(x, "en", "$") == text.replace("¥", "$")


def test_money_digits_override_the_rule():
    assert fmt.money(1234.5, "en", digits=2) == "¥1,234.50"
    assert fmt.money(0.05, "en", digits=0) == "¥0"


@pytest.mark.parametrize("x, text", [(4.0, "4"), (3, "3"), (20000.0, "20,000"), (1234.6, "1,235"), (0, "0")])
def test_counts_are_whole_numbers(x, text):
    assert fmt.count(x, "zh") == fmt.count(x, "en") == text


@pytest.mark.parametrize("x, text", [(4.0, "4"), (3.6, "3.6"), (1.25, "1.25"), (1.2345, "1.23"), (2000.0, "2,000")])
def test_quantities_drop_zero_decimals(x, text):
    assert fmt.quantity(x, "en") == fmt.quantity(x, "zh") == text


@pytest.mark.parametrize("x, text", [(0.15, "15%"), (0.125, "12.5%"), (0.35, "35%"), (1.0, "100%")])
def test_shares_are_percentages_with_at_most_one_decimal(x, text):
    assert fmt.share(x, "en") == fmt.share(x, "zh") == text


@pytest.mark.parametrize("x, text", [(0.0, "0%"), (0.001, "< 1%"), (0.0099, "< 1%"), (0.01, "1%"), (0.234, "23%"),
                                     (0.989, "99%"), (0.991, "> 99%"), (0.9999, "> 99%"), (1.0, "100%")])
def test_probabilities_have_one_rule_near_zero_and_one(x, text):
    assert fmt.prob(x, "en") == fmt.prob(x, "zh") == text


def test_roi_is_a_multiple_and_a_dash_with_a_note_when_undefined():
    assert fmt.ratio(2.345, "en") == "2.35×"
    assert fmt.ratio(-0.5, "zh") == "-0.50×"
    assert fmt.ratio(None, "en") == fmt.ratio(math.nan, "zh") == "—"
    assert fmt.roi_note("en") == "nothing spent: ROI is undefined"
    assert fmt.roi_note("zh") == "未花费成本，回报率无定义"


def test_a_budget_cap_of_zero_is_no_cap_in_words():
    assert fmt.cap(0, "en") == "no cap"
    assert fmt.cap(0.0, "zh") == "不设上限"
    assert fmt.cap(5000, "en", "$") == "$5,000"


def test_missing_or_infinite_values_are_a_dash_never_nan():
    for fn in (fmt.money, fmt.count, fmt.quantity, fmt.share, fmt.prob, fmt.pct, fmt.money_short):
        assert fn(None, "en") == fn(math.inf, "zh") == "—"


def test_short_money_for_tiles():
    assert fmt.money_short(41_234, "en") == "¥41.2K"
    assert fmt.money_short(41_234, "zh") == "¥4.1万"
    assert fmt.money_short(-0.5, "en") == "-¥0.50"


@pytest.mark.parametrize("unit, name, kind", [("yuan", "", "money"), ("share", "", "share"), ("people", "", "count"),
                                              ("times", "cap_per_customer", "count"), ("weeks", "", "quantity"),
                                              ("ratio", "", "quantity"), ("yuan", "budget_cap", "cap")])
def test_units_map_to_kinds(unit, name, kind):
    assert fmt.kind_of(unit, name) == kind


def test_value_formats_by_kind_and_keeps_text():
    assert fmt.value(4.0, "count", "zh") == "4"
    assert fmt.value(0, "cap", "en") == "no cap"
    assert fmt.value(0.004, "prob", "en") == "< 1%"
    assert fmt.value(0.05, "money", "en", "$") == "$0.05"
    assert fmt.value("微信", "text", "zh") == "微信"
