"""Data page, campaigns tab: import the targets and responses of past campaigns, and the response rates they give.

The rates per promotion type × segment are what the simulator offers as measured defaults (``ui.badges``).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from promo import TYPES, InputError, charts, store
from promo.customers import ingest

from . import state
from .imports import FORMATS, read_upload

T = ui.T


def _campaign_file(label: str, key: str, fields: dict, allow_empty: bool):
    upload = ui.uploader(label, key, None, ingest.MAX_EXCEL_BYTES // 2**20, formats=FORMATS)
    if upload is None:
        return None, None
    raw = read_upload(upload, key + "_raw", allow_empty=allow_empty)
    if isinstance(raw, InputError):
        ui.error(raw)
        return None, None
    mapping = ingest.auto_map(raw.columns, fields)
    st.caption(ui.md("data.cmp.mapping", name=raw.name, mapping=", ".join(f"{k} ← {v}" for k, v in mapping.items())))
    try:
        ingest.require(mapping, raw.columns, fields, raw.name)
    except InputError as e:
        ui.error(e)
        return None, None
    return raw, mapping


def _imports(con) -> None:
    st.caption(T("data.cmp.fields"))
    c1, c2 = st.columns(2)
    with c1:
        targets, t_map = _campaign_file(T("data.cmp.targets_label"), state.K.TARGETS_FILE, ingest.TARGET_FIELDS, False)
    with c2:
        responses, r_map = _campaign_file(T("data.cmp.responses_label"), state.K.RESPONSES_FILE, ingest.RESPONSE_FIELDS,
                                          True)
    b1, b2, _ = st.columns([1, 1, 2])
    ready = targets is not None and responses is not None
    go_import = b1.button(T("data.cmp.import"), key=state.K.CMP_IMPORT, type="primary", disabled=not ready,
                          icon=":material/upload:", help=None if ready else T("data.cmp.need_both"))
    go_demo = b2.button(T("data.cmp.demo"), key=state.K.CMP_DEMO, icon=":material/science:",
                        help=T("data.cmp.demo_help", n=state.DEMO["n_campaigns"]))
    if not (go_import or go_demo):
        return
    if go_demo:
        g = state.demo_data()
        targets, responses = ingest.from_frame(g.targets, "demo_targets.csv"), ingest.from_frame(g.responses,
                                                                                                  "demo_responses.csv")
        t_map = r_map = None
    try:
        rep = store.import_campaigns(con, targets, responses, t_map, r_map)
    except InputError as e:
        ui.error(e)
    else:
        state.wrote("campaigns", T("data.campaigns_imported", **rep) + " " + T("data.not_counted", **rep))


def _rates(cal: dict) -> None:
    lang = ui.lang()
    names = {**state.seg_names(), "unknown": "—"}
    st.markdown(f"#### {T('data.cal.title')}")
    st.markdown(f"**{T('data.cal.by_campaign')}**")
    st.dataframe(pd.DataFrame({
        T("data.campaign"): [r["campaign_id"] for r in cal["campaigns"]],
        T("data.type"): [TYPES[r["promo_type"]].name(lang) for r in cal["campaigns"]],
        T("data.targeted"): [r["targeted"] for r in cal["campaigns"]],
        T("data.responders"): [r["responders"] for r in cal["campaigns"]],
        T("data.rate"): [state.rate_text(r["rate"]) for r in cal["campaigns"]],
        T("data.interval"): [state.interval_text(r["interval"]) for r in cal["campaigns"]]}),
        hide_index=True, key="data_cal_campaigns")
    st.markdown(f"**{T('data.cal.by_type_segment')}**")
    seg_rows = cal["by_type_segment"]
    params = {k: next((p.label(lang) for p in TYPES[k].params if p.key == TYPES[k].response_param), "—")
              for k in TYPES}
    st.dataframe(pd.DataFrame({
        T("data.type"): [TYPES[r["promo_type"]].name(lang) for r in seg_rows],
        T("data.segment"): [names.get(r["segment"], r["segment"]) for r in seg_rows],
        T("data.col.campaigns"): [r["campaigns"] for r in seg_rows],
        T("data.targeted"): [r["targeted"] for r in seg_rows],
        T("data.responders"): [r["responders"] for r in seg_rows],
        T("data.rate"): [state.rate_text(r["rate"]) for r in seg_rows],
        T("data.interval"): [state.interval_text(r["interval"]) for r in seg_rows],
        T("data.col.param"): [params[r["promo_type"]] for r in seg_rows]}),
        hide_index=True, key="data_cal_segments")
    ui.chart(charts.calibration_rates(seg_rows, names, lang), key="chart_data_calibration")
    st.caption(T("data.not_counted", **cal))
    example = seg_rows[0]
    st.info(T("data.cal.note", badge=T("data.badge", campaigns=example["campaigns"],
                                       customers=ui.num(example["targeted"]))), icon=":material/verified:")


def render(con, summary: dict) -> None:
    state.flash("campaigns")
    _imports(con)
    campaigns = store.campaign_list(con)
    if campaigns.empty:
        st.info(T("data.cal.none"), icon=":material/info:")
        return
    st.markdown(f"#### {T('data.cmp.list')}")
    st.dataframe(pd.DataFrame({
        T("data.campaign"): campaigns["campaign_id"],
        T("data.type"): [TYPES[k].name(ui.lang()) for k in campaigns["promo_type"]],
        T("data.col.start"): [state.day(d) for d in campaigns["start_date"]],
        T("data.col.end"): [state.day(d) for d in campaigns["end_date"]],
        T("data.targeted"): campaigns["targeted"], T("data.holdout"): campaigns["holdout"]}),
        hide_index=True, key="data_cmp_list")
    try:
        cal = state.calibrated(state.version())
    except InputError as e:
        ui.error(e)
        return
    _rates(cal)
