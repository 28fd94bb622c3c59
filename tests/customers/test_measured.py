"""The simulator's measured defaults: pooled over the chosen segments, with interval and badge."""
from promo import store
from promo.customers import generator, ingest, response_rates
from promo.customers.measured import calibrated_param, targeted


def _load(con):
    g = generator.generate(customers=200, rows=5000, days=540, n_campaigns=4)
    store.import_transactions(con, ingest.from_frame(g.transactions))
    store.import_campaigns(con, ingest.from_frame(g.targets), ingest.from_frame(g.responses))


def test_empty_without_history(con):
    frame = targeted(con)
    assert frame.empty and calibrated_param(frame, "coupon", ["active"]) is None


def test_one_segment_matches_calibrate_and_pools_several(con):
    _load(con)
    frame = targeted(con)
    rows = {(r["promo_type"], r["segment"]): r for r in response_rates.calibrate(con)["by_type_segment"]}
    one = calibrated_param(frame, "coupon", ["active"], "en")
    ref = rows[("coupon", "active")]
    assert one["param"] == "redemption_rate" and one["customers"] == ref["targeted"]
    assert one["responders"] == ref["responders"] and abs(one["rate"] - ref["rate"]) < 1e-12
    assert one["interval"] == tuple(ref["interval"]) or list(one["interval"]) == ref["interval"]
    assert one["badge"] == f"measured: 1 campaign(s), {ref['targeted']:,} customers"
    segs = [s for (t_, s) in rows if t_ == "coupon"]
    pooled = calibrated_param(frame, "coupon", segs, "zh")
    n = sum(rows[("coupon", s)]["targeted"] for s in segs)
    k = sum(rows[("coupon", s)]["responders"] for s in segs)
    assert pooled["customers"] == n and pooled["responders"] == k and abs(pooled["rate"] - k / n) < 1e-12
    assert pooled["badge"] == f"实测：1 次活动，{n:,} 位客户"
    lo, hi = pooled["interval"]
    assert lo < pooled["rate"] < hi


def test_types_without_a_take_up_parameter_and_unknown_segments(con):
    _load(con)
    frame = targeted(con)
    d = calibrated_param(frame, "discount", ["active"])
    assert d["param"] is None and d["value"] is None and d["rate"] is not None
    assert calibrated_param(frame, "coupon", ["no_such_segment"]) is None
    assert calibrated_param(frame, "membership", ["active"]) is None
