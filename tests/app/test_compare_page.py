"""Compare page: the newest scenarios chosen at first, a recommendation per goal that matches a ranking done by hand,
numbers by promo.fmt, a taken name numbered on rename, rename and delete, the heatmap's scale and legend."""
import json

import pytest

import ui
from promo import make_campaign, store

PAGE = "pages/compare.py"
# three scenarios with summaries written by hand: (name, profit, profit P10, ROI, cost, participants, P(loss))
HAND = [("A coupon", 1000.0, -200.0, 0.5, 2000.0, 300.0, 0.2),
        ("B discount", 3000.0, 100.0, 0.3, 10000.0, 900.0, 0.05),
        ("C gift", 500.0, -10.0, 2.0, 250.0, 50.0, 0.001)]


def _summary(profit, p10, roi, cost, participants, loss) -> dict:
    return {"profit": {"mean": profit, "p10": p10, "p50": profit, "p90": 2 * profit},
            "roi": {"mean": roi, "p10": roi / 2, "p50": roi, "p90": roi * 2},
            "cost": {"mean": cost, "p10": cost, "p50": cost, "p90": cost},
            "participants": participants, "prob_loss": loss, "draws": 200, "seed": 1}


@pytest.fixture
def hand(app):
    """The demo's seven scenarios, then A, B and C saved last (so the newest three)."""
    at = app(lang="en")
    for name, *figures in HAND:
        store.save_scenario(ui.con(), name, make_campaign("coupon", ["active"]), _summary(*figures))
    return at


def _recommendation(at) -> str:
    return next(s.value for s in at.success).replace("\\", "")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_runs_in_both_languages_with_the_newest_three_chosen(app, lang):
    at = app(PAGE, lang=lang)
    assert not at.exception
    newest = [s["id"] for s in store.list_scenarios(ui.con())][-3:][::-1]
    assert at.multiselect(key="cmp_selected").value == newest
    assert len(at.get("plotly_chart")) == 3
    assert _recommendation(at).startswith("For expected profit, run" if lang == "en" else "按期望利润，首选")


@pytest.mark.parametrize("goal, best, sentence", [
    ("profit", "B discount", "For expected profit, run “B discount”: it is expected to earn ¥3,000, ¥2,000 more than "
                             "the next best, “A coupon”; risk: a 5% chance of a loss, profit P10 ¥100."),
    ("roi", "C gift", "For ROI, run “C gift”: it returns 2.00× its cost (next best: “A coupon”, 0.50×); risk: a < 1% "
                      "chance of a loss, profit P10 -¥10."),
    ("risk", "C gift", "For the lowest risk of a loss, run “C gift”: a < 1% chance of a loss (next best: “B discount”, "
                       "5%), an expected profit of ¥500 and a profit P10 of -¥10."),
    ("participants", "A coupon", "Within a budget of ¥5,000, run “A coupon” for the most participants: 300 take part "
                                 "at an expected cost of ¥2,000 (next best: “C gift”, 50); risk: a 20% chance of a "
                                 "loss, profit P10 -¥200."),
])
def test_recommendation_matches_the_ranking_by_hand(hand, goal, best, sentence):
    """By hand: profit B 3,000 > A 1,000 > C 500; ROI C 2.0 > A 0.5 > B 0.3; P(loss) C 0.1% < B 5% < A 20%;
    within ¥5,000 B (¥10,000) is out and A's 300 participants beat C's 50."""
    at = hand
    at.switch_page(PAGE).run()
    at.segmented_control(key="cmp_goal").set_value(goal).run()
    if goal == "participants":
        at.number_input(key="cmp_budget").set_value(5000.0).run()
    assert _recommendation(at) == sentence
    table = at.dataframe[0].value
    assert table["Scenario"].iloc[0] == best
    if goal == "participants":
        assert table.set_index("Scenario").loc["B discount", "Rank"] == "Over budget"


def test_table_numbers_follow_the_format_rules(hand):
    at = hand
    at.switch_page(PAGE).run()
    row = at.dataframe[0].value.set_index("Scenario").loc["C gift"]
    assert row["Probability of a loss"] == "< 1%" and row["Profit P10 (¥)"] == "-¥10"
    assert row["ROI (×)"] == "2.00×" and row["Participants"] == "50" and row["Cost (¥)"] == "¥250"


def test_renaming_to_a_taken_name_numbers_it_and_says_so(hand):
    at = hand
    at.switch_page(PAGE).run()
    c = next(s for s in store.list_scenarios(ui.con()) if s["name"] == "C gift")
    at.selectbox(key="cmp_rename_id").set_value(c["id"]).run()
    at.text_input(key="cmp_new_name").set_value("A coupon").run()
    at.button(key="cmp_rename_button").click().run()
    assert store.get_scenario(ui.con(), c["id"])["name"] == "A coupon (2)"
    assert [i.value.replace("\\", "") for i in at.info] == [
        "The name “A coupon” was taken, so it was saved as “A coupon (2)”."]


def test_rename_delete_and_csv(app):
    at = app(PAGE, lang="en")
    first = store.list_scenarios(ui.con())[0]
    at.selectbox(key="cmp_rename_id").set_value(first["id"]).run()
    at.text_input(key="cmp_new_name").set_value("Renamed ' OR 1=1 --").run()
    at.button(key="cmp_rename_button").click().run()
    assert store.get_scenario(ui.con(), first["id"])["name"] == "Renamed ' OR 1=1 --"
    at.selectbox(key="cmp_delete_id").set_value(first["id"]).run()
    assert at.button(key="cmp_delete_button").disabled  # needs the confirmation first
    at.checkbox(key="cmp_delete_confirm").check().run()
    at.button(key="cmp_delete_button").click().run()
    assert store.get_scenario(ui.con(), first["id"]) is None
    assert len(store.list_scenarios(ui.con())) == 6
    assert len(at.get("plotly_chart")) == 3
    assert next(b.proto.label for b in at.get("download_button")) == "Download CSV"


def test_heatmap_scale_covers_the_data_with_white_at_break_even(app):
    at = app(PAGE, lang="zh")
    heat = json.loads(at.get("plotly_chart")[-1].proto.spec)["data"][0]
    assert heat["colorbar"]["title"]["text"].startswith("回报率（倍）<br>绿色 = 赚钱")
    white = next(pos for pos, color in heat["colorscale"] if color == "#f7f7f7")
    assert white == pytest.approx(-heat["zmin"] / (heat["zmax"] - heat["zmin"]))
    assert "红色不表示上涨" in at.caption[-1].value or any("红色" in c.value for c in at.caption)
