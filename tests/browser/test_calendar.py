"""Calendar page in Debian Chromium: add an item, run the optimizer, apply it; the Gantt and weekly charts show it."""
import time

import pytest

from tests.browser.conftest import SHOTS, kpi, ready

pytestmark = pytest.mark.browser

TEXT = {
    "en": {"nav": "Calendar", "add": "Add to plan", "items": "Items", "opt": "Optimizer", "run": "Run the optimizer",
           "apply": "Apply to calendar", "applied": "The proposal is now the calendar's plan.",
           "weekly": "Weekly expected cost", "tab_items": "Items",
           "gantt_one": "by segment (1 items)", "discount": "Discount", "added": "Item item-1 added."},
    "zh": {"nav": "促销日历", "add": "添加到计划", "items": "活动项", "opt": "优化器", "run": "运行优化器",
           "apply": "应用到日历", "applied": "建议计划已应用到日历。", "weekly": "每周预计成本", "tab_items": "活动项",
           "gantt_one": "（按客群，1 项）", "discount": "打折促销", "added": "已添加活动项 item-1。"},
}


def _charts(page) -> list[str]:
    return [c.inner_text() for c in page.locator('[data-testid="stPlotlyChart"]').all()]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_add_an_item_then_optimize_and_apply(server, page, lang):
    x = TEXT[lang]
    page.goto(f"{server.url}/calendar?lang={lang}")
    ready(page)
    assert x["nav"] in page.locator('[data-testid="stSidebarNav"]').inner_text()
    assert kpi(page, x["items"]) == "0"
    # add the form's default item (a discount for active customers, weeks 1–2)
    page.get_by_role("button", name=x["add"]).click()
    page.get_by_text(x["added"]).wait_for()
    ready(page)
    assert kpi(page, x["items"]) == "1"
    texts = _charts(page)
    assert x["gantt_one"] in texts[0] and x["discount"] in texts[0] and x["weekly"] in texts[1]
    # the optimizer builds a full plan (with a progress bar) that can replace the calendar's
    page.get_by_role("tab", name=x["opt"]).click()
    page.get_by_role("button", name=x["run"]).click()
    page.get_by_role("button", name=x["apply"]).wait_for(timeout=120_000)
    ready(page)
    page.get_by_role("button", name=x["apply"]).click()
    page.get_by_text(x["applied"]).wait_for()
    ready(page)
    assert int(kpi(page, x["items"])) > 1
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "NaN" not in page.locator('[data-testid="stMain"]').inner_text()
    page.get_by_role("tab", name=x["tab_items"]).first.click()
    page.set_viewport_size({"width": 1400, "height": 2300})  # the app scrolls inside its own container
    page.locator("h1").first.scroll_into_view_if_needed()
    ready(page)
    time.sleep(0.8)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"calendar_{lang}.png"))
