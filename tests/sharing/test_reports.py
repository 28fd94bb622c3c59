"""Reports: the Excel workbook holds the numbers of the summary and the screen, the HTML is offline, PNGs are PNGs."""
import io
import zipfile
from html.parser import HTMLParser

import openpyxl
import pytest

from promo import store
from promo.i18n import t
from promo.sharing import reports, views
from tests.sharing.conftest import save_demo_plan


@pytest.fixture
def views_(con):
    segs = store.load_segments(con)
    scen = [views.scenario_view(store.get_scenario(con, i), segs) for i in (1, 7)]
    plans = [views.plan_view(store.get_plan(con, save_demo_plan(con)), segs)]
    return scen, plans


def test_recomputed_view_matches_the_saved_summary(con):
    rec = store.get_scenario(con, 7)
    v = views.scenario_view(rec, store.load_segments(con))
    assert v.result.profit.mean == pytest.approx(rec["summary"]["profit"]["mean"])
    assert v.result.partner == pytest.approx(rec["summary"]["partner"])


def _rows(ws, first_header: str):
    rows = list(ws.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == first_header)
    return rows[start], rows[start + 1:]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_excel_holds_the_summary_numbers(con, views_, lang):
    scen, plans = views_
    wb = openpyxl.load_workbook(io.BytesIO(reports.excel(scen, plans, lang, "¥", "Report <b>")))
    h = lambda k: t(f"share.xl.{k}", lang)
    assert wb.sheetnames == [h("summary"), h("inputs"), h("results"), h("charts"), h("plan"), h("weekly"), h("rules")]
    header, rows = _rows(wb[h("summary")], h("item"))
    assert header[:3] == (h("item"), h("measure"), h("mean"))
    for v in scen:
        saved = store.get_scenario(con, v.id)["summary"]
        profit = next(r for r in rows if r[0] == v.name and r[1] == t("kpi.profit", lang))
        assert profit[2:] == pytest.approx([saved["profit"][k] for k in ("mean", "p10", "p50", "p90")])
        roi = next(r for r in rows if r[0] == v.name and r[1] == t("kpi.roi", lang))
        assert roi[2] == pytest.approx(saved["roi"]["mean"])
    plan_profit = next(r for r in rows if r[0] == plans[0].name and r[1] == t("plan.profit", lang))
    assert plan_profit[2] == pytest.approx(plans[0].value.profit.mean)
    # formats: money with the currency, header styled, header row frozen
    ws = wb[h("summary")]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == profit[2])
    assert "¥" in cell.number_format
    assert ws.cell(row=4, column=1).font.bold and ws.freeze_panes == "A5"
    assert ws.column_dimensions["A"].width > 10


def test_excel_inputs_partner_split_charts_and_weekly(con, views_):
    scen, plans = views_
    wb = openpyxl.load_workbook(io.BytesIO(reports.excel(scen, plans, "en", "¥", "r")))
    _h, inputs = _rows(wb["Inputs"], "Scenario / plan")
    assert (scen[1].name, "Promotion type", "Co-promotion") in [r[:3] for r in inputs]
    depth = next(r for r in inputs if r[0] == scen[0].name and "depth" in r[1].lower())
    assert depth[2] == pytest.approx(0.15)
    _h, results = _rows(wb["Results"], "Scenario / plan")
    partner = scen[1].result.partner
    ours = next(r for r in results if r[0] == scen[1].name and r[1] == "Us · Cost")
    theirs = next(r for r in results if r[0] == scen[1].name and r[1] == "Partner · Profit")
    assert ours[2] == pytest.approx(partner["our_cost"]) and theirs[2] == pytest.approx(partner["partner_profit"])
    _h, chart = _rows(wb["Chart data"], "Scenario / plan")
    roi_rows = [r for r in chart if r[0] == "Comparison" and "ROI" in r[1]]
    assert [r[4] for r in roi_rows] == pytest.approx([v.result.roi.mean for v in scen])
    wf = [r for r in chart if r[0] == scen[0].name and r[1].startswith("Revenue to profit")]
    assert wf[-1][4] == pytest.approx(scen[0].result.profit.mean)
    head, weekly = _rows(wb["Weekly"], "Scenario / plan")
    assert head == ("Scenario / plan", "Week", "Expected cost", "Expected cost P10", "Expected cost P90",
                    "Expected profit", "Expected profit P10", "Expected profit P90")
    assert len(weekly) == plans[0].plan.weeks
    assert sum(r[2] for r in weekly) == pytest.approx(plans[0].value.cost.mean)
    assert all(r[3] <= r[2] + 1e-6 <= r[4] + 2e-6 and r[6] <= r[7] for r in weekly)  # P10 ≤ mean ≤ P90 of cost
    _h, items = _rows(wb["Plan items"], "Scenario / plan")
    assert [r[1] for r in items] == ["Coupon · Dormant · week 5 · Face value ¥10",
                                     "Discount · Active · week 45 · Discount depth 15%"]
    assert [r[-1] for r in items] == ["spring-coupon", "double-11"]
    _h, rules = _rows(wb["Rules check"], "Scenario / plan")
    assert rules == [(plans[0].name, None, "No rule is broken.", None)]


def test_excel_formats_follow_the_number_rules(con):
    """Money in cents below 10, "no cap" for a budget cap of 0, "< 1%" for a tiny probability, whole counts."""
    segs = store.load_segments(con)
    rec = store.get_scenario(con, 2)  # the coupon: a cost per send of 0.05, no budget cap
    v = views.scenario_view(rec, segs)
    wb = openpyxl.load_workbook(io.BytesIO(reports.excel([v], [], "zh", "¥", "r")))
    _h, inputs = _rows(wb["输入"], "方案 / 计划")
    cells = {r[1]: r for r in inputs}
    ws = wb["输入"]
    fmt_of = {ws.cell(row=i, column=2).value: ws.cell(row=i, column=3) for i in range(1, ws.max_row + 1)}
    assert fmt_of["每次发放成本"].value == pytest.approx(0.05) and fmt_of["每次发放成本"].number_format == \
        '"¥"#,##0.00;-"¥"#,##0.00'
    assert fmt_of["券面额"].number_format == '"¥"#,##0;-"¥"#,##0'
    assert fmt_of["每张核销处理费"].value == pytest.approx(0.5) and "0.00" in fmt_of["每张核销处理费"].number_format
    assert fmt_of["有效期"].number_format == "#,##0" and cells["有效期"][3] == "周"  # 4 weeks, not 4.00
    assert cells["预算上限"][2] == "不设上限"
    assert fmt_of["每人限用次数"].number_format == "#,##0" and cells["每人限用次数"][3] == "次"
    summary = wb["概要"]
    loss = next(r for r in summary.iter_rows() if r[1].value == "亏损概率")
    assert loss[2].number_format in ("0%", '"< 1%"', '"> 99%"')
    assert reports._excel_cell(0.004, "prob", "¥", "en") == (0.004, '"< 1%"')
    assert reports._excel_cell(0.995, "prob", "¥", "en") == (0.995, '"> 99%"')
    assert reports._excel_cell(None, "ratio", "¥", "en") == ("—", "@")


def test_a_plan_report_holds_items_weekly_ranges_and_the_rules_check(con):
    """A plan alone (the calendar's report): no scenario sheets; a broken rule is in the rules check with names."""
    from promo import plan_from_dict
    from promo.planning import Rules

    segs = store.load_segments(con)
    plan = plan_from_dict({"year": 2027, "items": [
        {"id": "d1", "type": "discount", "segments": ["active"], "start_week": 3, "duration_weeks": 2},
        {"id": "d2", "type": "discount", "segments": ["active"], "start_week": 6, "duration_weeks": 2}]}, segs)
    view = views.checked_plan_view(0, "当前计划 2027", plan, Rules(), segs)
    wb = openpyxl.load_workbook(io.BytesIO(reports.excel([], [view], "zh", "¥", "r")))
    assert wb.sheetnames == ["概要", "图表数据", "计划项目", "每周", "规则检查"]
    _h, rules = _rows(wb["规则检查"], "方案 / 计划")
    assert len(rules) == 1 and rules[0][1] == "同类活动最短间隔（周）" and "最少应间隔 8 周" in rules[0][2]
    assert rules[0][3] == "打折促销 · 活跃老客 · 第 3 周 · 折扣幅度 15%; 打折促销 · 活跃老客 · 第 6 周 · 折扣幅度 15%"


class _Resources(HTMLParser):
    """Every URL the page would load: src/href/data attributes, and url()/@import inside <style>."""

    def __init__(self):
        super().__init__()
        self.urls, self.style, self.scripts_with_src, self._in_style = [], [], 0, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.urls += [v for k, v in attrs if k in ("src", "href", "data", "srcset", "poster", "action") and v]
        self.scripts_with_src += tag == "script" and "src" in a
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.style.append(data)


def test_html_is_self_contained_with_the_charts(views_):
    scen, plans = views_
    page = reports.html_report(scen, plans, "zh", "¥", "报告")
    parser = _Resources()
    parser.feed(page)
    assert parser.urls == [] and parser.scripts_with_src == 0
    assert not any("url(" in s or "@import" in s for s in parser.style)
    assert page.count('class="plotly-graph-div"') == 2 + 3 * len(scen) + 2 * len(plans)
    assert page.count("Plotly.newPlot") == page.count('class="plotly-graph-div"')
    assert len(page) > 3_000_000  # plotly.js inline, once
    assert page.count("plotly.js v") <= 2


def test_html_escapes_user_text(con):
    evil = '<script>alert("x")</script><img src=http://evil.example/x.png>'
    sid = store.save_scenario(con, evil, store.scenario_campaign(store.get_scenario(con, 1)),
                              store.get_scenario(con, 1)["summary"])
    v = views.scenario_view(store.get_scenario(con, sid), store.load_segments(con))
    page = reports.html_report([v], [], "en", "¥", evil)
    assert evil not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    parser = _Resources()
    parser.feed(page)
    assert parser.urls == []


FORMULAS = ['=HYPERLINK("https://evil.example","Open")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)", "\t=1+1",
            "\r=1+1"]


@pytest.mark.parametrize("name", FORMULAS)
def test_excel_writes_names_that_look_like_formulas_as_text(con, name):
    sid = store.save_scenario(con, name, store.scenario_campaign(store.get_scenario(con, 2)),
                              store.get_scenario(con, 2)["summary"])
    v = views.scenario_view(store.get_scenario(con, sid), store.load_segments(con))
    wb = openpyxl.load_workbook(io.BytesIO(reports.excel([v], [], "en", "¥", name)))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    stored = v.name  # saving trims a leading tab or line break; the rest still starts like a formula
    named = [c for c in cells if c.value == stored]
    assert len(named) >= 5 and all(c.data_type == "s" and c.quotePrefix for c in named)  # each row's item
    assert wb.worksheets[0]["A1"].value.strip() == stored.strip() and wb.worksheets[0]["A1"].quotePrefix


def test_csv_for_excel_quotes_cells_that_look_like_formulas():
    import pandas as pd

    frame = pd.DataFrame({"name": [*FORMULAS, "Spring sale"], "profit": [-5, 0, 1, 2, 3, 4, 5]})
    text = reports.csv_text(frame).decode("utf-8-sig")
    assert text.splitlines()[1:4] == ['"\'=HYPERLINK(""https://evil.example"",""Open"")",-5',
                                      "'+cmd|' /C calc'!A0,0", "'-2+3,1"]
    assert text.splitlines()[-1] == "Spring sale,5" and "-5" in text  # numbers, negative ones too, stay numbers


@pytest.mark.slow
def test_png_zip_holds_one_png_per_chart(views_):
    scen, plans = views_
    figures = reports.all_figures(scen[:1], plans, "zh", "¥")
    with zipfile.ZipFile(io.BytesIO(reports.chart_pngs(figures))) as zf:
        names = zf.namelist()
        assert len(names) == len(figures) == 3 + 2
        for n in names:
            assert zf.read(n).startswith(b"\x89PNG\r\n\x1a\n")


def test_sharing_core_never_imports_streamlit():
    import subprocess
    import sys

    code = ("import sys, promo.sharing.auth, promo.sharing.reports, promo.sharing.views, promo.store.shares, "
            "promo.cli.share; print('streamlit' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "False"
