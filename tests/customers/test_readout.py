"""Readout on generated data with a known true uplift; plan versus actual from a saved scenario."""
import pandas as pd
import pytest

from promo import make_campaign, simulate, store
from promo.customers import generator, ingest, readout
from promo.errors import InputError


@pytest.fixture(scope="module")
def business():
    g = generator.generate(customers=3000, rows=60_000, n_campaigns=2, seed=1)
    con = store.connect(":memory:")
    store.import_transactions(con, ingest.from_frame(g.transactions, "tx.csv"))
    store.import_campaigns(con, ingest.from_frame(g.targets, "targets.csv"),
                           ingest.from_frame(g.responses, "responses.csv"))
    yield con, g
    con.close()


def test_uplift_interval_covers_the_true_uplift(business):
    con, g = business
    for cid, truth in g.truth.items():
        r = readout.readout(con, cid)
        lo, hi = r["response_uplift"]["interval"]
        assert lo <= truth["uplift"] <= hi, (cid, lo, hi)
        slo, shi = r["spend_uplift"]["interval"]
        assert slo <= truth["uplift"] * truth["value_mean"] <= shi  # responses are extra purchases of this mean value
        assert r["targeted"]["customers"] > 700 and r["holdout"]["customers"] > 150


@pytest.mark.slow
def test_interval_coverage_is_about_ninety_percent():
    """Over 100 generated campaigns the 90% interval covers the true uplift about 90 times (not a lucky seed)."""
    ids = [f"{i:07d}" for i in range(3000)]
    tx = pd.DataFrame({"customer_id": ids * 2, "date": ["2024-01-01 10:00:00"] * 3000 + ["2025-12-30 10:00:00"] * 3000})
    hits = 0
    for seed in range(50):
        targets, responses, truth = generator.campaigns(tx, 2, seed)
        for cid in truth:
            t, r = targets[targets.campaign_id == cid], responses[responses.campaign_id == cid]
            inside = r[(r.response_date >= t.start_date.iloc[0]) & (r.response_date <= t.end_date.iloc[0])]
            resp, hold = t.customer_id.isin(inside.customer_id).to_numpy(), (t.holdout == "1").to_numpy()
            _, lo, hi = readout.rate_uplift(resp[~hold].sum(), (~hold).sum(), resp[hold].sum(), hold.sum(), draws=5_000)
            hits += lo <= truth[cid]["uplift"] <= hi
    assert 84 <= hits <= 96, hits


def test_profit_uses_the_segment_margin_and_the_plans_cost(business):
    con, _ = business
    c = make_campaign("coupon", ["active"], {})
    res = simulate(c, store.load_segments(con), draws=500, seed=1)
    sid = store.save_scenario(con, "coupon plan", c, res.to_dict())
    r = readout.readout(con, "CMP001", scenario_id=sid)
    assert r["margin"] == 0.5  # every default segment has 50% margin
    assert r["cost_basis"] == "plan" and r["cost"] == pytest.approx(res.cost.mean)
    assert r["incremental_profit"] == pytest.approx(
        r["spend_uplift"]["value"] * r["targeted"]["customers"] * 0.5 - r["cost"])
    plan = {p["metric"]: p for p in r["plan_vs_actual"]}
    assert plan["participants"]["forecast"] == pytest.approx(res.participants)
    assert plan["participants"]["actual"] == r["targeted"]["responders"]
    assert plan["profit"]["p10"] == pytest.approx(res.profit.p10) and "within_p10_p90" in plan["profit"]
    given = readout.readout(con, "CMP001", scenario_id=sid, cost=100.0)
    assert given["cost_basis"] == "given" and given["cost"] == 100.0


def test_readout_errors(business):
    con, _ = business
    with pytest.raises(InputError, match=r"Unknown campaign 'CMP01'\. Did you mean 'CMP001'"):
        readout.readout(con, "CMP01")
    with pytest.raises(InputError, match="Unknown scenario id '999'"):
        readout.readout(con, "CMP001", scenario_id=999)


def test_no_holdout_means_no_uplift(con, write_file):
    store.import_campaigns(
        con, ingest.read_table(write_file("t.csv", "campaign_id,customer_id,promo_type,start_date,end_date\n"
                                                   "K,a,coupon,2024-01-01,2024-01-07\n")),
        ingest.read_table(write_file("r.csv", "campaign_id,customer_id,response_date\nK,a,2024-01-02\n")))
    with pytest.raises(InputError) as e:
        readout.readout(con, "K")
    assert "has no holdout customers" in e.value.en and "对照组" in e.value.zh


def test_readout_names_the_window(business):
    con, g = business
    r = readout.readout(con, "CMP002")
    t = g.targets[g.targets.campaign_id == "CMP002"].iloc[0]
    assert (r["start_date"], r["end_date"], r["promo_type"]) == (t["start_date"], t["end_date"], "discount")
    assert r["spend_basis"] == "spend" and r["cost_basis"] == "none" and r["cost"] == 0.0
