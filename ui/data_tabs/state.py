"""The Data page's session-state keys (one place), its cached reads and the message shown after a write.

Every write on the page goes through ``wrote``: the counter that the cached figures are keyed on moves on,
the simulator's measured badges are cleared, and the message waits in ``FLASH`` for the rerun.
"""
from __future__ import annotations

import json

import pandas as pd
import streamlit as st

import ui
from promo import InputError
from promo.customers import generator, lifecycle, measured, response_rates
from ui import badges

FLASH = "data_flash"  # (tab, text) shown once after a write and the rerun it triggers
TX_RAW, TX_REPORT, MAP_FOR = "data_tx_raw", "data_tx_report", "data_map_for"  # the upload read once, its check


class K:
    """The keys of the page's inputs (their values live in session state under these)."""

    APPEND = "data_append"
    CMP_DEMO = "data_cmp_demo"
    CMP_IMPORT = "data_cmp_import"
    DATE_ORDER = "data_date_order"
    DEALS_BY = "data_deals_by"
    DEMO = "data_demo"
    DEMO_LINES = "data_demo_lines"
    DROP_DUPS = "data_drop_dups"
    IMPORT = "data_import"
    RESPONSES_FILE = "data_responses_file"
    RO_CAMPAIGN = "data_ro_campaign"
    RO_COST = "data_ro_cost"
    RO_SCENARIO = "data_ro_scenario"
    RULES_SAVE = "data_rules_save"
    RV_CAMPAIGN = "data_rv_campaign"
    RV_DEAL = "data_rv_deal"
    RV_EXCEL = "data_rv_excel"
    RV_KIND = "data_rv_kind"
    RV_SAVE = "data_rv_save"
    RV_SCENARIO = "data_rv_scenario"
    SEG_APPLY = "data_seg_apply"
    SEG_REVERT = "data_seg_revert"
    SKIP_BAD = "data_skip_bad"
    TARGETS_FILE = "data_targets_file"
    TX_FILE = "data_tx_file"
NONE = ""  # "no column" in the mapping selectboxes
DEMO = {"customers": 400, "rows": 12_000, "days": 730, "n_campaigns": 4, "seed": 0}
DEMO_LINES = {"customers": 600, "products": 40, "weeks": 104, "seed": 1}


def map_key(field: str) -> str:
    return f"data_map_{field}"


def rule_key(rule: str) -> str:
    return f"data_rule_{rule}"


@st.cache_resource(show_spinner=False)
def _version() -> dict:
    return {"n": 0}


def version() -> int:
    return _version()["n"]


def wrote(tab: str, text: str) -> None:
    """After a write: new figures everywhere, the message shown in ``tab`` after the rerun."""
    _version()["n"] += 1
    badges.clear()
    st.session_state[FLASH] = (tab, text)
    st.rerun()


def flash(tab: str) -> None:
    if st.session_state.get(FLASH, (None,))[0] == tab:
        st.success(st.session_state.pop(FLASH)[1], icon=":material/check_circle:")


@st.cache_resource(show_spinner=False)
def demo_data():
    return generator.generate(**DEMO)


@st.cache_resource(show_spinner=False)
def demo_lines():
    return generator.line_items(**DEMO_LINES)


@st.cache_data(show_spinner=False, max_entries=8)
def segments_measured(_v: int, rules_json: str):
    m = lifecycle.measure(ui.con(), json.loads(rules_json))
    rfm = lifecycle.customer_segments(ui.con(), json.loads(rules_json))
    return m, lifecycle.rf_grid(rfm)


@st.cache_data(show_spinner=False, max_entries=4)
def calibrated(_v: int):
    return response_rates.calibrate(ui.con())


@st.cache_data(show_spinner=False, max_entries=8)
def deal_effects(_v: int, by: str | None):
    return measured.deal_effects(ui.con(), by)


@st.cache_data(show_spinner=False, max_entries=4)
def coupon_regulars(_v: int):
    return measured.coupon_regulars(ui.con())


def day(x) -> str:
    return "—" if x is None or pd.isna(x) else pd.Timestamp(x).date().isoformat()


def rate_text(r) -> str:
    return "—" if r is None or pd.isna(r) else ui.pct(r, 1)


def interval_text(iv) -> str:
    return "—" if not iv or iv[0] is None else f"{ui.pct(iv[0], 1)} – {ui.pct(iv[1], 1)}"


def seg_names() -> dict:
    return {s.key: s.name(ui.lang()) for s in ui.segments()}


@st.cache_data(show_spinner=False, max_entries=16)
def review_of(_v: int, kind: str, subject: str, week: str | None, scenario: int | None) -> dict:
    from promo.customers import review

    r = review.campaign_review(ui.con(), subject, scenario) if kind == "campaign" else \
        review.deal_review(ui.con(), subject, week)
    return r.to_dict()


@st.cache_data(show_spinner=False, max_entries=4)
def deal_periods(_v: int) -> list[dict]:
    from promo.customers import review

    try:
        return review.deal_periods(ui.con())
    except InputError:
        return []
