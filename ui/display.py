"""Showing things the same way on every page: an input error in the user's language, a chart."""
from __future__ import annotations

import streamlit as st

from promo import InputError

from .literal import plain
from .texts import lang


def error(e: InputError) -> None:
    """An input error's message, which may quote what the user typed or uploaded: shown literally."""
    st.error(plain(e.message(lang())), icon=":material/warning:")


def chart(fig, key: str, live: bool = False) -> None:
    """Our own template (theme=None skips Streamlit's restyling pass); ``live`` charts, redrawn on every
    input change, go without the tool bar, which costs a redraw each time (reports offer the PNGs)."""
    config = {"displaylogo": False, **({"displayModeBar": False} if live else {})}
    st.plotly_chart(fig, width="stretch", key=key, theme=None, config=config)
