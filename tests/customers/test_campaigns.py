"""Campaign history: import checks, counting rules, calibration counts and Beta intervals."""
import pytest
from scipy.stats import beta

from promo import store
from promo.customers import ingest, response_rates
from promo.errors import InputError

LOG = ("customer_id,date,amount\n" + "".join(f"c{i},2024-02-20,50\n" for i in range(1, 9))
       + "c9,2023-10-01,80\nc10,2023-10-01,80\nc1,2024-03-05,60\n")
TARGETS = ("campaign_id,customer_id,promo_type,start_date,end_date,holdout\n"
           + "".join(f"K1,c{i},coupon,2024-03-01,2024-03-14,否\n" for i in range(1, 11))
           + "K1,h1,coupon,2024-03-01,2024-03-14,是\nK1,h2,coupon,2024-03-01,2024-03-14,1\n"
           + "".join(f"K2,c{i},打折促销,2024-04-01,2024-04-07,\n" for i in range(1, 5)))
RESPONSES = ("campaign_id,customer_id,response_date,value\n"
             "K1,c1,2024-03-02,60\nK1,c2,2024-03-14,¥20\nK1,c3,2024-03-01,\nK1,c9,2024-03-10,5\n"
             "K1,c4,2024-03-20,99\n"  # after the window: not counted
             "K1,x99,2024-03-05,10\n"  # never targeted: reported, not counted
             "K1,h1,2024-03-03,40\n")  # holdout


@pytest.fixture
def history(con, load, write_file):
    load(LOG)
    return store.import_campaigns(con, ingest.read_table(write_file("t.csv", TARGETS)),
                                  ingest.read_table(write_file("r.csv", RESPONSES)))


def _interval(k, n):
    return list(beta.ppf([0.05, 0.95], 1 + k, 1 + n - k))


def test_import_counts_and_exclusions(history, con):
    assert history["campaigns"] == 2 and history["targets"] == 16 and history["holdout"] == 2
    assert history["responses"] == 7 and history["not_targeted"] == 1 and history["outside_window"] == 1
    camps = store.campaign_list(con).to_dict("records")
    assert [(c["campaign_id"], c["promo_type"], c["targeted"], c["holdout"]) for c in camps] == [
        ("K1", "coupon", 10, 2), ("K2", "discount", 4, 0)]


def test_calibration_counts_and_intervals(history, con):
    cal = response_rates.calibrate(con)
    k1, k2 = cal["campaigns"]
    assert (k1["campaign_id"], k1["targeted"], k1["responders"], k1["rate"]) == ("K1", 10, 4, 0.4)
    assert k1["interval"] == pytest.approx(_interval(4, 10))
    assert (k2["campaign_id"], k2["targeted"], k2["responders"], k2["rate"]) == ("K2", 4, 0, 0.0)
    assert k2["interval"] == pytest.approx([1 - 0.95 ** (1 / 5), 1 - 0.05 ** (1 / 5)])  # Beta(1, 5): closed form
    seg = {(r["promo_type"], r["segment"]): (r["targeted"], r["responders"], r["campaigns"])
           for r in cal["by_type_segment"]}
    # as of 2024-02-29: c1..c8 bought 9 days ago for the first time (new); c9, c10 last bought 151 days ago
    assert seg == {("coupon", "new"): (8, 3, 1), ("coupon", "half_dormant"): (2, 1, 1), ("discount", "new"): (4, 0, 1)}
    assert cal["not_targeted"] == 1 and cal["outside_window"] == 1


def test_calibrated_defaults_for_the_simulator(history, con):
    d = response_rates.calibrated_defaults(con)
    c = d[("coupon", "new")]
    assert c["param"] == "redemption_rate" and c["rate"] == 3 / 8 and c["campaigns"] == 1 and c["customers"] == 8
    assert c["interval"] == pytest.approx(_interval(3, 8))
    assert c["badge_en"] == "measured: 1 campaign, 8 customers" and c["badge_zh"] == "实测：1 次活动，8 位客户"
    assert d[("discount", "new")]["param"] is None


def test_customers_without_purchases_before_the_start_are_prospects(con, write_file):
    store.import_transactions(con, ingest.read_table(write_file("l.csv", "customer_id,date,amount\nq,2024-05-01,1\n")))
    store.import_campaigns(con, ingest.read_table(write_file("t.csv", TARGETS)),
                           ingest.read_table(write_file("r.csv", RESPONSES)))
    segs = {r["segment"] for r in response_rates.calibrate(con)["by_type_segment"]}
    assert segs == {"prospects"}


def test_reimport_replaces_the_named_campaigns(history, con, write_file):
    store.import_campaigns(
        con, ingest.read_table(write_file("t2.csv", "campaign_id,customer_id,promo_type,start_date,end_date\n"
                                                    "K2,c5,discount,2024-04-01,2024-04-07\n")),
        ingest.read_table(write_file("r2.csv", "campaign_id,customer_id,response_date\n"), allow_empty=True))
    camps = {c["campaign_id"]: c["targeted"] for c in store.campaign_list(con).to_dict("records")}
    assert camps == {"K1": 10, "K2": 1}


@pytest.mark.parametrize("targets,responses,needle_en,needle_zh", [
    (TARGETS.replace("K1,c1,coupon", "K1,c1,coupn"), RESPONSES, "unknown type: 1 row(s) (rows 2;",
     "Did you mean 'coupon'"),
    (TARGETS.replace("K2,c1,打折促销,2024-04-01,2024-04-07", "K2,c1,打折促销,2024-04-09,2024-04-07"), RESPONSES,
     "end before start: 1 row(s) (rows 14;", "结束日期早于开始日期"),
    (TARGETS.replace("K1,c3,coupon,2024-03-01", "K1,c3,coupon,2024-02-30"), RESPONSES, "bad start: 1 row(s) (rows 4;",
     "开始日期无法识别"),
    (TARGETS.replace("K1,c1,coupon,2024-03-01,2024-03-14,否", "K1,c1,coupon,2024-03-01,2024-03-14,maybe"), RESPONSES,
     "bad holdout: 1 row(s) (rows 2;", "对照组标记无法识别"),
    (TARGETS.replace("K1,c2,coupon,2024-03-01", "K1,c2,coupon,2024-03-02"), RESPONSES,
     "inconsistent campaign: 12 row(s)", "同一活动的类型或日期不一致"),
    (TARGETS + "K1,c1,coupon,2024-03-01,2024-03-14,0\n", RESPONSES, "duplicate target: 1 row(s) (rows 18;", "客户重复"),
    (TARGETS, RESPONSES.replace("K1,c1,2024-03-02,60", "K1,c1,next week,60"), "bad response date: 1 row(s) (rows 2;",
     "响应日期无法识别"),
    (TARGETS, RESPONSES.replace("K1,c1,2024-03-02,60", "K1,c1,2024-03-02,lots"), "bad value: 1 row(s) (rows 2;",
     "金额不是数字"),
    ("campaign_id,customer_id,start_date,end_date\nK1,c1,2024-03-01,2024-03-14\n", RESPONSES,
     "missing required column(s): promo_type (Promotion type)", "缺少必需的列：促销类型（promo_type）"),
], ids=["unknown_type", "end_before_start", "bad_start", "bad_holdout", "inconsistent", "duplicate",
        "bad_response_date", "bad_value", "missing_column"])
def test_bad_campaign_files_change_nothing(history, con, write_file, targets, responses, needle_en, needle_zh):
    before = store.campaign_list(con).to_dict("records")
    with pytest.raises(InputError) as e:
        store.import_campaigns(con, ingest.read_table(write_file("bt.csv", targets)),
                               ingest.read_table(write_file("br.csv", responses)))
    assert needle_en in e.value.en, e.value.en
    assert needle_zh in e.value.zh or needle_zh in e.value.en, e.value.zh
    assert store.campaign_list(con).to_dict("records") == before


def test_calibrate_without_history_says_what_to_do(con):
    with pytest.raises(InputError, match="no campaign history yet"):
        response_rates.calibrate(con)
