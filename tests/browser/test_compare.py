"""Compare page in Debian Chromium: the recommendation for each goal matches a ranking done by hand, and the
"which promotion for which segment" heatmap's colours diverge at break-even over the data's range, said in words."""
import pytest

from promo import make_campaign, store
from promo.customers import demo
from tests.browser.conftest import SHOTS, Server, ready

pytestmark = pytest.mark.browser

# (name, profit, profit P10, ROI, cost, participants, P(loss)), saved after the demo's seven: the newest three
HAND = [("A coupon", 1000.0, -200.0, 0.5, 2000.0, 300.0, 0.2),
        ("B discount", 3000.0, 100.0, 0.3, 10000.0, 900.0, 0.05),
        ("C gift", 500.0, -10.0, 2.0, 250.0, 50.0, 0.001)]


@pytest.fixture(scope="module")
def compare_server(tmp_path_factory):
    """A server of its own on the demo database plus A, B and C (written before the server holds the file)."""
    d = tmp_path_factory.mktemp("compare")
    con = demo.open_or_create(d / "promo.duckdb")
    for name, profit, p10, roi, cost, participants, loss in HAND:
        store.save_scenario(con, name, make_campaign("coupon", ["active"]), {
            "profit": {"mean": profit, "p10": p10, "p50": profit, "p90": 2 * profit},
            "roi": {"mean": roi, "p10": roi / 2, "p50": roi, "p90": 2 * roi},
            "cost": {"mean": cost, "p10": cost, "p50": cost, "p90": cost},
            "participants": participants, "prob_loss": loss, "draws": 200, "seed": 1})
    con.close()
    s = Server(d / "promo.duckdb", d / "server.log").first_run()
    yield s
    s.stop()


def _recommendation(page) -> str:
    box = page.locator('[data-testid="stAlertContentSuccess"] [data-testid="stMarkdownContainer"]')
    return box.first.inner_text().strip()


@pytest.mark.parametrize("goal, sentence", [
    ("Highest expected profit", "For expected profit, run “B discount”: it is expected to earn ¥3,000, ¥2,000 more "
                                "than the next best, “A coupon”; risk: a 5% chance of a loss, profit P10 ¥100."),
    ("Highest ROI", "For ROI, run “C gift”: it returns 2.00× its cost (next best: “A coupon”, 0.50×); risk: a < 1% "
                    "chance of a loss, profit P10 -¥10."),
    ("Lowest risk of a loss", "For the lowest risk of a loss, run “C gift”: a < 1% chance of a loss (next best: "
                              "“B discount”, 5%), an expected profit of ¥500 and a profit P10 of -¥10."),
])
def test_recommendation_matches_the_ranking_by_hand(compare_server, page, goal, sentence):
    """By hand: profit B 3,000 > A 1,000 > C 500; ROI C 2.0 > A 0.5 > B 0.3; P(loss) C 0.1% < B 5% < A 20%."""
    page.goto(f"{compare_server.url}/compare?lang=en")
    ready(page)
    chosen = page.locator('[data-testid="stMultiSelect"]').first.inner_text()
    assert all(name in chosen for name, *_ in HAND) and "Double 11" not in chosen  # the newest three only
    page.locator('[data-testid="stButtonGroup"]').get_by_role("radio", name=goal).click()
    ready(page)
    page.get_by_text(sentence.split(":")[0]).first.wait_for()
    assert _recommendation(page) == sentence


def test_within_a_budget_the_over_budget_scenario_is_left_out(compare_server, page):
    page.goto(f"{compare_server.url}/compare?lang=zh")
    ready(page)
    page.locator('[data-testid="stButtonGroup"]').get_by_role("radio", name="预算内参与人数最多").click()
    ready(page)
    budget = page.get_by_role("spinbutton", name="预算（¥）")
    budget.fill("5000")
    budget.press("Enter")
    page.get_by_text("预算 ¥5,000 以内").first.wait_for()
    assert _recommendation(page) == ("预算 ¥5,000 以内按参与人数，首选「A coupon」：300 人参与，预计成本 ¥2,000"
                                     "（第二名「C gift」50 人）；风险：亏损概率 20%，利润 P10 为 -¥200。")


def test_heatmap_diverges_at_break_even_over_the_data_and_says_so(compare_server, page):
    page.goto(f"{compare_server.url}/compare?lang=zh")
    ready(page)
    heat = page.locator(".js-plotly-plot").last
    heat.locator(".colorbar").wait_for()
    legend = " ".join(heat.locator(".colorbar text").all_text_contents())
    assert all(words in legend for words in ("绿色 = 赚钱", "白色 = 盈亏平衡", "红色 = 亏钱"))
    full = heat.evaluate("g => { const d = g._fullData[0]; return {zmin: d.zmin, zmax: d.zmax, scale: d.colorscale,"
                         " z: d.z.flat()}; }")
    assert full["zmin"] == pytest.approx(min(full["z"])) and full["zmax"] == pytest.approx(max(full["z"]))
    assert full["zmin"] < 0 < full["zmax"]  # the demo matrix has types that lose and types that earn
    white = next(pos for pos, color in full["scale"] if color == "#f7f7f7")
    assert white == pytest.approx(-full["zmin"] / (full["zmax"] - full["zmin"]))
    assert full["scale"][0][1] == "#b2182b" and full["scale"][-1][1] == "#1b7837"  # red lowest, green highest
    ticks = [float(t.replace("−", "-")) for t in heat.locator(".colorbar .cbaxis text").all_text_contents()]
    assert min(ticks) < 0 and max(ticks) > 4  # the bar is not clipped at ±4 any more
    caption = " ".join(page.locator('[data-testid="stCaptionContainer"]').all_inner_texts())
    assert "红色 = 亏钱（这里的红色不表示上涨）" in caption
    page.set_viewport_size({"width": 1400, "height": 2600})
    heat.scroll_into_view_if_needed()
    ready(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    heat.screenshot(path=str(SHOTS / "heatmap_zh.png"))
