"""Simulator page: live KPIs, URL state, bad input, saving a scenario that then shows on Compare."""
import base64

import numpy as np

import ui
from promo import store
from tests.app.conftest import metric


def _profit_values(at):
    spec = at.get("plotly_chart")[1].proto.spec
    import json
    bars = json.loads(spec)["data"][0]["y"]
    return np.frombuffer(base64.b64decode(bars["bdata"]), bars["dtype"]) if isinstance(bars, dict) else np.array(bars)


def test_changing_a_parameter_changes_the_kpi(app):
    at = app("pages/simulator.py", lang="en")
    before = metric(at, "Profit"), metric(at, "Cost")
    chart_before = _profit_values(at)
    at.slider(key="discount.depth").set_value(25.0).run()
    after = metric(at, "Profit"), metric(at, "Cost")
    assert before[0] != after[0] and before[1] != after[1]
    assert not np.array_equal(chart_before, _profit_values(at))


def test_url_prefills_inputs_and_records_changes(app):
    at = app("pages/simulator.py", lang="en")
    at.query_params["type"] = "coupon"
    at.query_params["seg"] = ["dormant", "vip"]
    at.query_params["coupon.face_value"] = "20"
    at.session_state["type"] = "coupon"  # AppTest keeps state across runs; the browser test checks a fresh load
    at.run()
    assert at.selectbox(key="type").value == "coupon"
    at.number_input(key="coupon.face_value").set_value(30.0).run()
    assert at.query_params["coupon.face_value"] == "30"


def test_fresh_load_from_url(app):
    at = app("pages/simulator.py", type="coupon", seg=["dormant", "vip"], **{"coupon.face_value": "20"})
    assert at.selectbox(key="type").value == "coupon"
    assert at.multiselect(key="seg").value == ["dormant", "vip"]
    assert at.number_input(key="coupon.face_value").value == 20.0


def test_bad_link_value_is_ignored_with_a_message(app):
    at = app(lang="en", type="cupon")
    at.switch_page("pages/simulator.py").run()
    assert any("cupon" in w.value for w in at.warning)
    assert at.selectbox(key="type").value == "discount"


def test_out_of_range_value_gets_a_message_next_to_the_field(app):
    at = app("pages/simulator.py", lang="en", type="coupon")
    at.number_input(key="coupon.face_value").set_value(-5.0).run()
    assert not at.exception
    msgs = [e.value for e in at.error]
    assert any("Allowed: 1.00 to 1,000.00" in m for m in msgs), msgs
    assert any("Fix the inputs" in w.value for w in at.warning)


def test_save_scenario_appears_in_compare(app):
    at = app("pages/simulator.py", lang="en", type="gift")
    at.text_input(key="save_name").set_value("My <b>gift</b> test").run()
    at.button(key="save_button").click().run()
    assert any("Saved" in s.value for s in at.success)
    at.switch_page("pages/compare.py").run()
    options = at.multiselect(key="cmp_selected").options
    assert any("My <b>gift</b> test" in o for o in options)


def test_saving_under_a_taken_name_numbers_the_new_scenario_and_says_so(app):
    at = app("pages/simulator.py", lang="zh", type="gift")
    for _ in range(2):
        at.text_input(key="save_name").set_value("同名方案").run()
        at.button(key="save_button").click().run()
    assert [s["name"] for s in store.list_scenarios(ui.con())][-2:] == ["同名方案", "同名方案 (2)"]
    assert [i.value.replace("\\", "") for i in at.info] == ["名称「同名方案」已被使用，所以保存为「同名方案 (2)」。"]


def test_every_type_renders_without_nan(app):
    from promo import TYPES
    at = app("pages/simulator.py", lang="zh")
    for type_key in TYPES:
        at.selectbox(key="type").set_value(type_key).run()
        assert not at.exception, type_key
        shown = [m.value for m in at.metric] + [m.value for m in at.markdown] + [w.value for w in at.warning]
        assert shown and not any("nan" in s.lower() or "inf" in s.lower() for s in shown), type_key
