"""Calendar page in Debian Chromium: start an empty plan, add an item, run the optimizer and apply it; a reload and a
new session still show it (the plan is saved on every change); the plan's reports download and open."""
import io
import time
import zipfile
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import SHOTS, kpi, ready

pytestmark = pytest.mark.browser

TEXT = {
    "en": {"nav": "Calendar", "add": "Add to plan", "items": "Items", "opt": "Optimizer", "run": "Run the optimizer",
           "apply": "Apply to calendar", "applied": "The proposal is now the calendar's plan, saved.",
           "weekly": "Weekly expected cost", "tab_items": "Items", "files": "Versions, files & reports",
           "new": "Start an empty plan", "gantt_one": "by segment (1 items)", "discount": "Discount",
           "added": "Item item-1 added."},
    "zh": {"nav": "促销日历", "add": "添加到计划", "items": "活动项", "opt": "优化器", "run": "运行优化器",
           "apply": "应用到日历", "applied": "建议计划已应用到日历并已保存。", "weekly": "每周预计成本",
           "tab_items": "活动项", "files": "版本、文件与报告", "new": "新建空白计划", "gantt_one": "（按客群，1 项）",
           "discount": "打折促销", "added": "已添加活动项 item-1。"},
}


def _charts(page) -> list[str]:
    return [c.inner_text() for c in page.locator('[data-testid="stPlotlyChart"]').all()]


def _kpi_is(page, label: str, value: str) -> None:
    box = page.locator('[data-testid="stMetric"]').filter(has=page.get_by_text(label, exact=True))
    expect(box.locator('[data-testid="stMetricValue"]')).to_have_text(value, timeout=30_000)
    ready(page)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_applied_plan_survives_a_reload_and_a_new_session(server, browser, page, lang):
    x = TEXT[lang]
    page.goto(f"{server.url}/calendar?lang={lang}")
    ready(page)
    assert x["nav"] in page.locator('[data-testid="stSidebarNav"]').inner_text()
    page.get_by_role("tab", name=x["files"]).click()
    page.get_by_role("button", name=x["new"]).click()
    _kpi_is(page, x["items"], "0")
    # add the form's default item (a discount for active customers, weeks 1–2)
    page.get_by_role("tab", name=x["tab_items"]).first.click()
    page.get_by_role("button", name=x["add"]).click()
    page.get_by_text(x["added"]).wait_for()
    _kpi_is(page, x["items"], "1")
    texts = _charts(page)
    assert x["gantt_one"] in texts[0] and x["discount"] in texts[0] and x["weekly"] in texts[1]
    # the optimizer builds a full plan (with a progress bar) that replaces the calendar's when applied
    page.get_by_role("tab", name=x["opt"]).click()
    page.get_by_role("button", name=x["run"]).click()
    page.get_by_role("button", name=x["apply"]).wait_for(timeout=180_000)
    ready(page)
    page.get_by_role("button", name=x["apply"]).click()
    page.get_by_text(x["applied"]).wait_for()
    ready(page)
    applied = kpi(page, x["items"])
    assert int(applied) > 1
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "NaN" not in page.locator('[data-testid="stMain"]').inner_text()
    # applied means saved: a reload, and a new session, show the same plan
    page.reload()
    ready(page)
    assert kpi(page, x["items"]) == applied
    other = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    other.goto(f"{server.url}/calendar?lang={lang}")
    ready(other)
    assert kpi(other, x["items"]) == applied
    other.context.close()
    page.get_by_role("tab", name=x["tab_items"]).first.click()
    page.set_viewport_size({"width": 1400, "height": 2300})  # the app scrolls inside its own container
    page.locator("h1").first.scroll_into_view_if_needed()
    ready(page)
    time.sleep(0.8)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"calendar_{lang}.png"))


class _Resources(HTMLParser):
    """Every URL an HTML page would load (src, href, data …) and whether a script loads from elsewhere."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        self.urls += [v for k, v in attrs if k in ("src", "href", "data", "srcset", "poster", "action") and v]


def test_the_plan_reports_download_and_open(server, page, tmp_path):
    """Excel (items, weekly P10–P90, rules check), offline HTML and PNGs, named by business, plan and date."""
    page.goto(f"{server.url}/calendar?lang=zh")
    ready(page)
    page.get_by_role("tab", name="版本、文件与报告").click()
    ready(page)
    year = page.locator('[data-testid="stNumberInput"] input').first.input_value()
    stem = f"丽颜美妆连锁（演示）_{year} 年促销计划_{date.today().isoformat()}"
    with page.expect_download() as d:
        page.get_by_role("button", name="Excel 工作簿").click()
    assert d.value.suggested_filename == f"{stem}.xlsx"
    wb = openpyxl.load_workbook(io.BytesIO(d.value.path().read_bytes()))
    assert wb.sheetnames == ["概要", "图表数据", "计划项目", "每周", "规则检查"]
    weekly = list(wb["每周"].iter_rows(values_only=True))
    assert weekly[0][2:] == ("预计成本", "预计成本 P10", "预计成本 P90", "预计利润", "预计利润 P10", "预计利润 P90")
    items = list(wb["计划项目"].iter_rows(values_only=True))[1:]
    assert items and all(" · 第 " in r[1] for r in items)  # items by name, not id
    with page.expect_download() as d:
        page.get_by_role("button", name="离线网页（交互图表）").click()
    assert d.value.suggested_filename == f"{stem}.html"
    html = Path(d.value.path()).read_text(encoding="utf-8")
    parser = _Resources()
    parser.feed(html)
    assert parser.urls == [] and "规则检查" in html and html.count('class="plotly-graph-div"') == 2
    page.get_by_role("button", name="生成 2 张图表 PNG").click()
    with page.expect_download(timeout=120_000) as d:
        page.get_by_role("button", name="下载图表 PNG（zip）").click(timeout=120_000)
    assert d.value.suggested_filename == f"{stem}.zip"
    with zipfile.ZipFile(d.value.path()) as zf:
        names = zf.namelist()
        assert [n.split("_")[0] for n in names] == ["01", "02"] and all(f"{year} 年促销计划" in n for n in names)
        for n in names:
            image = Image.open(io.BytesIO(zf.read(n)))
            image.verify()
            assert image.format == "PNG"
