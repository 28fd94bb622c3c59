"""Measured figures in the simulator: for a parameter, a badge saying what was measured and a "use" button.

The simulator calls ``show`` once per parameter (``ui.simulator``). It offers response rates of past campaigns
(coupon redemption, …) and, from a line-item log, the discount's elasticity, dip (pull-forward share) and
new-buyer rate, and the coupon's regulars' ratio (``promo.customers.measured``). Figures resting on little are
shrunk toward the defaults and say so; each button says what the figure rests on.

Without campaign history and without discounted line items (two SQL counts, cached) nothing is computed or
imported: the measured figures need pandas and scipy, a second of imports on a page's first run. The tables
behind them are computed once and cached; the Data page calls ``clear()`` after every write.
"""
from __future__ import annotations

import json

import streamlit as st

import ui
from promo import InputError, store
from promo.customers import shrink

from .texts import T

MEASURED_FROM_LOG = {"discount": "deals", "coupon": "history"}  # types with figures beyond a response rate


@st.cache_data(show_spinner=False, max_entries=4)
def _history(path: str) -> bool:
    return store.has_campaigns(ui.con())


@st.cache_data(show_spinner=False, max_entries=4)
def _deals(path: str) -> bool:
    return store.has_deals(ui.con())


@st.cache_data(show_spinner=False, max_entries=4)
def _frame(path: str):
    from promo.customers import measured

    return measured.targeted(ui.con())


@st.cache_data(show_spinner=False, max_entries=4)
def _deal_data(path: str):
    """(rows, buyers) by segment, or None when the log cannot show deal effects."""
    from promo.customers import measured

    try:
        return measured.deal_data(ui.con(), "segment")
    except InputError:
        return None


@st.cache_data(show_spinner=False, max_entries=32)
def _effects(path: str, segments: tuple):
    """Deal effects of the chosen segments pooled; of the whole log when they rest on too little alone."""
    from promo.customers import measured

    data = _deal_data(path)
    if data is None:
        return None
    rows, buyers = data
    mine = measured.pooled(rows, buyers, segments)
    if mine is not None and not shrink.few(mine.elasticity["product_weeks"], "product_weeks"):
        return mine
    return measured.pooled(rows, buyers, sorted(rows["group"].astype(str).unique()))


@st.cache_data(show_spinner=False, max_entries=4)
def _coupon(path: str):
    from promo.customers import measured

    return measured.coupon_regulars(ui.con())


@st.cache_data(show_spinner=False, max_entries=64)
def _offers(path: str, type_key: str, chosen: tuple, segments_json: str, params_json: str, settings_json: str,
            lang: str) -> dict:
    from promo import make_segment
    from promo.customers import measured

    segments = tuple(make_segment(d) for d in json.loads(segments_json))
    effects = _effects(path, chosen) if type_key == "discount" else None
    coupon = _coupon(path) if type_key == "coupon" else None
    return measured.offers(type_key, chosen, segments, effects, coupon, json.loads(params_json),
                           json.loads(settings_json), lang)


def calibrated(type_key: str, segments) -> dict | None:
    """``promo.customers.measured.calibrated_param`` for the app's database in the user's language (None: no
    history)."""
    path = str(store.db_path())
    if not _history(path):
        return None
    from promo.customers import measured

    return measured.calibrated_param(_frame(path), type_key, list(segments), ui.lang())


@st.cache_data(show_spinner=False, max_entries=4)
def _card(path: str, lang: str) -> dict:
    from promo.customers import measured

    return measured.card_measurements(ui.con(), lang)


def card_measurements() -> dict:
    """The model card's measured column from this business's own log and campaigns (empty without them)."""
    path = str(store.db_path())
    return _card(path, ui.lang()) if _deals(path) or _history(path) else {}


def clear() -> None:
    for cached in (_history, _deals, _frame, _deal_data, _effects, _coupon, _offers, _card):
        cached.clear()


def _badge(p, key: str, scale: float, on_use, value: float, caption: str, basis: str, few: bool) -> None:
    """The caption and the button that sets input ``key`` to ``value`` (``on_use(key, value × scale)``: ``scale``
    100 for an input in percent), saying what the figure rests on."""
    shown = ui.pct(value, 2) if p.unit == "share" else ui.num(value, 2)
    st.caption(f":material/verified: {caption}" + (" · " + T("sim.measured_few") if few else ""))
    st.button(T("sim.use_measured_n", value=shown, basis=basis), key=f"use_{key}", icon=":material/input:",
              on_click=on_use, args=(key, round(value * scale, 4)))


def _rate(cal: dict, type_key: str, p, key: str, scale: float, on_use) -> None:
    """A response rate of past campaigns: the parameter is the rate of the reference segment, so the measured rate
    (which includes the chosen segments' affinity × sensitivity) is divided by it; shrunk toward the default."""
    chosen = [s for s in ui.segments() if s.key in cal["segments"]]
    size = sum(s.size for s in chosen) or 1.0
    mult = sum(s.size * s.affinity.get(type_key, 1.0) * s.deal_sensitivity for s in chosen) / size or 1.0
    rate = shrink.rate(cal["responders"], cal["customers"], float(p.default) * mult)
    value = min(max(rate / mult, p.lo), p.hi)
    lo, hi = cal["interval"]
    caption = f"{cal['badge']} · " + T("sim.measured", rate=ui.pct(cal["rate"], 1), lo=ui.pct(lo, 1),
                                         hi=ui.pct(hi, 1), value=ui.pct(value, 2))
    _badge(p, key, scale, on_use, value, caption, T("deals.basis.customers", n=cal["customers"]),
           shrink.few(cal["customers"]))


def show(type_key: str, chosen, p, key: str, scale: float, on_use, params=None) -> None:
    """Under parameter ``p``'s input ``key``: what was measured for it, and a button that puts it in.
    ``params(type_key)``: the type's parameters as the page holds them now, which a parameter solved from a
    measured share depends on (``promo.model.match_param``)."""
    if not chosen:
        return
    cal = calibrated(type_key, chosen)
    if cal and cal["param"] == p.key:
        return _rate(cal, type_key, p, key, scale, on_use)
    path = str(store.db_path())
    source = MEASURED_FROM_LOG.get(type_key)
    if source is None or not (_deals(path) if source == "deals" else _history(path)):
        return None
    # the share a campaign subsidises depends on its length (who buys in the window anyway), not on its reach
    settings = {name: int(st.session_state[name]) for name in ("duration_weeks",) if name in st.session_state}
    found = _offers(path, type_key, tuple(sorted(chosen)),
                    json.dumps([s.to_dict() for s in ui.segments()], ensure_ascii=False),
                    json.dumps(params(type_key) if params else {}, sort_keys=True, default=str),
                    json.dumps(settings, default=str), ui.lang())
    o = found.get(p.key)
    if o is None:
        return None
    caption = o["badge"]
    if o["interval"] and o["interval"][0] is not None:
        fmt = (lambda v: ui.pct(v, 1)) if p.unit == "share" else (lambda v: ui.num(v, 2))
        caption += " · " + T("sim.measured_value", raw=fmt(o["raw"]), lo=fmt(o["interval"][0]),
                             hi=fmt(o["interval"][1]))
    if o["share"] is not None:
        caption += " · " + T("sim.measured_share", share=ui.pct(o["share"], 1))
    return _badge(p, key, scale, on_use, o["value"], caption, T(f"deals.basis.{o['kind']}", n=o["n"]), o["few"])
