"""The simulator offers measured figures (past campaigns' rates, a log's deal effects) with a badge, one click away."""
import pytest

import ui
from promo import store
from promo.customers import generator, ingest, measured
from ui import badges


def test_measured_rate_is_offered_with_a_badge_and_applied(app):
    at = app("pages/simulator.py", lang="en")
    con = ui.con()
    g = generator.generate(customers=300, rows=6000, n_campaigns=4, seed=3)
    store.import_transactions(con, ingest.from_frame(g.transactions, "tx.csv"))
    store.import_campaigns(con, ingest.from_frame(g.targets, "t.csv"), ingest.from_frame(g.responses, "r.csv"))
    badges.clear()  # as the Data page does after every import
    frame = measured.targeted(con)
    found = [(t, s, measured.calibrated_param(frame, t, [s])) for t in frame["promo_type"].unique()
             for s in frame["segment"].unique()]
    type_key, seg, cal = next((t, s, c) for t, s, c in found if c and c["param"])
    at.session_state["type"] = type_key
    at.session_state["seg"] = [seg]
    at.run()
    captions = [c.value for c in at.caption if "measured" in c.value]
    assert captions and f"{cal['customers']:,} customers" in captions[0]
    key = f"{type_key}.{cal['param']}"
    before = at.slider(key=key).value
    at.button(key=f"use_{key}").click().run()
    assert at.slider(key=key).value != before


def test_deal_effects_of_a_line_item_log_are_offered_for_the_discount(app):
    at = app("pages/simulator.py", lang="en")
    g = generator.line_items(products=30, customers=400, seed=4)
    store.import_transactions(ui.con(), ingest.from_frame(g.lines, "lines.csv"))
    badges.clear()
    at.session_state["type"] = "discount"
    at.session_state["seg"] = ["active"]
    at.run()
    e = measured.pooled(*measured.deal_data(ui.con(), "segment"), ["active"])  # the chosen segment's own deals
    n = e.elasticity["product_weeks"]
    assert 30 <= n < measured.deal_effects(ui.con()).elasticity["product_weeks"]
    assert any(c.value.startswith(f":material/verified: measured: {n:,} product-weeks") for c in at.caption)
    assert at.button(key="use_discount.dip").label.endswith(f"(from {e.info['deals']:,} deals)")
    button = at.button(key="use_discount.elasticity")
    assert f"(from {n:,} product-weeks)" in button.label
    button.click().run()  # reruns the elasticity's own input fragment (and the results), not the other inputs
    assert at.slider(key="discount.elasticity").value == pytest.approx(
        (n * e.elasticity["estimate"] + 20 * 3.6) / (n + 20), abs=1e-4)


def test_the_model_card_shows_the_business_s_own_figures_beside_the_published_ones(app):
    at = app("pages/library.py", lang="en")
    card = next(df.value for df in at.dataframe if "Measured in your data" in df.value.columns)
    assert set(card["Measured in your data"]) == {"—"}  # the demo has no line items and no coupon history
    assert any("Customer data page" in c.value for c in at.caption)
    g = generator.line_items(products=30, customers=400, seed=4)
    store.import_transactions(ui.con(), ingest.from_frame(g.lines, "lines.csv"))
    badges.clear()
    at.run()
    want = measured.card_measurements(ui.con(), "en")
    card = next(df.value for df in at.dataframe if "Measured in your data" in df.value.columns)
    cell = dict(zip(card["Benchmark"], card["Measured in your data"], strict=True))["price_cut_20"]
    assert cell == f"{ui.pct(want['price_cut_20']['value'], 1)} · n = {want['price_cut_20']['n']:,} · " \
                   f"{want['price_cut_20']['note']}"
    assert not at.exception
