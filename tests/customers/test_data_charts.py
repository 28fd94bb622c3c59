"""Charts of the Data page: traces, values, units and currency, from the core's result objects."""
import math

import numpy as np
import pandas as pd
import pytest

from promo import charts, store
from promo.customers.lifecycle import rf_grid

NAMES = {"new": "New", "active": "Active", "vip": "Big / VIP", "half_dormant": "Half-dormant", "dormant": "Dormant",
         "churned": "Churned"}


def _measured():
    return pd.DataFrame({"segment": list(NAMES), "size": [5, 20, 2, 4, 6, 3],
                         "p_week": [0.2, 0.25, 0.6, np.nan, 0.01, 0.0], "aov": [90.0, 80.0, 120.0, np.nan, 70.0, 60.0],
                         "spend_per_customer": [300.0, 900.0, 5000.0, 0.0, 400.0, 0.0],
                         "value": [1500.0, 18000.0, 10000.0, 0.0, 2400.0, 0.0]})


def _readout(plan: bool):
    r = {"targeted": {"rate": 0.18, "interval": [0.13, 0.25], "customers": 100, "responders": 18},
         "holdout": {"rate": 0.08, "interval": [0.04, 0.2], "customers": 25, "responders": 2},
         "incremental_revenue": 4000.0, "incremental_revenue_interval": [1000.0, 7000.0],
         "incremental_profit": 1500.0, "incremental_profit_interval": [-500.0, 3500.0]}
    if plan:
        r["plan_vs_actual"] = [
            {"metric": "participants", "forecast": 30.0, "actual": 18},
            {"metric": "incremental_revenue", "forecast": 5000.0, "actual": 4000.0},
            {"metric": "profit", "forecast": 2000.0, "p10": 800.0, "p50": 1900.0, "p90": 3200.0, "actual": 1500.0}]
    return r


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_data_segments_bars_and_spend_with_currency(lang):
    fig = charts.data_segments(_measured(), NAMES, lang, "$").to_dict()
    bars, line = fig["data"]
    assert list(bars["x"]) == list(NAMES.values()) and list(bars["y"]) == [5, 20, 2, 4, 6, 3]
    assert list(line["y"]) == [1500.0, 18000.0, 10000.0, 0.0, 2400.0, 0.0] and line["yaxis"] == "y2"
    assert "$" in fig["layout"]["yaxis2"]["title"]["text"] and fig["layout"]["yaxis2"]["tickprefix"] == "$"
    assert fig["layout"]["yaxis2"]["tickmode"] == "auto" and line["mode"] == "markers"  # own ticks; categories
    assert ("人" if lang == "zh" else "people") in fig["layout"]["yaxis"]["title"]["text"]


def test_rf_heatmap_counts_every_customer_once():
    rfm = pd.DataFrame({"days_since_last": [0, 10, 40, 400, 200, 95], "frequency": [0, 1, 3, 20, 5, 0]})
    fig = charts.rf_heatmap(rf_grid(rfm), "en").to_dict()
    heat = fig["data"][0]
    z = np.array(heat["z"])
    assert z.sum() == 6 and z.shape == (5, 6)
    assert list(heat["y"]) == ["0–29", "30–89", "90–179", "180–364", "365+"]
    assert list(heat["x"]) == ["0", "1", "2–3", "4–7", "8–15", "16+"]
    assert z[0, 0] == 1 and z[0, 1] == 1 and z[1, 2] == 1 and z[4, 5] == 1 and z[3, 3] == 1 and z[2, 0] == 1
    assert fig["layout"]["xaxis"]["title"]["text"].startswith("Repeat purchase days")


def test_readout_rates_error_bars_are_the_beta_intervals():
    fig = charts.readout_rates(_readout(False), "zh").to_dict()
    bar = fig["data"][0]
    assert list(bar["x"]) == ["目标人数", "对照组"] and list(bar["y"]) == [0.18, 0.08]
    assert (np.allclose(bar["error_y"]["array"], [0.07, 0.12])
            and np.allclose(bar["error_y"]["arrayminus"], [0.05, 0.04]))
    assert fig["layout"]["yaxis"]["tickformat"] == ".0%"


def test_plan_vs_actual_with_and_without_a_plan():
    only = charts.plan_vs_actual(_readout(False), "en", "¥").to_dict()
    assert [tr["name"] for tr in only["data"]] == ["Actual (90% interval)"]
    actual = only["data"][0]
    assert list(actual["y"]) == [4000.0, 1500.0]
    assert np.allclose(actual["error_y"]["array"], [3000.0, 2000.0])
    assert np.allclose(actual["error_y"]["arrayminus"], [3000.0, 2000.0])
    assert only["layout"]["yaxis"]["title"]["text"] == "Amount (¥)"
    both = charts.plan_vs_actual(_readout(True), "en", "¥").to_dict()
    plan, actual = both["data"]
    assert plan["name"] == "Plan (P10–P90)" and list(plan["y"]) == [5000.0, 2000.0]
    assert (np.allclose(plan["error_y"]["array"], [0.0, 1200.0])
            and np.allclose(plan["error_y"]["arrayminus"], [0.0, 1200.0]))


def test_calibration_rates_per_type_in_segment_order():
    rows = [{"promo_type": "coupon", "segment": "vip", "rate": 0.3, "interval": [0.2, 0.4]},
            {"promo_type": "coupon", "segment": "new", "rate": 0.1, "interval": [0.05, 0.2]},
            {"promo_type": "lottery", "segment": "new", "rate": 0.05, "interval": [0.01, 0.1]}]
    fig = charts.calibration_rates(rows, NAMES, "en").to_dict()
    assert [tr["name"] for tr in fig["data"]] == ["Coupon", "Lottery"]
    assert list(fig["data"][0]["y"]) == [0.3, 0.1]
    assert fig["layout"]["xaxis"]["categoryarray"] == ["New", "Big / VIP"]


def test_no_nan_reaches_a_chart():
    r = _readout(False)
    r["holdout"]["rate"] = math.nan
    fig = charts.readout_rates(r, "en").to_dict()
    assert all(math.isfinite(v) for v in fig["data"][0]["y"])


def test_on_generated_data(con):
    """The whole chain on a small generated log: measured segments and the grid chart without NaN."""
    from promo.customers import generator, ingest, lifecycle
    g = generator.generate(customers=120, rows=3000, days=400, n_campaigns=1)
    store.import_transactions(con, ingest.from_frame(g.transactions))
    m = lifecycle.measure(con)
    fig = charts.data_segments(m, NAMES, "en", "¥").to_dict()
    assert sum(fig["data"][0]["y"]) == store.transaction_summary(con)["customers"]
    grid = charts.rf_heatmap(rf_grid(lifecycle.customer_segments(con)), "en").to_dict()
    assert np.array(grid["data"][0]["z"]).sum() == store.transaction_summary(con)["customers"]
