"""Measured response rates for the simulator: the default value of a (type, segments) choice and its badge.

Usage in a page::

    from ui import badges
    cal = badges.calibrated("coupon", ["active", "dormant"])
    if cal and cal["param"]:
        default = cal["value"]            # e.g. redemption_rate measured on past coupon campaigns
        st.badge(cal["badge"])            # "measured: 2 campaign(s), 1,234 customers"

The simulator calls ``show`` once per parameter. Without campaign history (one SQL count, cached) nothing is
computed or imported: the measured rates need pandas and scipy, a second of imports on a page's first run.
The per-customer table is computed once and cached; the Data page calls ``clear()`` after every import or
rule change.
"""
from __future__ import annotations

import streamlit as st

import ui
from promo import store


@st.cache_data(show_spinner=False, max_entries=4)
def _history(path: str) -> bool:
    return store.has_campaigns(ui.con())


@st.cache_data(show_spinner=False, max_entries=4)
def _frame(path: str):
    from promo.customers import measured

    return measured.targeted(ui.con())


def calibrated(type_key: str, segments) -> dict | None:
    """``promo.customers.measured.calibrated_param`` for the app's database in the user's language (None: no history)."""
    path = str(store.db_path())
    if not _history(path):
        return None
    from promo.customers import measured

    return measured.calibrated_param(_frame(path), type_key, list(segments), ui.lang())


def show(type_key: str, chosen, p, key: str, scale: float, on_use) -> None:
    """The badge of parameter ``p`` (nothing unless past campaigns measured it) and a button that sets the input
    ``key`` to the measured value: ``on_use(key, value × scale)`` (``scale`` 100 for an input in percent).
    The measured rate already includes the chosen segments' affinity × sensitivity, so the parameter (a
    reference-segment rate) is the rate divided by it."""
    cal = calibrated(type_key, chosen)
    if not cal or cal["param"] != p.key:
        return
    chosen_segs = [s for s in ui.segments() if s.key in cal["segments"]]
    size = sum(s.size for s in chosen_segs) or 1.0
    mult = sum(s.size * s.affinity.get(type_key, 1.0) * s.deal_sensitivity for s in chosen_segs) / size or 1.0
    value = min(max(cal["rate"] / mult, p.lo), p.hi)
    lo, hi = cal["interval"]
    measured = ui.T("sim.measured", rate=ui.pct(cal["rate"], 1), lo=ui.pct(lo, 1), hi=ui.pct(hi, 1),
                    value=ui.pct(value, 2))
    st.caption(f":material/verified: {cal['badge']} · {measured}")
    st.button(ui.T("sim.use_measured"), key=f"use_{key}", icon=":material/input:", on_click=on_use,
              args=(key, round(value * scale, 3)))


def clear() -> None:
    _frame.clear()
    _history.clear()
