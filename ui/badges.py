"""Measured response rates for the simulator: the default value of a (type, segments) choice and its badge.

Usage in a page::

    from ui import badges
    cal = badges.calibrated("coupon", ["active", "dormant"])
    if cal and cal["param"]:
        default = cal["value"]            # e.g. redemption_rate measured on past coupon campaigns
        st.badge(cal["badge"])            # "measured: 2 campaign(s), 1,234 customers"

The per-customer table behind it is computed once and cached; the Data page calls
``clear()`` after every import or rule change.
"""
from __future__ import annotations

import streamlit as st

import ui
from promo import store
from promo.customers import measured as _cal


@st.cache_data(show_spinner=False, max_entries=4)
def _frame(path: str):
    return _cal.targeted(ui.con())


def calibrated(type_key: str, segments) -> dict | None:
    """``promo.customers.measured.calibrated_param`` for the app's database in the user's language (None: no history)."""
    return _cal.calibrated_param(_frame(str(store.db_path())), type_key, list(segments), ui.lang())


def clear() -> None:
    _frame.clear()
