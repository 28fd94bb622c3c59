"""Post-campaign review: baseline from comparable weeks by hand, the split, the prediction, the record, the export."""
import io
import json
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from promo import store
from promo.cli import main
from promo.customers import ingest, review
from promo.errors import InputError
from promo.sharing import reports
from tests.customers.conftest import line_log

START = date(2024, 9, 2)  # a Monday; the campaign runs two weeks


def _campaign_log(con):
    """T1, T2 targeted (50 a week each before, 150 during, 25 after); O1, O2 not targeted (100 a week each, 200
    during: the weeks of the campaign sell twice as much for everyone). 2 responses inside the window."""
    lines = ["customer_id,date,amount"]
    for week in range(-8, 4):
        day = START + timedelta(weeks=week, days=2)
        during, after = 0 <= week < 2, week >= 2
        lines += [f"{c},{day},{150 if during else 25 if after else 50}" for c in ("T1", "T2")]
        lines += [f"{c},{day},{200 if during else 100}" for c in ("O1", "O2")]
    store.import_transactions(con, ingest.read_table("\n".join(lines).encode(), name="log.csv"))
    end = START + timedelta(days=13)
    targets = "campaign_id,customer_id,promo_type,start_date,end_date\n" + "".join(
        f"C1,{c},coupon,{START},{end}\n" for c in ("T1", "T2"))
    responses = (f"campaign_id,customer_id,response_date\n"
                 f"C1,T1,{START + timedelta(days=2)}\nC1,T2,{START + timedelta(days=9)}\n")
    store.import_campaigns(con, ingest.read_table(targets.encode(), name="t.csv"),
                           ingest.read_table(responses.encode(), name="r.csv"))


def test_campaign_review_by_hand(con):
    _campaign_log(con)
    r = review.campaign_review(con, "C1")
    # baseline during = the targeted level 100 a week × the others' 400 / 200 = 200 a week; after: 100 a week
    assert r.comparison == "others" and r.unit == "yuan"
    assert r.figures["observed"] == 600 and r.figures["baseline"] == pytest.approx(400)
    assert r.figures["incremental"] == pytest.approx(200) and r.figures["lift"] == pytest.approx(0.5)
    assert r.figures["dip"] == pytest.approx(2 * (100 - 50)) and r.figures["net"] == pytest.approx(100)
    assert [w["phase"] for w in r.weeks] == ["before"] * 8 + ["during"] * 2 + ["after"] * 2
    p = r.prediction
    assert p["metric"] == "participants" and p["actual"] == 2.0 and p["p10"] <= p["p50"] <= p["p90"]
    assert p["within"] == (p["p10"] <= 2 <= p["p90"])
    en = review.writeup(r, review.track_record([]), "en")
    assert en[0] == "Review of campaign C1 (Coupon), 2024-09-02 to 2024-09-15."
    assert en[1] == ("During the promotion sales were ¥600 against a baseline of ¥400 from comparable weeks (the trend "
                     "of the customers not targeted): ¥200 incremental (50.0%).")
    assert "In the 2 weeks after, sales were ¥100 below baseline (bought earlier): ¥100 net." in en
    zh = review.writeup(r, review.track_record([]), "zh")
    assert zh[1] == "活动期间实际为 ¥600，按可比周（未被选中客户的走势）估计的基线为 ¥400：增量 ¥200（50.0%）。"


def test_the_record_of_prediction_against_outcome(con):
    _campaign_log(con)
    r = review.campaign_review(con, "C1").to_dict()
    first, second = store.save_review(con, r), store.save_review(con, {**r, "prediction": {
        **r["prediction"], "p10": 1.0, "p50": 2.0, "p90": 3.0}})
    history = store.review_history(con)
    assert [h["id"] for h in history] == [first, second] and history[1]["p50"] == 2.0 and history[1]["actual"] == 2.0
    record = review.track_record([*history, {**history[0], "p10": None, "p90": None}])
    assert record["reviews"] == 3 and record["scored"] == 2
    assert record["within"] == (history[0]["p10"] <= 2 <= history[0]["p90"]) + 1


@pytest.fixture(scope="module")
def deal_db():
    yield from line_log(products=20, customers=300, seed=2)


def test_deal_review_splits_a_deal_period(deal_db):
    from promo import make_campaign, simulate

    con, g = deal_db
    periods = review.deal_periods(con, limit=1000)
    weeks = g.deals.sort_values(["product", "week"])
    starts = (weeks["product"] != weeks["product"].shift()) | (weeks["week"].diff() != timedelta(weeks=1))
    assert len(periods) == starts.sum()  # every deal of the plan is found, each once
    top = periods[0]
    assert top["extra_units"] == max(p["extra_units"] for p in periods)
    r = review.deal_review(con, top["product"], top["start"] + timedelta(days=3))
    during = [w for w in r.weeks if w["phase"] == "during"]
    assert r.start == top["start"] and r.unit == "units" and r.label == f"{top['depth']:.0%}"
    assert r.figures["observed"] == sum(w["observed"] for w in during)
    assert r.figures["lift"] == pytest.approx(r.figures["observed"] / r.figures["baseline"] - 1)
    assert r.figures["incremental"] == pytest.approx(top["extra_units"])
    segs = store.load_segments(con)
    expected = getattr(simulate(make_campaign("discount", [s.key for s in segs if s.key != "prospects"],
                                              {"depth": round(top["depth"], 2)}, duration_weeks=len(during), reach=1.0),
                                segs, draws=review.DRAWS, seed=7), "sales_lift", None)
    p = r.prediction
    assert p["metric"] == "sales_lift" and p["actual"] == pytest.approx(r.figures["lift"])
    assert p["p10"] == (expected.p10 if expected is not None else None)  # the model's figure, when it has one


def test_reviews_that_cannot_be_made_say_why(con, deal_db):
    with pytest.raises(InputError, match="Unknown campaign 'C9'"):
        review.campaign_review(con, "C9")
    dcon, g = deal_db
    product = g.deals["product"].iloc[0]
    with pytest.raises(InputError, match=f"'{product}' was not on deal in the week of 2024-01-01. Its deals start on:"):
        review.deal_review(dcon, product, "2024-01-01")
    with pytest.raises(InputError, match="Unknown product 'SKU9999'"):
        review.deal_review(dcon, "SKU9999", "2024-05-06")
    with pytest.raises(InputError, match="not a date like"):
        review.deal_review(dcon, product, "May 6")


def test_excel_export_has_both_languages_and_keeps_text_as_text(con):
    _campaign_log(con)
    r = review.campaign_review(con, "C1")
    data = {**r.to_dict(), "subject": "=HYPERLINK(\"http://x\")"}
    store.save_review(con, data)
    history = store.review_history(con)
    record = review.track_record(history)
    lines = {k: review.writeup(r, record, k) for k in ("zh", "en")}
    wb = load_workbook(io.BytesIO(reports.review_excel(data, lines, history, record, "en", "¥")))
    assert wb.sheetnames == ["Write-up", "Figures", "Weekly", "Prediction", "Record"]
    rows = list(wb["Write-up"].iter_rows(values_only=True))
    assert ("活动期间实际为 ¥600，按可比周（未被选中客户的走势）估计的基线为 ¥400：增量 ¥200（50.0%）。",
            lines["en"][1]) in rows
    cell = next(c for row in wb["Record"].iter_rows() for c in row if c.value == data["subject"])
    assert cell.data_type == "s"  # text, not a formula
    figures = {r[0].value: r[1] for r in wb["Figures"].iter_rows(min_row=2)}
    assert (figures["Observed"].value, figures["Observed"].number_format) == (600, '"¥"#,##0;-"¥"#,##0')
    assert (figures["Lift"].value, figures["Lift"].number_format) == (0.5, "0.0%")  # promo.fmt's kinds
    actual = list(wb["Record"].iter_rows(values_only=False))[-1][-1]
    assert (actual.value, actual.number_format) == (2, "#,##0")
    weekly = list(wb["Weekly"].iter_rows(values_only=True))
    assert weekly[1] == ("2024-07-08", "before", 100, 100) and len(weekly) == 13


def test_cli_review(tmp_path, capsys):
    db = str(tmp_path / "r.duckdb")
    con = store.connect(db)
    _campaign_log(con)
    con.close()
    assert main(["review", "--list", "--db", db]) == 0 and "C1" in capsys.readouterr().out
    assert main(["review", "C1", "--save", "--json", "--excel", str(tmp_path / "r.xlsx"), "--db", db]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["recorded"] == 1 and out["figures"]["incremental"] == pytest.approx(200)
    assert (out["writeup"]["zh"][0] == "复盘：活动 C1（优惠券），2024-09-02 至 2024-09-15。"
            and (tmp_path / "r.xlsx").exists())
    assert main(["--lang", "zh", "review", "--history", "--db", db]) == 0
    assert "已复盘 1 次有预测的活动" in capsys.readouterr().out
    assert main(["review", "--db", db]) == 2
    assert "Name a campaign" in capsys.readouterr().err
    assert main(["review", "--product", "X", "--db", db]) == 2
    assert "--product needs --week" in capsys.readouterr().err
