"""Measured deal effects: recovered from a log with a hand-set truth, baselines checked by hand, bad logs refused."""
import json

import numpy as np
import pandas as pd
import pytest

from promo import store
from promo.cli import main
from promo.customers import deals, generator, ingest, measured
from promo.errors import InputError
from tests.customers.conftest import line_log


@pytest.fixture(scope="module")
def log():
    """40 products over two years; deals three times as likely in festival weeks; truth: e = 2.5, dip = 30%."""
    yield from line_log(products=40, customers=600, elasticity=2.5, dip=0.3, seed=1)


def test_measure_deals_recovers_the_hand_set_elasticity_and_dip(log):
    con, g = log
    e = measured.deal_effects(con)
    el, dip = e.elasticity, e.dip
    width = el["p90"] - el["p10"]
    assert el["p10"] < el["estimate"] < el["p90"] and 0 < width < 0.2
    assert abs(el["estimate"] - g.truth["elasticity"]) <= 2 * width
    assert el["product_weeks"] == len(g.deals)  # every deal week of the plan is seen as one
    assert dip["measurable"] and abs(dip["estimate"] - g.truth["dip"]) <= 2 * (dip["p90"] - dip["p10"])
    assert e.info["festival_deal_weeks"] > 0.4 * e.info["deal_weeks"]  # so a festival-blind baseline would mislead
    for b, depth in zip(e.lift_by_depth, (0.1, 0.2, 0.3, 0.4), strict=True):  # the generator's depths: one per bucket
        assert b["depth_from"] <= depth < b["depth_to"]
        truth = (1 - depth) ** -2.5 - 1
        assert abs(b["lift"] - truth) <= 2 * (b["p90"] - b["p10"]) + 0.02, b
    s = e.subsidised_share
    assert 0.5 < s["estimate"] < 0.95 and s["customers"] == 600 and s["p10"] < s["estimate"] < s["p90"]
    assert e.notes == []


def test_json_has_exactly_the_fields_of_the_issue(log):
    con, _ = log
    out = measured.deal_effects(con).to_json()
    assert list(out) == ["elasticity", "lift_by_depth", "dip", "subsidised_share"]
    assert list(out["elasticity"]) == ["estimate", "p10", "p90", "product_weeks"]
    assert list(out["lift_by_depth"][0]) == ["depth_from", "depth_to", "product_weeks", "lift", "p10", "p90"]
    assert list(out["dip"]) == ["estimate", "p10", "p90", "measurable"]
    assert list(out["subsidised_share"]) == ["estimate", "p10", "p90", "customers"]
    json.dumps(out)  # plain numbers


def _rows(cells):
    """store.product_weeks rows from (product, Monday, units, depth): deal units carry the depth, others none."""
    return pd.DataFrame([{"group": "all", "product": p, "week": pd.Timestamp(w), "units": float(u),
                          "deal_units": float(u) if d else 0.0, "list": 10.0 * u, "deal_list": 10.0 * u if d else 0.0,
                          "discount": 10.0 * u * d} for p, w, u, d in cells])


WEEKS = ["2024-10-14", "2024-10-21", "2024-10-28", "2024-11-04", "2024-11-11", "2024-11-18"]  # 11-04: Double 11's lead


def test_a_festival_deal_week_is_compared_with_the_same_festival_week(log):
    """B and C sell 10 a week, 13 in Double 11's lead week and 15 in Double 11's week; A sells 20 a week and 60 in
    Double 11's week at 20% off. Its baseline there is 20 × 1.5 = 30 (not 20): lift +100%, e = ln 2 / −ln 0.8."""
    cells = []
    for w in WEEKS:
        f = {"2024-11-04": 1.3, "2024-11-11": 1.5}.get(w, 1.0)
        cells += [("B", w, 10 * f, 0), ("C", w, 10 * f, 0)]
        cells.append(("A", w, 60, 0.2) if w == "2024-11-11" else ("A", w, 20 * f, 0))
    rows = _rows(cells)
    pn, _ = deals.panel(rows)
    assert pn.classes == [None, None, None, "double_11:lead", "double_11", None]
    b, _base, notes = deals.baseline(pn, deals._episodes(pn.deal))
    assert b[0, 4] == pytest.approx(30.0) and notes == []
    e = deals.measure(rows, pd.DataFrame(columns=["group", "customer", "deal_units", "subsidised_units"]))
    assert e.elasticity["estimate"] == pytest.approx(np.log(2) / -np.log(0.8), rel=1e-6)
    assert e.lift_by_depth == [{"depth_from": 0.15, "depth_to": 0.25, "product_weeks": 1, "lift": pytest.approx(1.0),
                                "p10": pytest.approx(1.0), "p90": pytest.approx(1.0)}]
    assert e.dip["estimate"] is None  # no two regular weeks after it inside the log
    assert {c for c, _ in e.notes} == {"few_product_weeks", "few_deals", "few_customers"}


def test_a_festival_without_regular_weeks_takes_the_calendars_lift():
    cells = [(p, w, 30 if w == "2024-11-11" else 10, 0.3 if w == "2024-11-11" else 0) for p in "AB" for w in WEEKS]
    pn, _ = deals.panel(_rows(cells))
    b, _, notes = deals.baseline(pn, deals._episodes(pn.deal))
    assert ("festival_default", {"festival": "double_11", "lift": 1.6}) in notes
    assert b[0, 4] == pytest.approx(10 * 1.6)
    assert deals.note_text(*notes[0], "zh") == "节日「双十一」没有原价销售周，按日历默认系数 1.6 估计基线。"


def test_weeks_without_sales_are_zeros_and_products_never_at_full_price_are_named():
    cells = [("A", w, 10, 0) for w in WEEKS if w != "2024-10-21"] + [("Z", w, 5, 0.25) for w in WEEKS]
    pn, _ = deals.panel(_rows(cells))
    a = list(pn.products).index("A")
    assert pn.units[a, 1] == 0 and pn.regular[a, 1] and not pn.deal[a, 1]
    e = deals.measure(_rows(cells), pd.DataFrame(columns=["group", "customer", "deal_units", "subsidised_units"]))
    assert ("no_regular", {"count": 1, "examples": ["Z"]}) in e.notes
    assert e.elasticity["estimate"] is None and e.elasticity["product_weeks"] == 0
    assert "Z" in deals.note_text("no_regular", {"count": 1, "examples": ["Z"]}, "en")


def test_subsidised_share_by_hand(con, load):
    """X bought P at full price 3 weeks before buying 2 on deal (subsidised); Y had not; Z's full-price purchase was
    10 weeks before (outside the 8 weeks): 2 of 4 deal units."""
    load("customer_id,date,product,quantity,unit_price,discount\n"
         "X,2024-03-04,P,1,10,0\nX,2024-03-25,P,2,10,4\n"
         "Y,2024-03-25,P,1,10,2\n"
         "Z,2024-01-15,P,1,10,0\nZ,2024-03-25,P,1,10,2\n")
    buyers = store.deal_buyers(con, deals.WEEKS_BEFORE)
    assert sorted(buyers[["deal_units", "subsidised_units"]].values.tolist()) == [[1.0, 0.0], [1.0, 0.0], [2.0, 2.0]]
    s = deals._subsidised(buyers, np.random.default_rng(0))
    assert s["estimate"] == 0.5 and s["customers"] == 3 and 0 <= s["p10"] <= 0.5 <= s["p90"] <= 1


def test_no_dip_is_not_measurable():
    g = generator.line_items(products=30, customers=300, elasticity=2.0, dip=0.0, seed=5)
    con = store.connect(":memory:")
    store.import_transactions(con, ingest.from_frame(g.lines, "lines.csv"))
    e = measured.deal_effects(con)
    assert not e.dip["measurable"] and abs(e.dip["estimate"]) < 0.1
    assert [c for c, _ in e.notes] == ["dip_within_noise"]


def test_logs_that_cannot_show_deal_effects_get_a_clear_message(con, load):
    with pytest.raises(InputError, match="no transactions yet"):
        measured.deal_effects(con)
    load("customer_id,date,amount\nA,2024-01-01,5\n")
    with pytest.raises(InputError, match="no product column") as e:
        measured.deal_effects(con)
    assert "商品" in e.value.zh
    load("customer_id,date,amount,product\nA,2024-01-01,5,P\nA,2024-01-09,5,P\n")
    with pytest.raises(InputError, match="No product-week in the log was on deal"):
        measured.deal_effects(con)
    with pytest.raises(InputError, match="--by must be one of category, store, segment"):
        measured.deal_effects(con, "colour")


def test_by_category_store_and_segment(log):
    con, g = log
    by_cat = measured.deal_effects(con, "category")
    assert sorted(by_cat) == sorted(generator.CATEGORIES)
    assert sum(e.elasticity["product_weeks"] for e in by_cat.values()) == len(g.deals)
    by_seg = measured.deal_effects(con, "segment")
    assert set(by_seg) <= {"new", "active", "vip", "half_dormant", "dormant", "churned", "prospects"}
    measured_segments = [k for k, e in by_seg.items() if not isinstance(e, InputError) and e.elasticity["estimate"]]
    assert len(measured_segments) >= 3 and "active" in measured_segments
    assert abs(by_seg["active"].elasticity["estimate"] - 2.5) < 0.2


def test_cli_measure_deals_json_text_and_errors(tmp_path, capsys):
    g = generator.line_items(products=12, customers=200, weeks=60, seed=2)
    path, db = tmp_path / "lines.csv", str(tmp_path / "d.duckdb")
    g.lines.to_csv(path, index=False)
    assert main(["import-transactions", str(path), "--db", db]) == 0
    capsys.readouterr()
    assert main(["measure-deals", "--db", db, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"elasticity", "lift_by_depth", "dip", "subsidised_share"} and out["elasticity"]["estimate"] > 0
    assert main(["--lang", "zh", "measure-deals", "--db", db, "--by", "store"]) == 0
    text = capsys.readouterr().out
    assert "按门店分组" in text and "== 上海静安" in text and "促销弹性" in text
    assert main(["measure-deals", "--db", db, "--by", "colour"]) == 2
    assert "invalid choice: 'colour'" in capsys.readouterr().err
    empty = str(tmp_path / "e.duckdb")
    assert main(["measure-deals", "--db", empty]) == 2
    assert capsys.readouterr().err.startswith("error: There are no transactions yet")
