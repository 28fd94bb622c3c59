"""Calendar page: both languages, the working plan saved on every change (a new session sees it, undo, redo,
restore), items by name, violations listed, named copies, the optimizer with its stages, file import, reports."""
import base64
import json

import numpy as np
import pytest

import ui
from promo import TYPES, Rules, new_plan, store
from promo.customers import demo
from tests.app.conftest import metric, shown

PAGE = "pages/calendar.py"


def _spec(at, key: str) -> dict:
    return json.loads(next(c for c in at.get("plotly_chart") if key in c.proto.id).proto.spec)


def _values(v):
    return np.frombuffer(base64.b64decode(v["bdata"]), v["dtype"]) if isinstance(v, dict) else np.array(v, dtype=float)


def _working() -> dict:
    return store.working_plan(ui.con())


def _calendar(app, lang="en", empty=True):
    """The calendar page; by default on an empty 2027 plan instead of the demo's (a version of its own)."""
    at = app(lang=lang)
    if empty:
        store.save_working_plan(ui.con(), new_plan(2027), Rules(), {"key": "cal.v.started", "values": {"year": 2027}})
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _add(at, type_key: str, segs: list[str], start: int, weeks: int = 2, item_id: str = ""):
    at.selectbox(key="cal_f_target").set_value("__new__").run()
    at.text_input(key="cal_f_id").set_value(item_id)
    at.selectbox(key="cal_f_type").set_value(type_key).run()
    at.multiselect(key="cal_f_segs").set_value(segs)
    at.number_input(key="cal_f_start").set_value(start)
    at.number_input(key="cal_f_weeks").set_value(weeks)
    at.button(key="cal_f_add").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _errors(at) -> str:
    """The error boxes as the reader sees them (names and values in them are Markdown-escaped)."""
    return "\n".join(shown(e.value) for e in at.error)


def _texts(elements) -> list[str]:
    """Messages as the reader sees them (names in them are Markdown-escaped)."""
    return [e.value.replace("\\", "") for e in elements]


def test_a_new_session_opens_the_demo_plan_made_by_the_optimizer(app):
    at = _calendar(app, "zh", empty=False)
    shipped = demo.demo_plan()
    assert metric(at, "活动项") == str(len(shipped.items))
    assert "计划符合所有规则。" in [s.value for s in at.success]
    table = next(d.value for d in at.dataframe if "name" in d.value.columns)  # items by name, ids in the last column
    first = shipped.items[0]  # e.g. gift-churned-w01-mid: 赠品促销 · 流失顾客 · 第 1 周 · 赠品单位成本 ¥15
    segment = next(s for s in store.load_segments(ui.con()) if s.key == first.segments[0])
    assert table["name"].iloc[0].startswith(f"{TYPES[first.type].zh} · {segment.zh} · 第 {first.start_week} 周 · ")
    assert table["id"].iloc[0] == first.id


@pytest.mark.parametrize("lang, items, cost", [("en", "Items", "Expected cost"), ("zh", "活动项", "预计成本")])
def test_page_runs_in_both_languages_and_adding_an_item_updates_totals(app, lang, items, cost):
    at = _calendar(app, lang)
    assert metric(at, items) == "0"
    assert len(at.get("plotly_chart")) >= 3  # Gantt, weekly, season
    _add(at, "discount", ["active"], 3)
    assert metric(at, items) == "1"
    assert metric(at, cost) not in ("¥0", "—")
    assert "nan" not in " ".join(m.value.lower() for m in at.metric)
    assert ("Item item-1 added." if lang == "en" else "已添加活动项 item-1。") in _texts(at.success)
    gantt = _spec(at, "chart_cal_gantt")
    bars = [t for t in gantt["data"] if t.get("type") == "bar"]
    assert bars and bars[0]["text"] == (["Discount depth 15%"] if lang == "en" else ["折扣幅度 15%"])


def test_every_change_is_saved_and_a_new_session_sees_it(app):
    at = _calendar(app)
    first = _working()["id"]
    _add(at, "gift", ["new"], 12, item_id="g1")
    saved = _working()
    assert saved["id"] > first and [i["id"] for i in saved["plan"]["items"]] == ["g1"]
    assert saved["change"] == {"key": "cal.form.added", "values": {"id": "g1"}}
    # a new session (a reload, another browser) reads the same plan
    other = app(lang="en")
    other.switch_page(PAGE).run()
    assert metric(other, "Items") == "1"


def test_undo_redo_and_restoring_an_earlier_version(app):
    at = _calendar(app)
    _add(at, "gift", ["new"], 12, item_id="g1")
    _add(at, "coupon", ["vip"], 20, weeks=4, item_id="c1")
    assert metric(at, "Items") == "2"
    at.button(key="cal_undo").click().run()
    assert metric(at, "Items") == "1" and "The last change was undone." in [s.value for s in at.info]
    at.button(key="cal_redo").click().run()
    assert metric(at, "Items") == "2"
    assert at.button(key="cal_redo").disabled
    # restore the empty version: it becomes the newest, nothing after it is lost
    versions = store.plan_versions(ui.con())
    empty = next(v["id"] for v in versions if not v["plan"]["items"])
    at.selectbox(key="cal_version_pick").set_value(empty).run()
    at.button(key="cal_version_restore").click().run()
    assert metric(at, "Items") == "0"
    assert [len(v["plan"]["items"]) for v in store.plan_versions(ui.con())][:3] == [0, 2, 1]


def test_rule_violation_is_listed_and_fixing_it_clears_it(app):
    at = _calendar(app)
    _add(at, "discount", ["active"], 3, item_id="d1")
    _add(at, "discount", ["active"], 6, item_id="d2")
    text = _errors(at).replace("\\", "")
    assert "1 rule(s) broken" in text and "the minimum gap is 8 weeks" in text and "d1" in text and "d2" in text
    gantt = _spec(at, "chart_cal_gantt")
    assert any(t.get("name") == "Breaks a rule" for t in gantt["data"])
    # move d2 later through the items table: the violation goes away
    at.session_state[f"cal_items_{_working()['id']}"] = {"edited_rows": {1: {"start": 20}}, "added_rows": [],
                                                         "deleted_rows": []}
    at.run()
    assert not at.exception
    assert "rule(s) broken" not in _errors(at)
    assert [i["start_week"] for i in _working()["plan"]["items"]] == [3, 20]


def test_bad_edits_change_nothing(app):
    at = _calendar(app)
    _add(at, "coupon", ["vip"], 10, weeks=4, item_id="c1")
    before = _working()
    # an item that would run past the year's end
    at.session_state[f"cal_items_{before['id']}"] = {"edited_rows": {0: {"start": 52}}, "added_rows": [],
                                                     "deleted_rows": []}
    at.run()
    assert "start it by week" in _errors(at)
    assert _working() == before
    # a blank season week
    at.session_state[f"cal_items_{before['id']}"] = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}
    at.session_state[f"cal_season_{before['id']}"] = {"edited_rows": {4: {"multiplier": None}}, "added_rows": [],
                                                      "deleted_rows": []}
    at.run()
    assert "Week 5: the multiplier is blank" in _errors(at)
    assert _working() == before
    # contradicting rules are reported and not applied
    at.session_state[f"cal_season_{before['id']}"] = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}
    at.session_state[f"cal_r_types_{before['id']}"] = {"edited_rows": {0: {"max_runs": 10, "min_gap": 20}},
                                                       "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    assert "contradicts min_gap_weeks.discount = 20" in _errors(at)
    assert "nan" not in _errors(at).lower()
    assert _working() == before


def test_a_rule_change_is_saved_with_the_plan(app):
    at = _calendar(app)
    version = _working()["id"]
    at.session_state[f"cal_r_types_{version}"] = {"edited_rows": {0: {"max_runs": 2}}, "added_rows": [],
                                                  "deleted_rows": []}
    at.number_input(key=f"cal_r_share_{version}").set_value(30.0)
    at.run()
    saved = _working()
    assert saved["rules"]["max_runs"]["discount"] == 2 and saved["rules"]["max_deal_share"] == 0.3
    assert "The rules were changed and saved." in [s.value for s in at.success]


def test_changing_the_year_drops_what_does_not_fit_and_is_saved(app):
    at = _calendar(app)
    _add(at, "coupon", ["vip"], 49, weeks=4, item_id="late")  # weeks 49–52
    at.number_input(key=f"cal_year_{_working()['id']}").set_value(2026).run()  # 53 weeks: still fits
    assert _working()["plan"]["year"] == 2026 and len(_working()["plan"]["items"]) == 1
    at.number_input(key=f"cal_year_{_working()['id']}").set_value(2027).run()
    assert _working()["plan"]["year"] == 2027
    at.session_state[f"cal_items_{_working()['id']}"] = {"edited_rows": {0: {"start": 50}}, "added_rows": [],
                                                         "deleted_rows": []}
    at.run()
    assert "start it by week 49" in _errors(at)


def test_saving_a_named_copy_numbers_a_taken_name(app):
    at = _calendar(app)
    _add(at, "gift", ["new"], 12, item_id="g1")
    for _ in range(2):
        at.text_input(key="cal_save_name").set_value("Spring plan")
        at.button(key="cal_save").click().run()
    names = [p["name"] for p in store.list_plans(ui.con())]
    assert names[-2:] == ["Spring plan", "Spring plan (2)"]
    assert "The name “Spring plan” was taken, so it was saved as “Spring plan (2)”." in _texts(at.info)
    saved = store.list_plans(ui.con())[-1]
    assert saved["plan"]["items"][0]["id"] == "g1" and saved["summary"]["cost"] > 0
    # remove the item, then load the copy back
    at.selectbox(key="cal_f_target").set_value("g1").run()
    at.button(key="cal_f_remove").click().run()
    assert _working()["plan"]["items"] == []
    at.selectbox(key="cal_load_pick").set_value(saved["id"]).run()
    at.button(key="cal_load").click().run()
    assert [i["id"] for i in _working()["plan"]["items"]] == ["g1"]


def test_optimizer_on_a_small_instance_returns_a_plan_that_applying_saves(app):
    at = _calendar(app)
    at.multiselect(key="cal_opt_types").set_value(["discount", "coupon"])
    at.multiselect(key="cal_opt_segs").set_value(["active", "vip"])
    at.number_input(key="cal_opt_budget").set_value(60000.0)
    at.button(key="cal_opt_run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    res = at.session_state["cal_opt"]["result"]
    assert res.status == "optimal" and res.plan.items and not res.violations
    table = next(d.value for d in at.dataframe if "Proposed plan" in d.value.columns)
    assert list(table.columns) == ["", "Current plan", "Proposed plan"] and table.notna().all().all()
    assert table["Current plan"].tolist()[5] == "—"  # the empty plan spends nothing: its ROI is undefined
    at.button(key="cal_opt_apply").click().run()
    assert not at.exception
    assert len(_working()["plan"]["items"]) == len(res.plan.items)  # applied = saved
    assert metric(at, "Items") == str(len(res.plan.items))
    assert "rule(s) broken" not in _errors(at)
    profit = next(t for t in _spec(at, "chart_cal_weekly")["data"] if t.get("name") == "Incremental profit")
    assert np.isfinite(_values(profit["y"])).all()


def test_progress_follows_the_optimizers_stage_codes(app):
    from promo.planning import Progress
    from ui.calendar.optimizer import progress_text

    _calendar(app, "zh")
    assert progress_text(Progress("simulating", 0.1, 2, 10, "coupon")) == "正在模拟优惠券（第 3 种，共 10 种）"
    assert progress_text(Progress("solving", 0.55, 1)) == "正在求解（第 1 轮）"


def test_infeasible_locked_items_are_explained(app):
    at = _calendar(app)
    _add(at, "lottery", ["vip"], 5, weeks=4, item_id="l1")
    _add(at, "lottery", ["vip"], 12, weeks=4, item_id="l2")  # 3 weeks after l1: the gap is 12
    for item in ("l1", "l2"):
        at.selectbox(key="cal_f_target").set_value(item).run()
        at.checkbox(key="cal_f_locked").check()
        at.button(key="cal_f_update").click().run()
    at.multiselect(key="cal_opt_types").set_value(["lottery"])
    at.multiselect(key="cal_opt_segs").set_value(["vip"])
    at.button(key="cal_opt_run").click().run()
    text = _errors(at) + "\n".join(m.value.replace("\\", "") for m in at.markdown)
    assert "No plan fits the rules" in text and "Relax those rules or unlock" in text


@pytest.mark.parametrize("content, expected", [
    (b'{"year": 2027, "items": [', "not valid JSON"),
    (b"\xff\xfe\x00bad", "not UTF-8"),
    (json.dumps({"year": 2027, "items": [{"type": "dicsount", "segments": ["active"], "start_week": 3}]}).encode(),
     "Did you mean 'discount'?"),
])
def test_malformed_plan_upload_gives_a_message_and_changes_nothing(app, content, expected):
    at = _calendar(app)
    before = _working()
    at.file_uploader(key="cal_import").set_value(("plan.json", content, "application/json")).run()
    assert not at.exception
    assert expected in _errors(at)
    assert _working() == before


def test_good_plan_upload_replaces_the_plan(app):
    at = _calendar(app, "zh")
    d = {"year": 2027, "items": [{"id": "d11", "type": "discount", "segments": ["new"], "start_week": 45,
                                  "duration_weeks": 1, "params": {"depth": 0.2}}]}
    at.file_uploader(key="cal_import").set_value(("p.json", json.dumps(d).encode(), "application/json")).run()
    assert not at.exception
    assert _working()["plan"]["year"] == 2027 and [i["id"] for i in _working()["plan"]["items"]] == ["d11"]
    assert metric(at, "活动项") == "1"
    # the Chinese page says where to click in the uploader and the real limit
    assert any("点击上方框内的「Upload」按钮" in c.value and "5 MB" in c.value for c in at.caption)


def test_reports_and_json_files_are_named_by_business_plan_and_date(app):
    at = _calendar(app, "zh", empty=False)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Excel 工作簿", "离线网页（交互图表）", "导出计划 JSON", "导出规则 JSON"]
    assert at.button(key="cal_dl_png_make").label == "生成 2 张图表 PNG"


def test_plan_invalid_for_todays_segments_offers_a_new_plan(app):
    at = _calendar(app, empty=False)
    segs = [s for s in store.load_segments(ui.con()) if s.key != "churned"]
    store.save_segments(ui.con(), segs)
    at.run()
    assert "The current plan is not valid" in _errors(at)
    at.button(key="cal_start_over").click().run()
    assert metric(at, "Items") == "0" and _working()["plan"]["year"] == demo.demo_plan().year
