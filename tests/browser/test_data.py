"""The Data page in Debian Chromium: a GBK CSV with Chinese headers → mapping and report → import → segments chart;
a till's line-item export → import → measured deal effects → review of a deal period."""
import pytest
from playwright.sync_api import expect

from promo.customers import generator
from tests.browser.conftest import SHOTS, Server, ready

pytestmark = pytest.mark.browser


def _own_server(tmp_path_factory, name: str):
    """A server of its own: importing here must not change what the other browser tests see."""
    d = tmp_path_factory.mktemp(name)
    s = Server(d / "promo.duckdb", d / "server.log").first_run()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def data_server(tmp_path_factory):
    yield from _own_server(tmp_path_factory, "data_server")


@pytest.fixture(scope="module")
def lines_server(tmp_path_factory):
    yield from _own_server(tmp_path_factory, "lines_server")


@pytest.fixture(scope="module")
def gbk_csv(tmp_path_factory):
    """What a Chinese Excel exports: GBK, Chinese headers, ￥ amounts with thousands separators, ids with zeros."""
    tx = generator.transactions(customers=150, rows=4000, days=540, seed=3)
    lines = ["会员号,下单时间,实付金额（元）,订单号,门店"]
    lines += [f'{r.customer_id},{r.date},"￥{r.amount:,.2f}",{r.order_id},{r.store}'
              for r in tx.itertuples(index=False)]
    path = tmp_path_factory.mktemp("files") / "销售记录.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    return path, len(tx)


def _no_errors(page):
    assert page.locator('[data-testid="stException"]').count() == 0


def _tab(page, name: str, text: str, timeout: float = 90_000):
    """Open the tab ``name`` of the Data page and wait until it shows ``text``, without an exception box."""
    page.get_by_role("tab", name=name).click()
    page.get_by_text(text).wait_for(timeout=timeout)
    ready(page)
    _no_errors(page)


def _upload(page, server, path, mapping: tuple, timeout: float = 90_000):
    """Open the Data page in Chinese, upload ``path``, wait for the report, check the automatic ``mapping``."""
    page.goto(f"{server.url}/data?lang=zh")
    ready(page)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(str(path))
    page.get_by_text("导入前检查（尚未写入任何数据）").wait_for(timeout=timeout)
    ready(page)
    _no_errors(page)
    for label, column in mapping:
        expect(page.get_by_role("combobox", name=label)).to_have_value(column)


def test_gbk_upload_mapping_report_import_segments(data_server, page, gbk_csv):
    path, rows = gbk_csv
    _upload(page, data_server, path, (("客户ID（必需）", "会员号"), ("日期（必需）", "下单时间"),
                                       ("实付金额（必需）", "实付金额（元）"), ("订单号（可选）", "订单号"),
                                       ("门店（可选）", "门店")))
    # the report: rows read from GBK, refunds reported (not blocking), nothing written yet
    assert page.get_by_text("gb18030").count() >= 1
    assert page.get_by_text("没有必须修正的问题，可以导入。").count() == 1
    assert page.get_by_text("金额为负（退款").count() >= 1
    assert page.get_by_text("还没有交易数据。上传文件，或先载入示例数据试一试。").count() == 1
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1400, "height": 1500})  # the page scrolls inside its own container
    ready(page)
    page.screenshot(path=str(SHOTS / "data_zh.png"))

    page.get_by_role("button", name="导入", exact=True).click()
    page.get_by_text(f"已导入 {rows:,} 行").wait_for(timeout=60_000)
    ready(page)
    _no_errors(page)

    _tab(page, "实测客群", "实测客群：人数与近一年消费")
    assert page.locator('[data-testid="stPlotlyChart"]').count() >= 2


def test_english_segments_after_import(data_server, page):
    """Runs after the import above (same server): the segments, charts and readout in English."""
    page.goto(f"{data_server.url}/data?lang=en")
    ready(page)
    _tab(page, "Segments from data", "Measured segments: size and spend in the last year")
    page.get_by_text("R×F: customers by recency and repeat days").wait_for()
    page.set_viewport_size({"width": 1400, "height": 1500})
    ready(page)
    page.screenshot(path=str(SHOTS / "data_en.png"))


def test_not_a_table_gets_a_message_not_a_traceback(data_server, page, tmp_path):
    bad = tmp_path / "photo.csv"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    page.goto(f"{data_server.url}/data?lang=en")
    ready(page)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(str(bad))
    page.get_by_text("is not a table").wait_for(timeout=60_000)
    _no_errors(page)


@pytest.fixture(scope="module")
def pos_csv(tmp_path_factory):
    """A till's line-item export in GBK with Chinese POS headers: products, categories, quantities, discounts."""
    g = generator.line_items(products=24, customers=300, seed=6)
    lines = ["单号,销售时间,会员卡号,商品编码,商品分类,数量,单价,优惠金额,实收金额,门店"]
    lines += [f"{r.order_id},{r.date},{r.customer_id},{r.product},{r.category},{r.quantity},{r.unit_price:.2f},"
              f"{r.discount:.2f},{r.amount:.2f},{r.store}" for r in g.lines.itertuples(index=False)]
    path = tmp_path_factory.mktemp("pos") / "门店销售明细.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    return path, len(g.lines)


def test_line_item_import_deal_effects_and_review(lines_server, page, pos_csv):
    path, rows = pos_csv
    _upload(page, lines_server, path, (("商品（可选）", "商品编码"), ("品类（可选）", "商品分类"),
                                        ("数量（可选）", "数量"), ("优惠金额（可选）", "优惠金额"),
                                        ("实付金额（必需）", "实收金额")))
    assert page.get_by_text("已保留——明细中同一商品买了几件就会重复几行").count() == 1  # identical items, kept
    assert (page.get_by_text("可导入行数").count() == 1
            and page.get_by_text("没有必须修正的问题，可以导入。").count() == 1)
    page.set_viewport_size({"width": 1400, "height": 1700})
    ready(page)
    page.screenshot(path=str(SHOTS / "data_lines_zh.png"))
    page.get_by_role("button", name="导入", exact=True).click()
    page.get_by_text(f"已导入 {rows:,} 行").wait_for(timeout=90_000)
    ready(page)
    _tab(page, "实测促销效果", "按折扣深度的销量提升：实测与模型默认")
    assert page.locator('[data-testid="stPlotlyChart"]').count() >= 1 and page.get_by_text("分组").count() >= 1
    page.screenshot(path=str(SHOTS / "data_deals_zh.png"))
    page.get_by_role("tab", name="复盘").click()
    page.get_by_role("tabpanel", name="复盘").get_by_text("还没有活动记录：请先在「活动记录与校准」中导入。").wait_for(
        timeout=90_000)  # campaigns come first; the deal periods are reviewed in the English test below
    ready(page)
    _no_errors(page)


def test_deal_effects_and_review_in_english(lines_server, page):
    """Runs after the import above (same server)."""
    page.goto(f"{lines_server.url}/data?lang=en")
    ready(page)
    _tab(page, "Deal effects", "Units lift by depth: measured and the model's default")
    page.set_viewport_size({"width": 1400, "height": 1700})
    ready(page)
    page.screenshot(path=str(SHOTS / "data_deals_en.png"))
    page.get_by_role("tab", name="Review").click()
    page.get_by_role("combobox", name="Review", exact=True).click()
    page.get_by_role("option", name="A deal period of the log").click()
    page.get_by_text("Write-up to forward").wait_for(timeout=90_000)
    ready(page)
    _no_errors(page)
    assert page.get_by_text("Review of the deal on").count() == 1
    page.screenshot(path=str(SHOTS / "data_review_en.png"))
