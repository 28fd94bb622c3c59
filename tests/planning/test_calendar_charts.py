"""The Calendar page's charts: Gantt by segment, weekly cost/profit with P10–P90 bands, season bars."""
import json

import numpy as np
import pytest

from promo import charts
from promo.model.segments import default_segments
from promo.planning.checks import check
from promo.planning.festivals import festival_weeks, weeks_in_year
from promo.planning.plan import plan_from_dict
from promo.planning.rules import Rules
from promo.planning.valuation import plan_value

SEGMENTS = default_segments()
PLAN = {"year": 2027, "items": [
    {"id": "d1", "type": "discount", "segments": ["active"], "start_week": 3, "duration_weeks": 2},
    {"id": "d2", "type": "discount", "segments": ["active"], "start_week": 6, "duration_weeks": 2},  # gap 1 < 8
    {"id": "c1", "type": "coupon", "segments": ["active", "vip"], "start_week": 20, "locked": True},
    {"id": "r1", "type": "rebate", "segments": ["vip"], "start_week": 21, "duration_weeks": 2},  # overlaps c1 on vip
]}


@pytest.fixture(scope="module")
def setup():
    plan = plan_from_dict(PLAN, SEGMENTS)
    value = plan_value(plan, SEGMENTS, draws=200)
    return plan, value, check(plan, Rules(), SEGMENTS, value)


def _spec(fig) -> dict:
    return json.loads(fig.to_json())


def _arr(v):
    import base64
    return (np.frombuffer(base64.b64decode(v["bdata"]), v["dtype"]) if isinstance(v, dict)
            else np.asarray(v, dtype=float))


@pytest.mark.parametrize("lang, title, axis", [("en", "Promotion plan 2027", "Week (ISO week)"),
                                               ("zh", "2027 年促销计划", "周（ISO 周次）")])
def test_gantt_bars_lanes_festivals_and_violations(setup, lang, title, axis):
    plan, value, violations = setup
    spec = _spec(charts.plan_gantt(plan, SEGMENTS, lang, "¥", violations, value))
    lay = spec["layout"]
    assert title in lay["title"]["text"] and lay["xaxis"]["title"]["text"] == axis
    assert lay["xaxis"]["range"] == [0.5, weeks_in_year(2027) + 0.5]
    bars = [t for t in spec["data"] if t["type"] == "bar" and t.get("x") != [None]]
    # each bar's hover ends with the item's id; the bar itself says its key parameter, the hover the item's name
    by_id = [(hover.rsplit(" ", 1)[1], (t, k)) for t in bars for k, hover in enumerate(t["customdata"])]
    by_text = dict(by_id)
    # c1 targets two segments: one bar per segment; 4 items → 5 bars
    assert sum(len(t["text"]) for t in bars) == 5
    assert sum(1 for item, _ in by_id if item == "c1") == 2
    t, k = by_text["c1"]  # locked, and overlapping r1
    assert t["text"][k] == ("⚠ Face value ¥10" if lang == "en" else "⚠ 券面额 ¥10")
    assert t["customdata"][k].startswith(
        "<b>优惠券 · 活跃老客 + 大客户 · 第 20 周 · 券面额 ¥10</b>" if lang == "zh" else
        "<b>Coupon · Active + Big / VIP · week 20 · Face value ¥10</b>")
    assert t["text"][k].startswith("⚠") and t["marker"]["line"]["width"][k] == 3
    assert any(tr.get("name") in ("Locked (black outline)", "已锁定（黑框）") for tr in spec["data"])
    # d1 and d2 break the gap rule: hatched and outlined in red; a legend entry explains it
    for item in ("d1", "d2"):
        t, k = by_text[item]
        assert t["marker"]["pattern"]["shape"][k] == "x" and t["marker"]["line"]["color"][k] == charts.BAD
    assert any(t.get("name") in ("Breaks a rule", "违反规则") for t in spec["data"])
    # bars start half a week before their start week and last their duration
    t, k = by_text["d1"]
    assert _arr(t["base"])[k] == 2.5 and _arr(t["x"])[k] == 2
    # overlapping c1 and g1 on vip get different lanes (different y)
    c1_ys = {_arr(t["y"])[k] for item, (t, k) in by_id if item == "c1"}
    gt, gk = by_text["r1"]
    assert _arr(gt["y"])[gk] not in c1_ys
    # every festival week is shaded and the top axis names the festivals
    shaded = {round(s["x0"] + 0.5) for s in lay["shapes"] if s["type"] == "rect"}
    assert shaded == set(festival_weeks(2027))
    names = " ".join(lay["xaxis2"]["ticktext"])
    assert ("Double 11" if lang == "en" else "双十一") in names
    # 2027: Spring Festival, Valentine's Day and the Lantern Festival fall in weeks 5, 6, 7: one label at week 5,
    # one name per line
    ticks = dict(zip(lay["xaxis2"]["tickvals"], lay["xaxis2"]["ticktext"], strict=True))
    assert ticks[5].count("<br>") == 2 and 6 not in ticks and 7 not in ticks
    assert min(b - a for a, b in zip(sorted(ticks), sorted(ticks)[1:], strict=False)) >= 2  # no two labels a week apart
    # the title sits at the top, and the margin above the plot holds the slanted names and the title: the longest
    # name ("National Day golden week", 24 characters of about 5.6 px) rises 24 · 5.6 · sin 40° ≈ 86 px, plus a line
    assert lay["title"]["yref"] == "container" and lay["title"]["yanchor"] == "top"
    longest = max(len(line) for text in ticks.values() for line in text.split("<br>"))
    assert lay["margin"]["t"] >= 48 + longest * 5.6 * np.sin(np.radians(40))
    # hover texts carry the money with its currency
    assert "¥" in next(iter(by_text.values()))[0]["customdata"][0]


def test_gantt_of_an_empty_plan(setup):
    plan = plan_from_dict({"year": 2026, "items": []}, SEGMENTS)
    spec = _spec(charts.plan_gantt(plan, SEGMENTS, "en", "$", (), None))
    assert spec["layout"]["xaxis"]["range"] == [0.5, 53.5]
    assert [t for t in spec["data"] if t["type"] == "bar"] == []
    assert len(spec["layout"]["yaxis"]["ticktext"]) == len(SEGMENTS)
    assert any(t.get("xaxis", "x") == "x" for t in spec["data"])  # something on the week axis, or plotly hides it


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_weekly_chart_has_mean_lines_and_p10_p90_bands(setup, lang):
    plan, value, _ = setup
    spec = _spec(charts.plan_weekly(plan, value, lang, "$"))
    lay = spec["layout"]
    assert "$" in lay["yaxis"]["title"]["text"]
    assert "P10–P90" in lay["title"]["text"]
    scat = [t for t in spec["data"] if t["type"] == "scatter" and t.get("xaxis") != "x2"]
    assert len(scat) == 6  # per series: P90 edge, P10 edge filled to it, mean
    bands = [t for t in scat if t.get("fill") == "tonexty"]
    assert len(bands) == 2 and all("P10–P90" in t["name"] for t in bands)
    profit_name = "Incremental profit" if lang == "en" else "新增利润"
    mean = next(t for t in scat if t.get("name") == profit_name)
    p10, p90 = scat[scat.index(mean) - 1], scat[scat.index(mean) - 2]
    m, lo, hi = _arr(mean["y"]), _arr(p10["y"]), _arr(p90["y"])
    assert len(m) == plan.weeks and np.isfinite(m).all()
    assert (lo <= hi + 1e-6).all()
    np.testing.assert_allclose(m, value.weekly["profit"])
    cost = next(t for t in scat if t.get("name") in ("Cost", "成本"))
    assert _arr(cost["y"]).sum() == pytest.approx(value.cost.mean, rel=1e-6)


def test_season_chart_marks_festival_weeks():
    season = [1.0] * 52
    season[44] = 1.8
    spec = _spec(charts.season_chart(2027, season, "en"))
    bars = spec["data"][0]
    assert _arr(bars["y"])[44] == 1.8 and len(_arr(bars["y"])) == 52
    fest = festival_weeks(2027)
    colors = bars["marker"]["color"]
    assert all((colors[w - 1] == "#ffb300") == (w in fest) for w in range(1, 53))
    assert "Double 11" in bars["customdata"][44]
    assert spec["layout"]["yaxis"]["title"]["text"] == "Multiplier (×)"
