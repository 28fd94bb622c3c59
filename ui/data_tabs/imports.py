"""Data page, first tab: upload a transaction log → check the column mapping → read the report → import.

The upload is read once per file (kept in session state under its file id) and checked once per mapping and
option; the report shows the file's own totals next to what will be written, and nothing is written until
the import button.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from promo import InputError, store
from promo.customers import ingest

from . import state

FORMATS = "CSV、TSV、Excel（.xlsx）、Parquet"  # what the uploader's Chinese line lists

T = ui.T
PER_ROW = 5  # mapping selectboxes per row


def read_upload(upload, key: str, **opts):
    """The upload read once per file (progress bar while reading); the InputError instead when it is not a table."""
    held = st.session_state.get(key)
    if held and held[0] == upload.file_id:
        return held[1]
    bar = st.progress(0.0, text=ui.md("data.reading", name=upload.name))
    try:
        raw = ingest.read_table(upload, name=upload.name,
                                progress=lambda x: bar.progress(x, text=ui.md("data.reading", name=upload.name)),
                                **opts)
    except InputError as e:
        raw = e
    bar.empty()
    st.session_state[key] = (upload.file_id, raw)
    return raw


def _mapping(raw) -> dict:
    """One selectbox per field, preset from the headers; a new file presets them again."""
    fields = ingest.TRANSACTION_FIELDS
    if st.session_state.get(state.MAP_FOR) != raw.name + str(raw.columns):
        auto = ingest.auto_map(raw.columns)
        for f in fields:
            st.session_state[state.map_key(f)] = auto.get(f, state.NONE)
        st.session_state[state.MAP_FOR] = raw.name + str(raw.columns)
    st.markdown(f"#### {T('data.map.title')}")
    st.caption(T("data.map.help"))
    mapping = {}
    none = T("data.map.none")
    items = list(fields.items())
    for i in range(0, len(items), PER_ROW):
        for col, (f, (required, zh, en, _)) in zip(st.columns(PER_ROW), items[i:i + PER_ROW], strict=False):  # last row
            label = T("data.map.required" if required else "data.map.optional", name=zh if ui.lang() == "zh" else en)
            choice = col.selectbox(label, [state.NONE, *raw.columns], key=state.map_key(f),
                                   format_func=lambda c, none=none: none if c == state.NONE else c)
            if choice != state.NONE:
                mapping[f] = choice
    return mapping


def _report(report) -> None:
    st.markdown(f"#### {T('data.report.title')}")
    c = st.columns([1, 1, 1, 1.3, 1.3])
    c[0].metric(T("data.metric.rows"), ui.num(report.rows))
    c[1].metric(T("data.metric.valid"), ui.num(report.valid_rows))
    c[2].metric(T("data.metric.customers"), ui.num(report.customers))
    c[3].metric(T("data.metric.first"), report.first_day or "—")
    c[4].metric(T("data.metric.last"), report.last_day or "—")
    money = {"revenue": lambda v: ui.money(v, 2)}
    st.dataframe(pd.DataFrame({
        T("data.totals.what"): [T(f"data.totals.{k}") for k, _, _ in report.totals()],
        T("data.totals.file"): [money.get(k, ui.num)(a) for k, a, _ in report.totals()],
        T("data.totals.written"): [money.get(k, ui.num)(b) for k, _, b in report.totals()]}),
        hide_index=True, key="data_totals")
    st.caption(T("data.report.meta", total=ui.money(report.total_amount, 2),
                 format=report.format + (f", {report.encoding}" if report.encoding else "")))
    for issue in report.issues:
        if issue.blocking:
            st.error("✗ " + ui.plain(issue.text(ui.lang())), icon=":material/block:")  # quotes the file's values
        else:
            st.warning("! " + ui.plain(issue.text(ui.lang())), icon=":material/info:")
    if report.ok:
        st.success(T("data.report.ok"), icon=":material/check:")
    else:
        st.info(T("data.report.blocked"))


def _demo_buttons(con) -> None:
    b1, b2, _ = st.columns([1, 1, 2])
    if b1.button(T("data.demo.button"), key=state.K.DEMO, icon=":material/science:",
                 help=T("data.demo.help", customers=state.DEMO["customers"])):
        rep = store.import_transactions(con, ingest.from_frame(state.demo_data().transactions, "demo.csv"))
        state.wrote("import", T("data.demo.done", rows=ui.num(rep.valid_rows), customers=ui.num(rep.customers),
                                first=rep.first_day, last=rep.last_day))
    if b2.button(T("data.demo_lines.button"), key=state.K.DEMO_LINES, icon=":material/shopping_basket:",
                 help=T("data.demo_lines.help", products=state.DEMO_LINES["products"])):
        rep = store.import_transactions(con, ingest.from_frame(state.demo_lines().lines, "demo_lines.csv"))
        state.wrote("import", T("data.demo.done", rows=ui.num(rep.valid_rows), customers=ui.num(rep.customers),
                                first=rep.first_day, last=rep.last_day))


def render(con, summary: dict) -> None:
    state.flash("import")
    if summary["rows"]:
        st.info(T("data.current", rows=ui.num(summary["rows"]), customers=ui.num(summary["customers"]),
                  first=state.day(summary["first_day"]), last=state.day(summary["last_day"])),
                icon=":material/database:")
    else:
        st.info(T("data.current_none"), icon=":material/database:")
    browser_mb = min(int(st.get_option("server.maxUploadSize")), ingest.MAX_BYTES // 2**20)
    upload = ui.uploader(T("data.upload.label"), state.K.TX_FILE, None, browser_mb, help=T("data.upload.fields"),
                         formats=FORMATS)
    st.caption(ingest.limits_text(ui.lang()) + " " + T("data.upload.browser_limit", mb=browser_mb))
    _demo_buttons(con)
    if upload is None:
        return
    raw = read_upload(upload, state.TX_RAW)
    if isinstance(raw, InputError):
        ui.error(raw)
        return
    mapping = _mapping(raw)
    used = {}
    for f, c in mapping.items():
        used.setdefault(c, []).append(f)
    twice = {c: fs for c, fs in used.items() if len(fs) > 1}
    for c, fs in twice.items():
        st.error(ui.md("data.map.twice", column=c, fields=", ".join(fs)), icon=":material/warning:")
    try:
        ingest.require(mapping, raw.columns, name=raw.name)
    except InputError as e:
        ui.error(e)
        return
    if twice:
        return
    o1, o2 = st.columns([1, 2])
    date_order = o1.selectbox(T("data.opt.date_order"), store.DATE_ORDERS, key=state.K.DATE_ORDER,
                              format_func={k: T(f"data.opt.date_order.{k}") for k in store.DATE_ORDERS}.get)
    drop_dups = o2.checkbox(T("data.opt.drop_dups"), key=state.K.DROP_DUPS)
    append = o2.checkbox(T("data.opt.append"), key=state.K.APPEND)
    check_key = (upload.file_id, tuple(sorted(mapping.items())), drop_dups, date_order)
    held = st.session_state.get(state.TX_REPORT)
    if held and held[0] == check_key:
        report = held[1]
    else:
        try:
            with st.spinner(T("data.checking")):
                report = store.check_transactions(con, raw, mapping, drop_duplicates=drop_dups, date_order=date_order)
        except InputError as e:
            ui.error(e)
            return
        st.session_state[state.TX_REPORT] = (check_key, report)
    skip_bad = o2.checkbox(T("data.opt.skip_bad"), key=state.K.SKIP_BAD, disabled=report.ok)
    _report(report)
    can = report.valid_rows > 0 and (report.ok or skip_bad)
    if st.button(T("data.import.button"), key=state.K.IMPORT, type="primary", disabled=not can,
                 icon=":material/upload:"):
        bar = st.progress(0.0, text=T("data.importing"))
        try:
            rep = store.import_transactions(con, raw, mapping, replace=not append, skip_bad_rows=skip_bad,
                                            drop_duplicates=drop_dups, date_order=date_order,
                                            progress=lambda x: bar.progress(x, text=T("data.importing")))
        except InputError as e:
            bar.empty()
            ui.error(e)
            return
        total = store.transaction_summary(con)["rows"]
        state.wrote("import", T("data.import.done", rows=ui.num(rep.valid_rows), customers=ui.num(rep.customers),
                                first=rep.first_day, last=rep.last_day, skipped=ui.num(rep.rows - rep.valid_rows),
                                total=ui.num(total)))
