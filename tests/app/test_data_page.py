"""The Data page: upload → mapping → report → import; segments apply/revert; calibration; readout; bad files."""
import json
from dataclasses import replace

import pytest

import ui
from promo import store
from promo.customers import limits
from promo.i18n import t
from tests.app.conftest import shown, widgets

PAGE = "pages/data.py"
CSV = ("会员号,下单时间,实付金额（元）,订单号,门店\n"
       "0001,2025-01-03 10:00:00,\"¥1,234.50\",A1,静安\n"
       "0001,2025-02-10 11:00:00,88,A2,静安\n"
       "0002,2025/03/01,￥-12,A3,国贸\n"
       "0003,2025-03-05,120.5,A4,国贸\n")


def _texts(at, kind: str) -> list[str]:
    return [shown(e.value) for e in at.get(kind)]


def _upload(at, content: bytes, name: str = "sales.csv", key: str = "data_tx_file"):
    at.file_uploader(key=key).set_value((name, content, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _table(at, *columns: str):
    """The first table with these headers (AppTest gives read-only tables no key)."""
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


def _chart(at, key: str) -> dict:
    return json.loads(next(c for c in at.get("plotly_chart") if key in c.proto.id).proto.spec)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_runs_in_both_languages_with_keyed_widgets(app, lang):
    at = app(PAGE, lang=lang)
    assert t("page.data", lang) in at.title[0].value
    assert not at.error
    assert t("data.current_none", lang) in _texts(at, "info")
    for kind, keys in widgets(at).items():
        assert all(keys), f"a {kind} has no key"


def test_upload_shows_mapping_and_report_then_imports(app):
    at = _upload(app(PAGE, lang="en"), CSV.encode("utf-8-sig"))
    assert at.selectbox(key="data_map_customer_id").value == "会员号"
    assert at.selectbox(key="data_map_date").value == "下单时间"
    assert at.selectbox(key="data_map_amount").value == "实付金额（元）"
    assert at.selectbox(key="data_map_discount").value == ""  # no column, shown as "(none)"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Rows in the file"] == "4" and metrics["Rows to import"] == "4" and metrics["Customers"] == "3"
    warnings = " ".join(_texts(at, "warning"))
    assert "negative amount (refunds, rows 4)" in warnings and "leading zeros" in warnings
    assert store.transaction_summary(ui.con())["rows"] == 0  # the report writes nothing
    at.button(key="data_import").click().run()
    assert any("Imported 4 rows (3 customers, 2025-01-03 to 2025-03-05)" in s for s in _texts(at, "success"))
    assert store.transaction_summary(ui.con())["rows"] == 4
    assert store.rfm(ui.con())["customer_id"].tolist() == ["0001", "0002", "0003"]


def test_blocking_rows_are_listed_and_nothing_is_written_until_skipped(app):
    bad = "customer_id,date,amount\nC1,2025-01-01,10\nC2,not a date,20\nC3,2025-01-03,\nC4,2025-01-04,abc\n"
    at = _upload(app(PAGE, lang="en"), bad.encode())
    errors = " ".join(_texts(at, "error"))
    assert "1 row(s) with an unreadable date or a year outside 1900–2100 (rows 3" in errors
    assert "2 row(s) with a blank or non-numeric amount (rows 4, 5" in errors
    assert at.button(key="data_import").disabled
    assert store.transaction_summary(ui.con())["rows"] == 0
    at.checkbox(key="data_skip_bad").check().run()
    at.button(key="data_import").click().run()
    assert any("Imported 1 rows" in s and "3 rows skipped" in s for s in _texts(at, "success"))
    assert store.transaction_summary(ui.con())["rows"] == 1


def test_changing_the_mapping_reaches_the_check(app):
    at = _upload(app(PAGE, lang="zh"), CSV.encode("utf-8"))
    at.selectbox(key="data_map_amount").set_value("").run()
    assert any("缺少必需的列：实付金额（amount）" in e for e in _texts(at, "error"))
    assert not at.get("button") or all(b.key != "data_import" for b in at.button)
    at.selectbox(key="data_map_amount").set_value("订单号").run()
    assert any("列「订单号」同时对应了多个字段" in e for e in _texts(at, "error"))
    at.selectbox(key="data_map_order_id").set_value("").run()
    assert any("金额为空或不是数字" in e for e in _texts(at, "error"))  # order ids are not amounts


@pytest.mark.parametrize("content, expected", [
    (b"", "is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "is not a table"),
    (b"just one line of prose without separators\nand another\n", "is not a table"),
    (b"name,city\nAnn,Paris\n", "missing required column(s): customer_id"),
    (b"customer_id,date,amount\n", "has a header row but no data rows"),
])
def test_bad_files_get_a_clear_message(app, content, expected):
    at = _upload(app(PAGE, lang="en"), content, name="bad.csv")
    assert any(expected in e for e in _texts(at, "error")), _texts(at, "error")
    assert not at.get("metric")


def test_oversized_file_is_refused_with_the_limit(app, monkeypatch):
    monkeypatch.setattr(limits, "UPLOAD", replace(limits.UPLOAD, file_bytes=2**20))
    at = _upload(app(PAGE, lang="zh"), ("customer_id,date,amount\n" + "C1,2025-01-01,10\n" * 80_000).encode())
    assert any("CSV/TSV/Parquet 文件最大 1 MB。更大的文件请在存放数据库的电脑上用命令行导入" in e
               for e in _texts(at, "error"))


def test_demo_segments_apply_and_revert(app):
    at = app(PAGE, lang="en")
    at.button(key="data_demo").click().run()
    assert any(s.startswith("Demo data loaded") for s in _texts(at, "success"))
    before = {s.key: s.size for s in store.load_segments(ui.con())}
    spec = _chart(at, "chart_data_segments")
    assert spec["data"][0]["x"][:3] == ["New", "Active", "Big / VIP"]
    at.button(key="data_seg_apply").click().run()
    assert any("Measured segments now feed the simulator" in s and "Changed 6 segment(s)" in s
               for s in _texts(at, "success"))
    after = {s.key: s.size for s in store.load_segments(ui.con())}
    assert after["prospects"] == before["prospects"] and after["active"] != before["active"]
    assert sum(after[k] for k in ("new", "active", "vip", "half_dormant", "dormant", "churned")) == \
        store.transaction_summary(ui.con())["customers"]
    assert at.button(key="data_seg_apply").disabled  # nothing left to change
    at.button(key="data_seg_revert").click().run()
    assert any("the previous segments are back" in s for s in _texts(at, "success"))
    assert {s.key: s.size for s in store.load_segments(ui.con())} == before
    assert at.button(key="data_seg_revert").disabled


def test_rules_are_validated_then_saved(app):
    at = app(PAGE, lang="en")
    at.button(key="data_demo").click().run()
    at.number_input(key="data_rule_half_dormant_days").set_value(200)
    at.button(key="data_rules_save").click().run()
    assert any("must rise" in e for e in _texts(at, "error"))
    assert store.get_segment_rules(ui.con()) is None
    at.number_input(key="data_rule_half_dormant_days").set_value(60)
    at.button(key="data_rules_save").click().run()
    assert store.get_segment_rules(ui.con())["half_dormant_days"] == 60
    assert any("Rules saved" in s for s in _texts(at, "success"))


def test_calibration_table_after_demo_campaigns_and_readout_uplift(app):
    at = app(PAGE, lang="en")
    at.button(key="data_demo").click().run()
    at.button(key="data_cmp_demo").click().run()
    assert any("Imported 4 campaign(s)" in s and "Not counted" in s for s in _texts(at, "success"))
    by_campaign = _table(at, "Campaign", "Responders", "90% interval")
    assert by_campaign["Campaign"].tolist() == ["CMP001", "CMP002", "CMP003", "CMP004"]
    assert all("%" in v and "–" in v for v in by_campaign["90% interval"])
    by_seg = _table(at, "Segment", "Parameter")
    assert {"Coupon", "Lottery"} <= set(by_seg["Type"]) and "Redemption by regular buyers" in set(by_seg["Parameter"])
    assert not by_seg.isna().any().any()
    assert any("measured: " in i for i in _texts(at, "info"))
    # readout: first campaign, no plan
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Response uplift"].endswith("pp") and metrics["Incremental profit"].startswith(("¥", "-¥"))
    assert not any("nan" in v.lower() for v in metrics.values())
    rates = _chart(at, "chart_data_readout")
    assert rates["data"][0]["x"] == ["Targeted", "Holdout"]
    # with a saved plan: forecast next to actual
    sid = store.list_scenarios(ui.con())[0]["id"]
    at.selectbox(key="data_ro_scenario").set_value(sid).run()
    plan = _table(at, "Figure", "Forecast", "Actual")
    assert plan["Figure"].tolist() == ["Participants", "Incremental revenue", "Profit"]
    assert len(_chart(at, "chart_data_plan")["data"]) == 2


def test_readout_error_is_a_message(app):
    at = app(PAGE, lang="zh")
    at.button(key="data_demo").click().run()
    targets = b"campaign_id,customer_id,promo_type,start_date,end_date\nX1,0000001,coupon,2025-06-01,2025-06-14\n"
    responses = b"campaign_id,customer_id,response_date\n"
    at.file_uploader(key="data_targets_file").set_value(("t.csv", targets, "text/csv"))
    at.file_uploader(key="data_responses_file").set_value(("r.csv", responses, "text/csv")).run()
    at.button(key="data_cmp_import").click().run()
    assert any("已导入 1 个活动" in s for s in _texts(at, "success"))
    assert any("没有对照组客户" in e for e in _texts(at, "error"))  # readout of a campaign without holdout
    assert not at.exception


def test_excel_upload_keeps_leading_zeros(app):
    import io

    import pandas as pd

    buf = io.BytesIO()
    pd.DataFrame({"客户编号": ["007", "008"], "订单日期": ["2025-01-01", "2025-01-02"],
                  "金额": ["10", "20.5"]}).to_excel(buf, index=False)
    at = app(PAGE, lang="zh")
    at.file_uploader(key="data_tx_file").set_value(("会员.xlsx", buf.getvalue(),
                                                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).run()
    assert at.selectbox(key="data_map_customer_id").value == "客户编号"
    assert any("格式：xlsx" in c.value for c in at.caption)
    at.button(key="data_import").click().run()
    assert store.rfm(ui.con())["customer_id"].tolist() == ["007", "008"]


def test_badge_for_the_simulator_follows_imports(app):
    from ui import badges

    at = app(PAGE, lang="en")
    at.button(key="data_demo").click().run()
    assert badges.calibrated("coupon", ["active"]) is None  # no campaigns yet
    at.button(key="data_cmp_demo").click().run()  # the page clears the cache after a write
    cal = badges.calibrated("coupon", ["active", "dormant"])
    assert cal["param"] == "redemption_rate" and 0 < cal["value"] < 1 and cal["campaigns"] == 1
    assert cal["interval"][0] < cal["rate"] < cal["interval"][1]
    assert (cal["badge"].endswith(f"{cal['customers']:,} customers")
            or cal["badge"].endswith(f"{cal['customers']:,} 位客户"))
