"""Customer data: import a log, segments measured from it, campaign history and calibration, readout, measured deal
effects and the review of a past promotion. Each tab is a module of ``ui.data_tabs`` (guard → inputs → one call into
``promo`` → render); this page only lays them out."""
import streamlit as st

import ui
from promo import store
from ui.data_tabs import campaigns, deals, imports, readout, review, segments

TABS = (("import", imports), ("segments", segments), ("campaigns", campaigns), ("readout", readout),
        ("deals", deals), ("review", review))

st.title(":material/database: " + ui.T("page.data"))
st.caption(ui.T("data.page.intro"))
con = ui.con()
summary = store.transaction_summary(con)
for tab, (_, module) in zip(st.tabs([ui.T(f"data.tab.{k}") for k, _ in TABS]), TABS, strict=True):
    with tab:
        module.render(con, summary)
