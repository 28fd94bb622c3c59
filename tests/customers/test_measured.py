"""The simulator's measured defaults: pooled over the chosen segments, with interval and badge."""
import json

import pytest

from promo import store
from promo.customers import generator, ingest, response_rates
from promo.customers.measured import calibrated_param, targeted
from tests.customers.conftest import line_log


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


def test_shrinking_toward_the_default_by_hand():
    from promo.customers import shrink

    # a 4-customer dormant segment buying in 23% of its weeks, default 2%: (4 × 0.23 + 20 × 0.02) / 24
    assert shrink.toward(0.23, 4, 0.02) == pytest.approx((4 * 0.23 + 20 * 0.02) / 24) and shrink.few(4)
    assert shrink.rate(30, 100, 0.06) == pytest.approx((30 + 20 * 0.06) / 120) and not shrink.few(100)
    assert shrink.toward(3.0, 2000, 3.6, "product_weeks") == pytest.approx((2000 * 3 + 20 * 3.6) / 2020)
    assert shrink.few(29, "product_weeks") and not shrink.few(30, "product_weeks")


@pytest.fixture(scope="module")
def deal_log():
    for con, _ in line_log(products=30, customers=400, elasticity=2.5, dip=0.3, seed=4):
        yield con


def test_offers_for_the_discount(deal_log):
    from promo import default_segments, make_campaign
    from promo.model import match_param
    from promo.customers import measured

    effects = measured.deal_effects(deal_log)
    out = measured.offers("discount", ["active"], default_segments(), effects, None, {"depth": 0.2}, {}, "en")
    e = effects.elasticity
    assert out["elasticity"]["raw"] == e["estimate"] and out["elasticity"]["n"] == e["product_weeks"]
    assert out["elasticity"]["value"] == pytest.approx(
        (e["product_weeks"] * e["estimate"] + 20 * 3.6) / (e["product_weeks"] + 20))
    assert (out["elasticity"]["badge"] == f"measured: {e['product_weeks']:,} product-weeks"
            and not out["elasticity"]["few"])
    assert out["dip"]["raw"] == effects.dip["estimate"] and effects.dip["measurable"]
    # the measured subsidised share becomes the new-buyer rate at which the simulator shows that share
    share = effects.subsidised_share["estimate"]
    offer = out["new_buyer_rate"]
    campaign = make_campaign("discount", ["active"], {"depth": 0.2})
    solved = match_param(campaign, default_segments(), "new_buyer_rate", "subsidised_share", share)
    assert solved is not None and offer["raw"] == pytest.approx(solved)
    assert offer["share"] == share and offer["n"] == effects.subsidised_share["customers"]


def test_card_measurements_side_by_side(deal_log):
    from promo.customers import measured

    card = measured.card_measurements(deal_log)
    e = measured.deal_effects(deal_log)
    assert set(card) == {"price_cut_20", "bump_dip", "subsidised_share"}  # no coupon history in this log
    assert card["price_cut_20"]["value"] == pytest.approx(0.8 ** -e.elasticity["estimate"] - 1)
    assert card["price_cut_20"]["n"] == e.elasticity["product_weeks"]
    assert f"elasticity {e.elasticity['estimate']:.2f}" in card["price_cut_20"]["note"]
    assert card["bump_dip"]["value"] == e.dip["estimate"] and card["subsidised_share"]["n"] == 400


def test_coupon_regulars_and_redemption_by_channel(con):
    from promo.customers import measured

    _load(con)
    c = measured.coupon_regulars(con)
    assert c["campaigns"] == 1 and 0 < c["regulars"] <= c["redeemers"] and c["share"] == c["regulars"] / c["redeemers"]
    card = measured.card_measurements(con)
    assert "coupon_all" in card and 0 < card["coupon_all"]["value"] < 1  # the demo targets name no channel


def test_the_subsidised_share_becomes_the_new_buyer_rate_through_the_model(deal_log):
    """With the model's own match_param: simulating the discount with the offered (unshrunk) rate gives back the
    measured subsidised share, or no rate is offered when none in the parameter's range can."""
    from promo import default_segments, make_campaign, simulate
    from promo.customers import measured

    effects = measured.deal_effects(deal_log)
    segs = default_segments()
    out = measured.offers("discount", ["active"], segs, effects, None, {"depth": 0.2}, {"duration_weeks": 2}, "en")
    raw = out["new_buyer_rate"]["raw"] if "new_buyer_rate" in out else None
    target = effects.subsidised_share["estimate"]
    if raw is not None:
        r = simulate(make_campaign("discount", ["active"], {"depth": 0.2, "new_buyer_rate": raw}, duration_weeks=2),
                     segs, draws=0)
        assert r.subsidised_share.mean == pytest.approx(target, abs=1e-6)
    else:  # out of reach: the share at the range's ends brackets nothing
        ends = [simulate(make_campaign("discount", ["active"], {"depth": 0.2, "new_buyer_rate": v}, duration_weeks=2),
                         segs, draws=0).subsidised_share.mean for v in (0.0, 0.5)]
        assert not min(ends) <= target <= max(ends)


def test_model_card_cli_shows_the_measured_column_of_a_database(tmp_path, capsys):
    from promo.cli import main
    from promo.customers import measured

    db = tmp_path / "shop.duckdb"
    con = store.connect(db)
    store.import_transactions(con, ingest.from_frame(generator.line_items(products=30, customers=400, seed=4).lines,
                                                     "lines.csv"))
    want = measured.card_measurements(con, "en")
    con.close()
    assert main(["model-card", "--db", str(db), "--json"]) == 0
    got = json.loads(capsys.readouterr().out)["measured"]
    assert got.keys() == want.keys() and got["price_cut_20"]["value"] == pytest.approx(want["price_cut_20"]["value"])
    assert main(["model-card", "--db", str(db)]) == 0
    line = next(r for r in capsys.readouterr().out.splitlines() if r.startswith("price_cut_20"))
    assert line.rstrip().endswith(f"{want['price_cut_20']['value']:.1%} (n={want['price_cut_20']['n']:,})")
    assert main(["model-card", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "does not exist" in capsys.readouterr().err
