"""Calendar page: both languages, items change the totals, violations listed, saving, the optimizer, file import."""
import base64
import json

import numpy as np
import pytest

import ui
from promo import store
from tests.app.conftest import metric, shown

PAGE = "pages/calendar.py"


def _spec(at, key: str) -> dict:
    return json.loads(next(c for c in at.get("plotly_chart") if c.proto.id.endswith(key) or key in c.proto.id).proto.spec)


def _values(v):
    return np.frombuffer(base64.b64decode(v["bdata"]), v["dtype"]) if isinstance(v, dict) else np.array(v, dtype=float)


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
    return "\n".join(shown(e.value) for e in at.error)


@pytest.mark.parametrize("lang, items, cost", [("en", "Items", "Expected cost"), ("zh", "活动项", "预计成本")])
def test_page_runs_in_both_languages_and_adding_an_item_updates_totals(app, lang, items, cost):
    at = app(PAGE, lang=lang)
    assert metric(at, items) == "0"
    assert len(at.get("plotly_chart")) >= 3  # Gantt, weekly, season
    _add(at, "discount", ["active"], 3)
    assert metric(at, items) == "1"
    assert metric(at, cost) not in ("¥0", "—")
    assert "nan" not in " ".join(m.value.lower() for m in at.metric)
    assert ("Item item-1 added." if lang == "en" else "已添加活动项 item-1。") in [shown(s.value) for s in at.success]
    gantt = json.loads(at.get("plotly_chart")[0].proto.spec)
    bars = [t for t in gantt["data"] if t.get("type") == "bar"]
    assert bars and bars[0]["text"] == ["item-1"]


def test_rule_violation_is_listed_and_fixing_it_clears_it(app):
    at = app(PAGE, lang="en")
    _add(at, "discount", ["active"], 3, item_id="d1")
    _add(at, "discount", ["active"], 6, item_id="d2")
    text = _errors(at)
    assert "1 rule(s) broken" in text and "the minimum gap is 8 weeks" in text and "d1" in text and "d2" in text
    gantt = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert any(t.get("name") == "Breaks a rule" for t in gantt["data"])
    # move d2 later through the items table: the violation goes away
    at.session_state["cal_items_editor"] = {"edited_rows": {1: {"start": 20}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    assert "rule(s) broken" not in _errors(at)
    assert [i["start_week"] for i in at.session_state["cal_plan"]["items"]] == [3, 20]


def test_bad_edits_change_nothing(app):
    at = app(PAGE, lang="en")
    _add(at, "coupon", ["vip"], 10, weeks=4, item_id="c1")
    before = at.session_state["cal_plan"]
    # an item that would run past the year's end
    at.session_state["cal_items_editor"] = {"edited_rows": {0: {"start": 52}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert "start it by week" in _errors(at)
    assert at.session_state["cal_plan"] == before
    # a blank season week
    at.session_state["cal_items_editor"] = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}
    at.session_state[f"cal_season_{before['year']}"] = {"edited_rows": {4: {"multiplier": None}}, "added_rows": [],
                                                       "deleted_rows": []}
    at.run()
    assert "Week 5: the multiplier is blank" in _errors(at)
    assert at.session_state["cal_plan"] == before
    # contradicting rules are reported and not applied
    at.session_state[f"cal_season_{before['year']}"] = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}
    at.session_state["cal_rules_types"] = {"edited_rows": {0: {"max_runs": 10, "min_gap": 20}}, "added_rows": [],
                                           "deleted_rows": []}
    at.run()
    assert not at.exception
    assert "contradicts min_gap_weeks.discount = 20" in _errors(at)
    assert "nan" not in _errors(at).lower()


def test_saving_a_plan_stores_it(app):
    at = app(PAGE, lang="en")
    _add(at, "gift", ["new"], 12, item_id="g1")
    at.text_input(key="cal_save_name").set_value("Spring plan")
    at.button(key="cal_save").click().run()
    assert any("Plan saved" in s.value for s in at.success)
    saved = store.list_plans(ui.con())
    assert [p["name"] for p in saved] == ["Spring plan"]
    assert saved[0]["plan"]["items"][0]["id"] == "g1" and saved[0]["summary"]["cost"] > 0
    # load it back after clearing the calendar
    at.selectbox(key="cal_f_target").set_value("g1").run()
    at.button(key="cal_f_remove").click().run()
    assert at.session_state["cal_plan"]["items"] == []
    at.button(key="cal_load").click().run()
    assert [i["id"] for i in at.session_state["cal_plan"]["items"]] == ["g1"]


def test_optimizer_on_a_small_instance_returns_a_plan_that_can_be_applied(app):
    at = app(PAGE, lang="en")
    at.multiselect(key="cal_opt_types").set_value(["discount", "coupon"])
    at.multiselect(key="cal_opt_segs").set_value(["active", "vip"])
    at.number_input(key="cal_opt_budget").set_value(60000.0)
    at.button(key="cal_opt_run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    res = at.session_state["cal_opt"]["result"]
    assert res.status == "optimal" and res.plan.items and not res.violations
    table = next(d.value for d in at.dataframe if "Proposed plan" in d.value.columns)
    assert list(table.columns) == ["", "Current plan", "Proposed plan"] and table.notna().all().all()
    at.button(key="cal_opt_apply").click().run()
    assert not at.exception
    assert len(at.session_state["cal_plan"]["items"]) == len(res.plan.items)
    assert metric(at, "Items") == str(len(res.plan.items))
    assert "rule(s) broken" not in _errors(at)
    weekly = json.loads(at.get("plotly_chart")[1].proto.spec)
    profit = next(t for t in weekly["data"] if t.get("name") == "Incremental profit")
    assert np.isfinite(_values(profit["y"])).all()


def test_infeasible_locked_items_are_explained(app):
    at = app(PAGE, lang="en")
    _add(at, "lottery", ["vip"], 5, weeks=4, item_id="l1")
    _add(at, "lottery", ["vip"], 12, weeks=4, item_id="l2")  # 3 weeks after l1: the gap is 12
    for item in ("l1", "l2"):
        at.selectbox(key="cal_f_target").set_value(item).run()
        at.checkbox(key="cal_f_locked").check()
        at.button(key="cal_f_update").click().run()
    at.multiselect(key="cal_opt_types").set_value(["lottery"])
    at.multiselect(key="cal_opt_segs").set_value(["vip"])
    at.button(key="cal_opt_run").click().run()
    text = _errors(at) + "\n".join(m.value for m in at.markdown)
    assert "No plan fits the rules" in text and "Relax those rules or unlock" in text


@pytest.mark.parametrize("content, expected", [
    (b'{"year": 2027, "items": [', "not valid JSON"),
    (b"\xff\xfe\x00bad", "not UTF-8"),
    (json.dumps({"year": 2027, "items": [{"type": "dicsount", "segments": ["active"], "start_week": 3}]}).encode(),
     "Did you mean 'discount'?"),
])
def test_malformed_plan_upload_gives_a_message_and_changes_nothing(app, content, expected):
    at = app(PAGE, lang="en")
    before = at.session_state["cal_plan"]
    at.file_uploader(key="cal_import").set_value(("plan.json", content, "application/json")).run()
    assert not at.exception
    assert expected in _errors(at)
    assert at.session_state["cal_plan"] == before


def test_good_plan_upload_replaces_the_plan(app):
    at = app(PAGE, lang="zh")
    d = {"year": 2027, "items": [{"id": "d11", "type": "discount", "segments": ["new"], "start_week": 45,
                                  "duration_weeks": 1, "params": {"depth": 0.2}}]}
    at.file_uploader(key="cal_import").set_value(("p.json", json.dumps(d).encode(), "application/json")).run()
    assert not at.exception
    assert at.session_state["cal_plan"]["year"] == 2027
    assert [i["id"] for i in at.session_state["cal_plan"]["items"]] == ["d11"]
    assert metric(at, "活动项") == "1"
