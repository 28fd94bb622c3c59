"""The simulator's, Compare's and Segments' charts: values hand-computed from small inputs, units and currency
on the axes, and the waterfall ending exactly at the simulated profit for every promotion type."""
import json
from types import SimpleNamespace

import numpy as np
import pytest

from promo import TYPES, charts, make_campaign, simulate
from promo.model.segments import default_segments
from promo.model.simulation import Stat

SEGMENTS = default_segments()


def _spec(fig) -> dict:
    return json.loads(fig.to_json())


def _arr(v):
    import base64
    if isinstance(v, dict):
        return np.frombuffer(base64.b64decode(v["bdata"]), v["dtype"])
    return np.asarray(v, dtype=float)


def test_waterfall_by_hand():
    r = SimpleNamespace(incremental_revenue=1000.0, incremental_margin=400.0, draws=100, profit=Stat(200.0, 0, 0, 0),
                        costs={"discount": 150.0, "fulfilment": 0.0, "handling": 50.0})
    trace = _spec(charts.waterfall(r, "en", "¥"))["data"][0]
    assert trace["x"] == ["Incremental revenue", "Cost of goods", "Discount money", "Redemption handling", "Profit"]
    assert list(_arr(trace["y"])) == [1000, -600, -150, -50, 200]  # the zero cost is left out
    assert trace["measure"] == ["absolute", "relative", "relative", "relative", "total"]
    assert trace["text"] == ["¥1,000", "-¥600", "-¥150", "-¥50", "¥200"]


@pytest.mark.parametrize("type_key", list(TYPES))
def test_waterfall_steps_end_at_the_simulated_profit(type_key):
    r = simulate(make_campaign(type_key, ["active", "dormant"], {}), SEGMENTS, draws=500, seed=3)
    layout_and_data = _spec(charts.waterfall(r, "zh", "¥"))
    y = _arr(layout_and_data["data"][0]["y"])
    assert y[:-1].sum() == pytest.approx(y[-1], rel=1e-9, abs=1e-6)
    assert y[-1] == pytest.approx(r.profit.mean)
    assert layout_and_data["layout"]["yaxis"]["title"]["text"] == "金额（¥）"


def test_profit_distribution_by_hand():
    r = SimpleNamespace(profit_draws=[-30.0, -30.0, 10.0, 30.0], profit=Stat(-5.0, -30.0, -10.0, 24.0), prob_loss=0.5)
    spec = _spec(charts.profit_distribution(r, "en", "$", bins=2))
    bars = spec["data"][0]
    assert list(_arr(bars["x"])) == [-15, 15] and list(_arr(bars["width"])) == [30, 30]
    assert list(_arr(bars["y"])) == [0.5, 0.5]
    assert bars["marker"]["color"] == [charts.BAD, charts.GOOD]  # red where profit is below zero
    assert [s["x0"] for s in spec["layout"]["shapes"]] == [-30, -10, 24]
    assert [a["text"] for a in spec["layout"]["annotations"]] == ["P10", "P50", "P90"]
    assert "P(loss) 50%" in spec["layout"]["title"]["text"] and "P90 $24" in spec["layout"]["title"]["text"]
    assert spec["layout"]["xaxis"]["title"]["text"] == "Profit ($)"


def test_tornado_puts_the_largest_swing_on_top():
    rows = [{"en": "Depth", "zh": "折扣", "base": 100.0, "profit_low": 40.0, "profit_high": 190.0},
            {"en": "Reach", "zh": "覆盖", "base": 100.0, "profit_low": 90.0, "profit_high": 120.0}]
    low, high = _spec(charts.tornado(rows, "en", "¥"))["data"]
    assert low["y"] == ["Reach", "Depth"]  # plotly draws the last row on top
    assert list(_arr(low["x"])) == [-10, -60] and list(_arr(high["x"])) == [20, 90]
    assert low["base"] == 100 and high["customdata"] == ["¥120", "¥190"]


ROWS = [{"name": "A", "type": "coupon", "roi": {"mean": 1.0, "p10": 0.4, "p90": 1.5},
         "cost": {"mean": 1000.0}, "profit": {"mean": 1000.0}, "participants": 400.0},
        {"name": "B", "type": "discount", "roi": {"mean": -0.5, "p10": -0.9, "p90": 0.1},
         "cost": {"mean": 2000.0}, "profit": {"mean": -1000.0}, "participants": 100.0}]


def test_roi_bars_error_bars_span_p10_to_p90():
    bars = _spec(charts.roi_bars(ROWS, "zh"))["data"][0]
    assert list(_arr(bars["y"])) == [1.0, -0.5]
    assert list(_arr(bars["error_y"]["array"])) == pytest.approx([0.5, 0.6])
    assert list(_arr(bars["error_y"]["arrayminus"])) == pytest.approx([0.6, 0.4])


def test_bubbles_one_trace_per_type_area_follows_participants():
    spec = _spec(charts.cost_profit_bubbles(ROWS, "en", "¥"))
    sizes = {t["name"]: _arr(t["marker"]["size"])[0] for t in spec["data"]}
    assert sizes == {"Coupon": 60.0, "Discount": 36.0}  # 12 + 48·√(participants / most participants)
    assert spec["layout"]["xaxis"]["title"]["text"] == "Cost (¥)"


def test_heatmap_diverges_at_break_even_and_its_scale_covers_the_data():
    cells = [{"type": t, "segment": s.key, "roi_mean": 8.0 if t == "coupon" else -1.0} for t in TYPES for s in SEGMENTS]
    heat = _spec(charts.roi_heatmap(cells, SEGMENTS, "en"))["data"][0]
    z = np.array([[float(v) for v in row] for row in heat["z"]]) if isinstance(heat["z"], list) else _arr(heat["z"])
    assert z.shape == (len(TYPES), len(SEGMENTS))
    assert (heat["zmin"], heat["zmax"]) == (-1.0, 8.0)  # the whole range of the data, not clipped
    # an explicit scale (plotly.js knows no "RdYlGn"): red at the lowest ROI, white at 0 = 1/9 of the way, green on top
    assert heat["colorscale"] == [[0.0, charts.LOSES], [1 / 18, "#ef8a62"], [1 / 9, charts.BREAK_EVEN],
                                  [1 / 9 + 4 / 9, "#7fbf7b"], [1.0, charts.EARNS]]
    assert heat["colorbar"]["title"]["text"] == "ROI (×)<br>green = earns<br>white = break-even<br>red = loses"
    assert heat["text"][list(TYPES).index("coupon")][0] == "8.00×"
    zh = _spec(charts.roi_heatmap(cells, SEGMENTS, "zh"))["data"][0]
    assert zh["colorbar"]["title"]["text"] == "回报率（倍）<br>绿色 = 赚钱<br>白色 = 盈亏平衡<br>红色 = 亏钱"


@pytest.mark.parametrize("lo, hi, scale", [
    (0.5, 2.0, [[0.0, charts.BREAK_EVEN], [0.5, "#7fbf7b"], [1.0, charts.EARNS]]),
    (-2.0, -0.5, [[0.0, charts.LOSES], [0.5, "#ef8a62"], [1.0, charts.BREAK_EVEN]])])
def test_a_scale_of_only_gains_or_only_losses_still_puts_white_at_zero(lo, hi, scale):
    assert charts.diverging_scale(lo, hi) == scale


def test_a_segment_that_dwarfs_the_others_puts_sizes_on_a_log_axis():
    spec = _spec(charts.segment_overview(SEGMENTS, "en", "¥"))
    sizes = sorted(s.size for s in SEGMENTS)
    assert sizes[-1] > 10 * sizes[-2]  # the 200,000 prospects
    assert spec["layout"]["yaxis"]["type"] == "log"
    assert spec["layout"]["yaxis"]["title"]["text"] == "Customers (people) (log scale)"
    assert not charts.dwarfs([100, 300, 900]) and charts.dwarfs([100, 300, 9000])


def test_segment_overview_weekly_revenue_on_its_own_axis():
    spec = _spec(charts.segment_overview(SEGMENTS, "zh", "¥"))
    size, value = spec["data"]
    active = next(s for s in SEGMENTS if s.key == "active")
    i = size["x"].index(active.zh)
    assert _arr(value["y"])[i] == pytest.approx(active.size * active.p_week * active.aov)
    assert value["mode"] == "markers"  # segments are categories: no line between them
    assert spec["layout"]["yaxis2"]["tickmode"] == "auto"  # its own round ticks, not the left axis's grid
    assert spec["layout"]["yaxis2"]["title"]["text"] == "每周营业额（¥）"


def test_the_built_once_template_keeps_plotly_white_for_every_trace_type_drawn():
    """charts._TEMPLATE is plotly_white cut to the 2D layout and the trace types the app draws: a chart of a type
    left out (say a pie) would lose plotly_white's look, so every trace type named in charts.py must be kept."""
    import inspect
    import re

    import plotly.io as pio

    full = pio.templates["plotly_white"].to_plotly_json()
    named = set(re.findall(r'"type": "(\w+)"', inspect.getsource(charts))) & set(full["data"])
    assert named == set(charts._TRACES) == {"bar", "scatter", "heatmap"}
    r = simulate(make_campaign("coupon", ["active"], {}), SEGMENTS, draws=200, seed=1)
    for fig in (charts.profit_distribution(r, "en", "¥"), charts.roi_bars(ROWS, "en")):
        tpl = _spec(fig)["layout"]["template"]
        assert tpl["data"]["bar"] == full["data"]["bar"]
        assert {k: tpl["layout"][k] for k in ("plot_bgcolor", "xaxis", "yaxis", "colorway", "font")} == \
               {k: full["layout"][k] for k in ("plot_bgcolor", "xaxis", "yaxis", "colorway", "font")}
        assert "scene" not in tpl["layout"] and "surface" not in tpl["data"]
    assert charts._figure([], "t").layout.template.layout.plot_bgcolor == "white"
