"""Inputs mirrored in the address bar, so a copied link reproduces the view."""
from __future__ import annotations

import streamlit as st


class UrlState:
    """Inputs mirrored in the address bar with stable keys (not display labels), so a copied link
    reproduces the view in either language. Values start from the URL, else the default."""

    def __init__(self, page: str | None = None, prefix_owned: str = "."):
        self.defaults: dict = {}
        self.prefix_owned = prefix_owned  # other params containing this are cleared when not bound this run
        # on arriving at the page, a link's values win over the ones kept from an earlier visit
        self.entry = page is not None and st.session_state.get("_last_page") != page
        if page is not None:
            st.session_state["_last_page"] = page

    def init(self, key: str, default, parse=float, valid=lambda v: True) -> str:
        self.defaults[key] = default
        if key not in st.session_state or (self.entry and key in st.query_params):
            value = default
            raw = st.query_params.get_all(key) if isinstance(default, list) else st.query_params.get(key)
            if raw not in (None, []):
                try:
                    parsed = parse(raw)
                    if valid(parsed):
                        value = parsed
                    else:
                        _rejected(key, raw)
                except (TypeError, ValueError):
                    _rejected(key, raw)
            st.session_state[key] = value
        return key

    def write(self) -> None:
        for key, default in self.defaults.items():
            value = st.session_state.get(key, default)
            if value == default:
                st.query_params.pop(key, None)
            elif isinstance(value, list):
                st.query_params[key] = [str(v) for v in value]
            else:
                st.query_params[key] = f"{value:g}" if isinstance(value, float) else str(value)
        for key in list(st.query_params):
            if self.prefix_owned in key and key not in self.defaults:
                st.query_params.pop(key, None)


def _rejected(key: str, raw) -> None:
    st.session_state.setdefault("_url_rejected", []).append((key, raw))
