"""The Data page's line-item journey: import a line-item file (totals, repeated rows kept or dropped), measured deal
effects (all and by group), the review of a past promotion (record, write-up, Excel), small segments flagged."""
import json

import pytest

import ui
from promo import store
from promo.customers import generator, ingest, measured, review
from tests.app.conftest import shown, widgets

PAGE = "pages/data.py"
LINES = ("单号,销售时间,会员卡号,商品编码,商品名称,数量,单价,优惠金额,实收金额,门店\n"
         "S1,2024-02-01 09:00,M001,6901,矿泉水,1,2.00,0.40,1.60,一店\n"
         "S1,2024-02-01 09:00,M001,6901,矿泉水,1,2.00,0.40,1.60,一店\n"  # a second bottle: an item, kept
         "S2,2024-02-02 10:00,M002,6902,面包,1,5.00,,5.00,一店\n"
         "S3,2024-02-03 11:00,M002,6901,矿泉水,-1,2.00,,2.00,一店\n")


def _texts(at, kind):
    return [shown(e.value) for e in at.get(kind)]


def _table(at, *columns):
    """The first table with these headers (AppTest gives read-only tables no key)."""
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


def _lines_db():
    g = generator.line_items(products=24, customers=300, seed=6)
    store.import_transactions(ui.con(), ingest.from_frame(g.lines, "lines.csv"))
    return g


def test_line_item_upload_shows_totals_and_keeps_repeated_items(app):
    at = app(PAGE, lang="en")
    at.file_uploader(key="data_tx_file").set_value(("pos.csv", LINES.encode("utf-8"), "text/csv")).run()
    assert (at.selectbox(key="data_map_product").value == "商品编码"
            and at.selectbox(key="data_map_quantity").value == "数量")
    totals = _table(at, "In the file", "To be written")
    assert totals["In the file"].tolist() == ["4", "¥10.20", "2"]
    assert totals["To be written"].tolist() == ["4", "¥6.20", "2"]  # the return nets: 1.60 + 1.60 + 5.00 − 2.00
    warnings = " ".join(_texts(at, "warning"))
    assert "1 row(s) repeat an earlier row in every column (rows 3): kept" in warnings
    assert "negative quantity (returns, rows 5)" in warnings
    at.checkbox(key="data_drop_dups").check().run()
    assert _table(at, "In the file", "To be written")["To be written"].tolist() == ["3", "¥4.60", "2"]
    assert "dropped as asked" in " ".join(_texts(at, "warning"))
    at.checkbox(key="data_drop_dups").uncheck().run()
    at.button(key="data_import").click().run()
    assert store.transaction_summary(ui.con())["lines"] == 4


def test_deal_effects_tab_all_and_by_category(app):
    at = app(PAGE, lang="zh")
    at.button(key="data_demo_lines").click().run()
    assert any(s.startswith("已载入示例数据") for s in _texts(at, "success"))
    e = measured.deal_effects(ui.con())
    figures = _table(at, "测量值", "依据", "P10–P90")
    assert figures["测量值"].tolist()[0] == f"{e.elasticity['estimate']:.2f}"
    assert figures["依据"].tolist() == [f"{e.elasticity['product_weeks']:,} 个商品周", f"{e.info['deals']:,} 次促销",
                                        f"{e.subsidised_share['customers']:,} 位顾客"]
    spec = json.loads(next(c for c in at.get("plotly_chart") if "chart_data_deal_lift" in c.proto.id).proto.spec)
    assert [d["name"] for d in spec["data"]] == ["实测（P10–P90）", f"实测弹性 {e.elasticity['estimate']:.2f}",
                                                 "模型默认弹性 3.60"]
    assert len(_table(at, "折扣深度", "销量提升")) == len(e.lift_by_depth)
    at.selectbox(key="data_deals_by").set_value("category").run()
    groups = _table(at, "分组", "促销弹性")
    assert sorted(groups["分组"]) == sorted(generator.CATEGORIES)
    for kind, keys in widgets(at).items():
        assert all(keys), f"a {kind} has no key"


def test_deal_effects_tab_without_discounts_says_why(app):
    at = app(PAGE, lang="en")
    at.button(key="data_demo").click().run()  # a log without products
    assert any("no product column, so deals cannot be measured" in e for e in _texts(at, "error"))


def test_review_tab_deal_period_record_and_excel(app):
    at = app(PAGE, lang="en")
    _lines_db()
    at.run()
    at.selectbox(key="data_rv_kind").set_value("deal").run()
    period = review.deal_periods(ui.con())[0]
    assert at.selectbox(key="data_rv_deal").value == 0
    r = review.deal_review(ui.con(), period["product"], period["start"])
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Observed"] == f"{r.figures['observed']:,.0f} units"
    assert metrics["Incremental"] == f"{r.figures['incremental']:,.0f} units"
    texts = _texts(at, "text")
    assert any(t.startswith(f"Review of the deal on {period['product']}") for t in texts)
    assert any(t.startswith(f"复盘：商品 {period['product']} 的促销") for t in texts)
    at.button(key="data_rv_save").click().run()
    assert any(s.startswith("Recorded (#1)") for s in _texts(at, "success"))
    history = _table(at, "#", "Subject", "Actual")
    assert history["Subject"].tolist() == [period["product"]]
    button = at.get("download_button")[0]
    assert button.proto.label == "Download Excel"


def test_review_tab_campaign_and_no_history(app):
    at = app(PAGE, lang="en")
    assert any("No transactions yet" in i for i in _texts(at, "info"))
    at.button(key="data_demo").click().run()
    at.button(key="data_cmp_demo").click().run()
    assert at.selectbox(key="data_rv_campaign").value == "CMP001"
    r = review.campaign_review(ui.con(), "CMP001")
    assert {m.label: m.value for m in at.metric}["Observed"] == ui.money(r.figures["observed"])
    assert len(_table(at, "P10", "P50", "Within P10–P90")) == 1
    assert not at.exception


def test_small_segments_are_flagged_in_the_preview(app):
    at = app(PAGE, lang="en")
    store.import_transactions(ui.con(), ingest.read_table(
        b"customer_id,date,amount\na,2024-01-05,10\na,2024-06-01,10\nb,2024-06-20,30\nc,2024-06-30,5\n",
        name="few.csv"))
    at.run()
    preview = _table(at, "Weekly probability rests on")
    assert any(v.endswith("customers (few: pulled toward the default)") for v in preview["Weekly probability rests on"])
    assert any("pulled toward the default as if that were worth 20 customers" in shown(c.value) for c in at.caption)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_tab_renders_on_an_empty_database(app, lang):
    at = app(PAGE, lang=lang)
    assert not at.exception and not at.error
    assert len(at.tabs) == 6
