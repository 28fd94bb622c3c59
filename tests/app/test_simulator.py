"""Simulator page: live KPIs and charts, what each input reruns (and what it leaves unsent), typed numbers, URL
state, bad input, saving a scenario that then shows on Compare, both languages."""
import pytest

from promo import TYPES, live_charts as lc, make_campaign, sensitivity, simulate, store
from tests.app.conftest import live_charts, metric, shown

CHARTS = {"waterfall", "distribution", "tornado"}


def _expected(at, type_key="discount", segs=("active",), params=None, draws=10_000, **settings):
    """The simulation the page should show, computed here on the page's own segments."""
    import ui

    campaign = make_campaign(type_key, list(segs), params or {}, **settings)
    segments = tuple(store.load_segments(ui.con()))
    return simulate(campaign, segments, draws=draws, seed=7), sensitivity(campaign, segments)


def _downloads(at) -> list[str]:
    """The report buttons shown: Excel and HTML downloads, and the button that makes the PNGs."""
    return [b.key for b in at.get("download_button")] + [b.key for b in at.button if b.key.startswith("sim_dl")]


def _rows(chart) -> list[dict]:
    return [dict(zip(chart.data, values, strict=True)) for values in zip(*chart.data.values(), strict=True)]


def test_a_parameter_change_updates_kpis_and_every_chart_with_the_new_values(app):
    at = app("pages/simulator.py", lang="en")
    before = live_charts(at)
    assert set(before) == CHARTS
    at.slider(key="discount.depth").set_value(25.0).run()
    result, sens = _expected(at, params={"depth": 0.25})
    charts = live_charts(at)
    assert set(charts) == CHARTS  # all three depend on the depth: all three re-sent
    assert metric(at, "Profit") == charts["waterfall"]["rows"][-1]["text"]  # the bar ending the waterfall
    assert charts["waterfall"]["rows"] == _rows(lc.waterfall(result, "en", "¥"))
    assert charts["distribution"]["rows"] == _rows(lc.distribution(result, "en", "¥"))
    assert charts["distribution"]["rows"][0]["text"] == f"Profit distribution · P(loss) {result.prob_loss:.0%}"
    assert charts["tornado"]["rows"] == _rows(lc.tornado(sens, "en", "¥"))
    assert charts["tornado"]["rows"] != before["tornado"]["rows"]
    for name in CHARTS:  # the same spec: the browser updates each chart in place
        assert charts[name]["spec"] == before[name]["spec"]


def test_a_slider_change_resends_its_own_input_and_the_results_only(app):
    at = app("pages/simulator.py", lang="en")
    at.slider(key="discount.depth").set_value(30.0).run()
    assert [s.key for s in at.slider] == ["discount.depth"]
    assert [n.key for n in at.number_input] == ["typed:discount.depth"]
    assert at.number_input(key="typed:discount.depth").value == 30.0  # the typed box follows the slider
    assert not at.get("download_button") and not at.text_input  # the save panel is left alone


def test_typing_a_number_moves_the_slider_the_link_and_the_results(app):
    at = app("pages/simulator.py", lang="en")
    profit = metric(at, "Profit")
    at.number_input(key="typed:discount.depth").set_value(30.0).run()
    assert at.slider(key="discount.depth").value == 30.0
    assert at.query_params["discount.depth"] == "30"
    result, _ = _expected(at, params={"depth": 0.30})
    assert metric(at, "Profit") != profit
    assert live_charts(at)["waterfall"]["rows"][-1]["value"] == pytest.approx(result.profit.mean)
    at.run()  # the whole page again: a fragment run sends only what it redraws
    at.number_input(key="typed:duration_weeks").set_value(6).run()  # a whole-number setting
    assert at.slider(key="duration_weeks").value == 6 and at.query_params["duration_weeks"] == "6"


def test_every_slider_has_a_typed_twin(app):
    at = app("pages/simulator.py", lang="zh")
    for type_key in TYPES:
        at.selectbox(key="type").set_value(type_key).run()
        sliders = [s.key for s in at.slider]
        assert sliders and [n.key for n in at.number_input if n.key.startswith("typed:")] == \
               [f"typed:{k}" for k in sliders], type_key
    assert not at.get("select_slider")


def test_the_number_of_scenarios_does_not_resend_the_tornado(app):
    """The tornado uses expected values: fewer scenarios change the KPIs and the main charts, not it."""
    at = app("pages/simulator.py", lang="en")
    at.button_group(key="draws").set_value(1000).run()
    charts = live_charts(at)
    assert set(charts) == {"waterfall", "distribution"}
    result, _ = _expected(at, draws=1000)
    assert metric(at, "Profit") == charts["waterfall"]["rows"][-1]["text"]
    assert charts["waterfall"]["rows"][-1]["value"] == pytest.approx(result.profit.mean)
    assert not at.slider and not at.get("download_button")


def test_the_save_name_resends_no_chart_and_no_kpi(app):
    at = app("pages/simulator.py", lang="en")
    at.text_input(key="save_name").set_value("Spring sale").run()
    assert not live_charts(at) and not at.metric and not at.slider
    assert at.text_input(key="save_name").value == "Spring sale"


def test_invalid_inputs_hide_the_downloads_and_valid_ones_bring_them_back(app):
    at = app("pages/simulator.py", lang="en", type="coupon")
    assert _downloads(at) == ["sim_dl_xlsx", "sim_dl_html", "sim_dl_png_make"]
    at.number_input(key="coupon.face_value").set_value(-5.0).run()
    assert not at.exception
    assert any("Allowed: 1.00 to 1,000.00" in e.value for e in at.error)
    assert any("Fix the inputs" in w.value for w in at.warning)
    assert at.text_input(key="save_name") and not _downloads(at)  # the save panel was redrawn
    assert not live_charts(at) and not at.metric
    at.button(key="save_button").click().run()
    assert any("Fix the inputs" in w.value for w in at.warning) and not at.success
    assert not at.number_input and not at.metric  # the button reran the save panel alone
    at.run()
    at.number_input(key="coupon.face_value").set_value(20.0).run()
    assert len(_downloads(at)) == 3 and set(live_charts(at)) == CHARTS


def test_inputs_the_model_rejects_together_get_its_message(app):
    """Each value in its range, the pair not (a coupon worth more than its minimum spend): the model's own message,
    in the results and on pressing Save, no exception, nothing simulated."""
    at = app("pages/simulator.py", lang="zh", type="coupon")
    at.number_input(key="coupon.face_value").set_value(200.0).run()
    message = "券面额 200 大于使用门槛 100：优惠不能超过门槛金额；请降低面额或提高门槛（0 = 无门槛）。"
    assert [shown(e.value) for e in at.error] == [message]
    assert not live_charts(at) and not at.metric and not _downloads(at)
    at.button(key="save_button").click().run()
    assert [shown(e.value) for e in at.error] == [message] and not at.success


def test_the_downloads_follow_the_inputs_without_being_redrawn(app):
    """The report buttons make their files from what the page shows when pressed."""
    at = app("pages/simulator.py", lang="en")
    at.slider(key="discount.depth").set_value(40.0).run()
    now = at.session_state["_sim_current"]
    assert now["campaign"].params["depth"] == pytest.approx(0.40)
    assert now["result"].profit.mean == pytest.approx(_expected(at, params={"depth": 0.40})[0].profit.mean)
    assert now["sens"][0]["base"] == live_charts(at)["tornado"]["rows"][0]["base"]


def test_pngs_are_made_of_the_inputs_on_screen_and_dropped_when_an_input_moves(app, monkeypatch):
    """The PNG button draws the charts of the scenario shown; once an input moves, that zip is stale: the save
    panel is redrawn with the button that makes new ones (not a download of the old charts)."""
    from promo.sharing import reports

    drawn = []

    def pngs(figures, progress=None):
        figures = list(figures)
        drawn.append({key: (name, reports.chart_rows(fig)) for name, key, fig in figures})
        return b"zip"
    monkeypatch.setattr(reports, "chart_pngs", pngs)
    at = app("pages/simulator.py", lang="en")
    at.text_input(key="save_name").set_value("Spring <b>sale</b>").run()
    assert at.button(key="sim_dl_png_make").label == "Make 3 PNG charts"
    at.button(key="sim_dl_png_make").click().run()
    assert list(drawn[0]) == ["waterfall", "distribution", "tornado"]
    assert {name for name, _ in drawn[0].values()} == {"Spring <b>sale</b>"}
    assert drawn[0]["waterfall"][1][-1][2] == pytest.approx(_expected(at)[0].profit.mean)  # the bar ending it
    assert _downloads(at) == ["sim_dl_xlsx", "sim_dl_html", "sim_dl_png"]
    png = next(b for b in at.get("download_button") if b.key == "sim_dl_png")
    assert png.proto.label == "Download the PNG charts (zip)"
    at.slider(key="discount.depth").set_value(35.0).run()
    assert _downloads(at) == ["sim_dl_xlsx", "sim_dl_html", "sim_dl_png_make"]  # redrawn: the old zip is gone
    assert "sim_dl_png_zip" not in at.session_state
    at.slider(key="discount.depth").set_value(30.0).run()
    assert not at.get("download_button") and not at.text_input  # nothing made since: the save panel left alone
    at.run()
    at.button(key="sim_dl_png_make").click().run()
    assert drawn[1]["waterfall"][1][-1][2] == pytest.approx(_expected(at, params={"depth": 0.30})[0].profit.mean)


def test_roi_spread_is_shown_apart_and_a_dash_with_a_note_when_nothing_is_spent(app):
    at = app("pages/simulator.py", lang="en")
    result, _ = _expected(at)
    roi = next(m for m in at.metric if m.label == "ROI")
    assert roi.value == f"{result.roi.mean:.2f}×"
    assert roi.delta == f"8 in 10 scenarios: {result.roi.p10:.2f}× to {result.roi.p90:.2f}×"  # under the headline
    assert any(c.value.startswith("The profit's spread comes mostly from: ") for c in at.caption)
    at = app("pages/simulator.py", lang="en", type="free_trial", **{"free_trial.samples": "0"})
    roi = next(m for m in at.metric if m.label == "ROI")
    assert metric(at, "Cost") == "¥0" and roi.value == "—"
    assert roi.delta == "Nothing is spent, so the ROI is undefined."


@pytest.mark.parametrize("lang, texts", [
    ("en", {"waterfall": "Revenue to profit", "tornado": "Which inputs move the profit most", "axis": "Profit (¥)",
            "kpi": "Profit", "low": "At low value"}),
    ("zh", {"waterfall": "从新增收入到利润", "tornado": "哪些假设最影响利润", "axis": "利润（¥）",
            "kpi": "期望利润", "low": "取低值"})])
def test_the_page_in_both_languages(app, lang, texts):
    at = app("pages/simulator.py", lang=lang)
    assert not at.exception
    charts = live_charts(at)
    assert charts["waterfall"]["spec"]["title"]["text"] == texts["waterfall"]
    assert charts["tornado"]["spec"]["title"]["text"] == texts["tornado"]
    assert charts["distribution"]["spec"]["layer"][0]["encoding"]["x"]["title"] == texts["axis"]
    assert {r["side"] for r in charts["tornado"]["rows"]} >= {texts["low"]}
    result, _ = _expected(at)
    assert charts["distribution"]["rows"][0]["subtitle"].startswith("P10 -¥")  # the money of this result
    assert metric(at, texts["kpi"]) == charts["waterfall"]["rows"][-1]["text"]
    assert f"{result.prob_loss:.0%}" in charts["distribution"]["rows"][0]["text"]


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


def test_save_scenario_appears_in_compare(app):
    at = app("pages/simulator.py", lang="en", type="gift")
    at.text_input(key="save_name").set_value("My <b>gift</b> test").run()
    at.button(key="save_button").click().run()
    assert any("Saved" in s.value for s in at.success)
    at.switch_page("pages/compare.py").run()
    options = at.multiselect(key="cmp_selected").options
    assert any("My <b>gift</b> test" in o for o in options)


def test_saving_under_a_taken_name_numbers_the_new_scenario_and_says_so(app):
    import ui

    at = app("pages/simulator.py", lang="zh", type="gift")
    for _ in range(2):
        at.text_input(key="save_name").set_value("同名方案").run()
        at.button(key="save_button").click().run()
    assert [s["name"] for s in store.list_scenarios(ui.con())][-2:] == ["同名方案", "同名方案 (2)"]
    assert [i.value.replace("\\", "") for i in at.info] == ["名称「同名方案」已被使用，所以保存为「同名方案 (2)」。"]


def test_link_values_and_names_stay_text_in_every_part_of_the_page(app):
    """A link's values (reported by the results fragment) and a taken name (the save panel's note) are shown as their
    characters, never as a link or emphasis; the fragments' own reruns keep it so."""
    from tests.app.test_text_is_text import EVIL, leaks

    at = app("pages/simulator.py", lang="en", type="gift", **{"gift.gift_cost": EVIL, "duration_weeks": EVIL})
    assert sorted(shown(w.value) for w in at.main.warning if "link" in w.value) == [
        f"The link's {key}={EVIL} is not valid; the default is used instead." for key in ("duration_weeks",
                                                                                          "gift.gift_cost")]
    assert leaks(at) == []
    at.slider(key="duration_weeks").set_value(3).run()  # a fragment run
    assert leaks(at) == []
    at.run()
    for _ in range(2):
        at.text_input(key="save_name").set_value(EVIL).run()
        at.button(key="save_button").click().run()
    assert [shown(i.value) for i in at.info] == [f"The name “{EVIL}” was taken, so it was saved as “{EVIL} (2)”."]
    assert leaks(at) == []


def test_every_type_renders_without_nan(app):
    at = app("pages/simulator.py", lang="zh")
    for type_key in TYPES:
        at.selectbox(key="type").set_value(type_key).run()
        assert not at.exception, type_key
        shown = [m.value for m in at.metric] + [m.value for m in at.markdown] + [w.value for w in at.warning]
        assert shown and not any("nan" in s.lower() or "inf" in s.lower() for s in shown), type_key
        assert set(live_charts(at)) == CHARTS, type_key


def _details(at) -> dict:
    """The details table shown: item → expected value."""
    table = at.table[0].value
    return dict(zip(table["Item"], table["Expected value"], strict=True))


def test_the_details_table_is_made_only_when_opened(app):
    at = app("pages/simulator.py", lang="en")
    assert not at.table  # closed: no table sent on each change
    at.session_state["sim_details"] = True
    at.run()
    values = _details(at)
    assert values["Participants"] == metric(at, "Participants")
    assert values["Discount money"].startswith("¥")
    at.slider(key="discount.depth").set_value(30.0).run()
    assert at.table and _details(at)["Participants"] == metric(at, "Participants")  # open: it follows the inputs


def test_chart_tables_go_to_arrow_as_pyarrow_would_make_them():
    """ui.display.arrow builds the tables from buffers (no pandas import); the values are pyarrow's own."""
    import pyarrow as pa

    from promo import default_segments
    from ui.display import arrow

    campaign = make_campaign("co_promotion", ["active", "vip"], {})
    result = simulate(campaign, default_segments(), draws=500, seed=1)
    for chart in (lc.waterfall(result, "zh", "¥"), lc.distribution(result, "en", "$"),
                  lc.tornado(sensitivity(campaign, default_segments()), "en", "¥"), lc.tornado([], "en", "¥")):
        table = arrow(chart.data)
        assert table.to_pylist() == pa.table(chart.data).to_pylist()
        assert table.column_names == list(chart.data) and table.validate(full=True) is None
    mixed = arrow({"x": [1.5, None], "t": ["中文", None]})
    assert mixed.to_pylist() == [{"x": 1.5, "t": "中文"}, {"x": None, "t": None}]
