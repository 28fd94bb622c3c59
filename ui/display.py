"""Showing things the same way on every page: an input error in the user's language, a chart."""
from __future__ import annotations

import streamlit as st

from promo import InputError

from .texts import lang


def error(e: InputError) -> None:
    st.error(e.message(lang()), icon=":material/warning:")


def chart(fig, key: str, live: bool = False) -> None:
    """Our own template (theme=None skips Streamlit's restyling pass); ``live`` charts, redrawn on every
    input change, go without the tool bar, which costs a redraw each time (reports offer the PNGs)."""
    config = {"displaylogo": False, **({"displayModeBar": False} if live else {})}
    st.plotly_chart(fig, width="stretch", key=key, theme=None, config=config)


def live_chart(chart, key: str) -> None:
    """A chart of ``promo.live_charts``: its constant spec, and its table as the dataset the spec names. Streamlit
    then updates the drawn chart in place when only the table changed, and leaves it alone when nothing did."""
    import pyarrow as pa

    from promo import live_charts

    st.vega_lite_chart(None, {**chart.spec, "datasets": {live_charts.DATASET: pa.table(chart.data)}}, width="stretch",
                       theme=None, key=key)
