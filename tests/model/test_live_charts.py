"""The simulator's live Vega-Lite charts: tables hand-computed from small inputs, the same steps as the plotly
waterfall for every type, and a spec that never depends on the result (so the browser updates in place)."""
import json
from types import SimpleNamespace

import pytest

from promo import TYPES, charts, live_charts, make_campaign, simulate
from promo.model.segments import default_segments
from promo.model.simulation import Stat

SEGMENTS = default_segments()
HAND = SimpleNamespace(incremental_revenue=1000.0, incremental_margin=400.0, draws=100, profit=Stat(200.0, 0, 0, 0),
                       costs={"discount": 150.0, "fulfilment": 0.0, "handling": 50.0})
DRAWS = SimpleNamespace(profit_draws=[-30.0, -30.0, 10.0, 30.0], profit=Stat(-5.0, -30.0, -10.0, 24.0), prob_loss=0.5)
SENS = [{"en": "Depth", "zh": "折扣", "base": 100.0, "profit_low": 40.0, "profit_high": 190.0},
        {"en": "Reach", "zh": "覆盖", "base": 100.0, "profit_low": 90.0, "profit_high": 120.0}]


def test_waterfall_by_hand():
    d = live_charts.waterfall(HAND, "en", "¥").data
    assert d["label"] == ["Incremental revenue", "Cost of goods", "Discount money", "Redemption handling", "Profit"]
    assert d["value"] == [1000, -600, -150, -50, 200]  # the zero cost is left out
    assert d["start"] == [0, 1000, 400, 250, 0] and d["end"] == [1000, 400, 250, 200, 200]  # totals from zero
    assert d["color"] == [charts.NEUTRAL, charts.BAD, charts.BAD, charts.BAD, charts.NEUTRAL]
    assert d["text"] == ["¥1,000", "-¥600", "-¥150", "-¥50", "¥200"]


@pytest.mark.parametrize("type_key", list(TYPES))
def test_waterfall_steps_end_at_the_simulated_profit(type_key):
    r = simulate(make_campaign(type_key, ["active", "dormant"], {}), SEGMENTS, draws=500, seed=3)
    d = live_charts.waterfall(r, "zh", "¥").data
    assert d["end"][-2] == pytest.approx(d["end"][-1], rel=1e-9, abs=1e-6)  # the last step lands on the total
    assert d["end"][-1] == pytest.approx(r.profit.mean)
    assert d["value"] == list(charts.waterfall_steps(r, "zh")[1])  # the same steps as the report's plotly chart


def test_distribution_by_hand():
    d = live_charts.distribution(DRAWS, "en", "$", bins=2).data
    assert d["kind"] == ["title", "bar", "bar", "mark", "mark", "mark"]
    assert d["x0"][1:3] == [-30, 0] and d["x1"][1:3] == [0, 30] and d["share"][1:3] == [0.5, 0.5]
    assert d["color"][1:3] == [charts.BAD, charts.GOOD]  # red where profit is below zero
    assert d["x0"][3:] == [-30, -10, 24] and d["text"][3:] == ["P10", "P50", "P90"]
    assert d["text"][0] == "Profit distribution · P(loss) 50%"  # the title line is data: the spec stays the same
    assert d["subtitle"][0] == "P10 -$30 · P50 -$10 · P90 $24"


def test_tornado_by_hand_largest_swing_first():
    d = live_charts.tornado(SENS, "zh", "¥").data
    assert d["name"] == ["折扣", "折扣", "覆盖", "覆盖"] and d["order"] == [0, 0, 1, 1]
    assert d["side"] == ["取低值", "取高值"] * 2
    assert d["end"] == [40, 190, 90, 120] and d["base"] == [100] * 4
    assert live_charts.tornado([], "en", "¥").data == {k: [] for k in ("name", "side", "base", "end", "order")}


def test_a_spec_is_the_same_object_whatever_the_result():
    """The browser re-embeds a chart only when its spec changes: every number must be in the table."""
    a = simulate(make_campaign("coupon", ["active"], {}), SEGMENTS, draws=300, seed=1)
    b = simulate(make_campaign("coupon", ["vip"], {"face_value": 50}), SEGMENTS, draws=300, seed=2)
    for build in (live_charts.waterfall, live_charts.distribution):
        assert build(a, "en", "¥").spec is build(b, "en", "¥").spec
        assert build(a, "en", "¥").data != build(b, "en", "¥").data
    assert live_charts.tornado(SENS, "en", "¥").spec is live_charts.tornado(SENS[:1], "en", "¥").spec
    assert "P(loss)" not in json.dumps(live_charts.distribution(a, "en", "¥").spec)
    assert live_charts.waterfall(a, "en", "¥").spec is not live_charts.waterfall(a, "en", "$").spec


@pytest.mark.parametrize("lang, title, axis", [("en", "Revenue to profit", "Amount ($)"),
                                               ("zh", "从新增收入到利润", "金额（$）")])
def test_titles_and_axes_in_the_language_with_the_currency(lang, title, axis):
    spec = live_charts.waterfall(HAND, lang, "$").spec
    assert spec["title"] == {"text": title, "subtitle": "expected values" if lang == "en" else "期望值"}
    assert spec["layer"][0]["encoding"]["y"]["title"] == axis
    assert spec["data"] == {"name": live_charts.DATASET} and spec["name"] == "waterfall"
    dist = live_charts.distribution(DRAWS, lang, "$").spec
    assert dist["layer"][0]["encoding"]["x"]["title"] == ("Profit ($)" if lang == "en" else "利润（$）")
    assert dist["title"] == {"text": {"expr": "headline"}, "subtitle": {"expr": "subline"}}
