"""The simulator offers a rate measured on past campaigns, with a badge, as a one-click default."""
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
