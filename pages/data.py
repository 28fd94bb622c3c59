"""Customer data: import a transaction log, segments measured from it, campaign history and calibration, readout.

Each tab is guard → inputs → one call into ``promo`` → render. Files read from an upload are
kept in session state (keyed by the upload's id) so a rerun does not read them again; the
figures computed from the database are cached on a counter that every write here bumps.
"""
import json

import pandas as pd
import streamlit as st

import ui
from promo import FIELDS, TYPES, InputError, charts, store
from promo.customers import generator, ingest, lifecycle, readout, response_rates
from ui import badges

lang, T = ui.lang(), ui.T
NONE = ""  # "no column" in the mapping selectboxes
DEMO = {"customers": 400, "rows": 12_000, "days": 730, "n_campaigns": 4, "seed": 0}
FLASH = "data_flash"  # (kind, text) shown once after a write and the rerun it triggers


# --- cached reads, invalidated by every write on this page -----------------------------------

@st.cache_resource(show_spinner=False)
def _version() -> dict:
    return {"n": 0}


def wrote(tab: str, text: str) -> None:
    """After a write: new figures everywhere, the message shown in ``tab`` after the rerun."""
    _version()["n"] += 1
    badges.clear()
    st.session_state[FLASH] = (tab, text)
    st.rerun()


@st.cache_resource(show_spinner=False)
def demo_data():
    return generator.generate(**DEMO)


@st.cache_data(show_spinner=False, max_entries=8)
def measured(version: int, rules_json: str):
    m = lifecycle.measure(ui.con(), json.loads(rules_json))
    rfm = lifecycle.customer_segments(ui.con(), json.loads(rules_json))
    return m, lifecycle.rf_grid(rfm)


@st.cache_data(show_spinner=False, max_entries=4)
def calibrated(version: int):
    return response_rates.calibrate(ui.con())


def seg_names() -> dict:
    return {s.key: s.name(lang) for s in ui.segments()}


def flash(tab: str) -> None:
    if st.session_state.get(FLASH, (None,))[0] == tab:
        st.success(st.session_state.pop(FLASH)[1], icon=":material/check_circle:")


def day(x) -> str:
    return "—" if x is None or pd.isna(x) else pd.Timestamp(x).date().isoformat()


def rate_text(r) -> str:
    return "—" if r is None or pd.isna(r) else ui.pct(r, 1)


def interval_text(iv) -> str:
    return "—" if not iv else f"{ui.pct(iv[0], 1)} – {ui.pct(iv[1], 1)}"


# --- page ------------------------------------------------------------------------------------

st.title(":material/database: " + T("page.data"))
st.caption(T("data.page.intro"))
con = ui.con()
tab_import, tab_segments, tab_campaigns, tab_readout = st.tabs(
    [T("data.tab.import"), T("data.tab.segments"), T("data.tab.campaigns"), T("data.tab.readout")])
summary = store.transaction_summary(con)


# --- 1. import a transaction log -------------------------------------------------------------

def read_upload(upload, state_key: str, **opts):
    """The upload read once per file (progress bar while reading); the InputError instead when it is not a table."""
    held = st.session_state.get(state_key)
    if held and held[0] == upload.file_id:
        return held[1]
    bar = st.progress(0.0, text=ui.md("data.reading", name=upload.name))
    try:
        raw = ingest.read_table(upload, name=upload.name, progress=lambda x: bar.progress(x, text=ui.md("data.reading",
                                                                                                    name=upload.name)), **opts)
    except InputError as e:
        raw = e
    bar.empty()
    st.session_state[state_key] = (upload.file_id, raw)
    return raw


def mapping_inputs(raw) -> dict:
    """One selectbox per field, preset from the headers; a new file presets them again."""
    if st.session_state.get("data_map_for") != raw.name + str(raw.columns):
        auto = ingest.auto_map(raw.columns)
        for f in ingest.TRANSACTION_FIELDS:
            st.session_state[f"data_map_{f}"] = auto.get(f, NONE)
        st.session_state["data_map_for"] = raw.name + str(raw.columns)
    st.markdown(f"#### {T('data.map.title')}")
    st.caption(T("data.map.help"))
    cols = st.columns(len(ingest.TRANSACTION_FIELDS))
    mapping = {}
    for col, (f, (required, zh, en, _)) in zip(cols, ingest.TRANSACTION_FIELDS.items()):
        label = T("data.map.required" if required else "data.map.optional", name=zh if lang == "zh" else en)
        choice = col.selectbox(label, [NONE, *raw.columns], key=f"data_map_{f}",
                               format_func=lambda c, none=T("data.map.none"): none if c == NONE else c)
        if choice != NONE:
            mapping[f] = choice
    return mapping


def show_report(report) -> None:
    st.markdown(f"#### {T('data.report.title')}")
    c = st.columns([1, 1, 1, 1.3, 1.3])
    c[0].metric(T("data.metric.rows"), ui.num(report.rows))
    c[1].metric(T("data.metric.valid"), ui.num(report.valid_rows))
    c[2].metric(T("data.metric.customers"), ui.num(report.customers))
    c[3].metric(T("data.metric.first"), report.first_day or "—")
    c[4].metric(T("data.metric.last"), report.last_day or "—")
    st.caption(T("data.report.meta", total=ui.money(report.total_amount, 2),
                 format=report.format + (f", {report.encoding}" if report.encoding else "")))
    for issue in report.issues:
        if issue.blocking:
            st.error("✗ " + ui.plain(issue.text(lang)), icon=":material/block:")  # quotes the file's values
        else:
            st.warning("! " + ui.plain(issue.text(lang)), icon=":material/info:")
    if report.ok:
        st.success(T("data.report.ok"), icon=":material/check:")
    else:
        st.info(T("data.report.blocked"))


def import_tab() -> None:
    flash("import")
    if summary["rows"]:
        st.info(T("data.current", rows=ui.num(summary["rows"]), customers=ui.num(summary["customers"]),
                  first=day(summary["first_day"]), last=day(summary["last_day"])), icon=":material/database:")
    else:
        st.info(T("data.current_none"), icon=":material/database:")
    browser_mb = min(int(st.get_option("server.maxUploadSize")), ingest.MAX_BYTES // 2**20)
    upload = ui.uploader(T("data.upload.label"), "data_tx_file", None, browser_mb, help=T("data.upload.fields"),
                         formats="CSV、TSV、Excel（.xlsx）、Parquet")
    st.caption(ingest.limits_text(lang) + " " + T("data.upload.browser_limit", mb=browser_mb))
    if st.button(T("data.demo.button"), key="data_demo", icon=":material/science:",
                 help=T("data.demo.help", customers=DEMO["customers"])):
        g = demo_data()
        rep = store.import_transactions(con, ingest.from_frame(g.transactions, "demo.csv"))
        wrote("import", T("data.demo.done", rows=ui.num(rep.valid_rows), customers=ui.num(rep.customers),
                           first=rep.first_day, last=rep.last_day))
    if upload is None:
        return
    raw = read_upload(upload, "data_tx_raw")
    if isinstance(raw, InputError):
        ui.error(raw)
        return
    mapping = mapping_inputs(raw)
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
    o3 = o4 = o2
    date_order = o1.selectbox(T("data.opt.date_order"), store.DATE_ORDERS, key="data_date_order",
                              format_func={k: T(f"data.opt.date_order.{k}") for k in store.DATE_ORDERS}.get)
    keep_dups = o2.checkbox(T("data.opt.keep_dups"), key="data_keep_dups")
    append = o3.checkbox(T("data.opt.append"), key="data_append")
    check_key = (upload.file_id, tuple(sorted(mapping.items())), keep_dups, date_order)
    held = st.session_state.get("data_tx_report")
    if held and held[0] == check_key:
        report = held[1]
    else:
        try:
            report = store.check_transactions(con, raw, mapping, keep_duplicates=keep_dups, date_order=date_order)
        except InputError as e:
            ui.error(e)
            return
        st.session_state["data_tx_report"] = (check_key, report)
    skip_bad = o4.checkbox(T("data.opt.skip_bad"), key="data_skip_bad", disabled=report.ok)
    show_report(report)
    can = report.valid_rows > 0 and (report.ok or skip_bad)
    if st.button(T("data.import.button"), key="data_import", type="primary", disabled=not can,
                 icon=":material/upload:"):
        bar = st.progress(0.0, text=T("data.importing"))
        try:
            rep = store.import_transactions(con, raw, mapping, replace=not append, skip_bad_rows=skip_bad,
                                            keep_duplicates=keep_dups, date_order=date_order,
                                            progress=lambda x: bar.progress(x, text=T("data.importing")))
        except InputError as e:
            bar.empty()
            ui.error(e)
            return
        total = store.transaction_summary(con)["rows"]
        wrote("import", T("data.import.done", rows=ui.num(rep.valid_rows), customers=ui.num(rep.customers),
                           first=rep.first_day, last=rep.last_day, skipped=ui.num(rep.rows - rep.valid_rows),
                           total=ui.num(total)))


# --- 2. segments from data -------------------------------------------------------------------

def rules_form() -> dict:
    saved = lifecycle.make_rules(store.get_segment_rules(con))
    with st.form("data_rules_form"):
        st.markdown(f"#### {T('data.seg.rules')}")
        st.caption(T("data.seg.rules_help"))
        cols = st.columns(len(lifecycle.RULES))
        values = {}
        for col, (k, (default, lo, hi, zh, en)) in zip(cols, lifecycle.RULES.items()):
            is_share = isinstance(default, float)
            st.session_state.setdefault(f"data_rule_{k}", float(saved[k]) if is_share else int(saved[k]))
            values[k] = col.number_input(zh if lang == "zh" else en, min_value=float(lo) if is_share else int(lo),
                                         max_value=float(hi) if is_share else int(hi), step=0.01 if is_share else 1,
                                         format="%.2f" if is_share else "%d", key=f"data_rule_{k}")
        submitted = st.form_submit_button(T("data.seg.rules_save"), key="data_rules_save")
    if submitted:
        try:
            rules = lifecycle.make_rules(values)
        except InputError as e:
            ui.error(e)
            return saved
        store.save_segment_rules(con, rules)
        wrote("segments", T("data.seg.rules_saved"))
    return saved


def field_name(f: str) -> str:
    return FIELDS[f].label(lang)


def segments_tab() -> None:
    flash("segments")
    if not summary["rows"]:
        st.info(T("data.seg.none"), icon=":material/info:")
        return
    rules = rules_form()
    m, grid = measured(_version()["n"], json.dumps(rules, sort_keys=True))
    names = seg_names()
    st.markdown(f"#### {T('data.seg.measured')}")
    st.caption(T("data.seg.asof", end=day(m.attrs["observation_end"]), vip=ui.money(m.attrs["vip_min_spend"])))
    table = pd.DataFrame({
        T("data.segment"): [names.get(k, k) for k in m["segment"]],
        T("data.size"): [ui.num(v) for v in m["size"]],
        T("data.p_week"): [ui.pct(v, 1) for v in m["p_week"]],
        f"{T('data.aov')} ({ui.cur()})": [ui.money(v, 2) for v in m["aov"]],
        f"{T('data.spend_per_customer')} ({ui.cur()})": [ui.money(v, 2) for v in m["spend_per_customer"]],
    })
    st.dataframe(table, hide_index=True, key="data_seg_table")
    st.caption(T("data.seg.p_week_note", weeks=m.attrs["horizon_weeks"]))
    c1, c2 = st.columns(2)
    with c1:
        ui.chart(charts.data_segments(m, names, lang, ui.cur()), key="chart_data_segments")
    with c2:
        ui.chart(charts.rf_heatmap(grid, lang), key="chart_data_rf")

    current = ui.segments()
    new = lifecycle.segments_from(m, current)
    st.markdown(f"#### {T('data.seg.preview')}")
    st.caption(T("data.seg.preview_note"))
    fmt = {"size": ui.num, "p_week": lambda v: ui.pct(v, 1), "aov": lambda v: ui.money(v, 2)}
    rows, changed = [], []
    for old, nw in zip(current, new):
        if old.key not in set(m["segment"]):
            continue
        row = {T("data.segment"): old.name(lang)}
        for f, show in fmt.items():
            row[T("data.col.current", field=field_name(f))] = show(getattr(old, f))
            row[T("data.col.new", field=field_name(f))] = show(getattr(nw, f))
        rows.append(row)
        if any(abs(getattr(old, f) - getattr(nw, f)) > 1e-9 for f in fmt):
            changed.append(old.name(lang))
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="data_seg_preview")
    b1, b2, _ = st.columns([1, 1, 2])
    if b1.button(T("data.seg.apply"), key="data_seg_apply", type="primary", disabled=not changed,
                 icon=":material/published_with_changes:"):
        hid = store.apply_segments(con, new, note=f"measured as of {day(m.attrs['observation_end'])}")
        wrote("segments", T("data.segments_applied", id=hid) + " "
              + ui.md("data.seg.changed", n=len(changed),
                      names="、".join(changed) if lang == "zh" else ", ".join(changed)))
    if not changed:
        st.caption(T("data.seg.unchanged"))
    history = store.segment_history(con)
    open_switch = any(h["reverted"] is None for h in history)
    if b2.button(T("data.seg.revert"), key="data_seg_revert", disabled=not open_switch, icon=":material/undo:"):
        hid = store.revert_segments(con)
        wrote("segments", T("data.segments_reverted", id=hid) if hid else T("data.nothing_to_revert"))
    if history:
        with st.expander(T("data.seg.history")):
            st.dataframe(pd.DataFrame({
                T("data.col.id"): [h["id"] for h in history],
                T("data.col.applied"): [pd.Timestamp(h["applied"]).strftime("%Y-%m-%d %H:%M") for h in history],
                T("data.col.note"): [h["note"] for h in history],
                T("data.col.reverted"): [T("data.no") if h["reverted"] is None
                                         else pd.Timestamp(h["reverted"]).strftime("%Y-%m-%d %H:%M") for h in history],
            }), hide_index=True, key="data_seg_history")


# --- 3. campaign history and calibration -----------------------------------------------------

def campaign_file(label: str, key: str, fields: dict, allow_empty: bool):
    upload = ui.uploader(label, key, None, ingest.MAX_EXCEL_BYTES // 2**20,
                         formats="CSV、TSV、Excel（.xlsx）、Parquet")
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


def campaigns_tab() -> None:
    flash("campaigns")
    st.caption(T("data.cmp.fields"))
    c1, c2 = st.columns(2)
    with c1:
        targets, t_map = campaign_file(T("data.cmp.targets_label"), "data_targets_file", ingest.TARGET_FIELDS, False)
    with c2:
        responses, r_map = campaign_file(T("data.cmp.responses_label"), "data_responses_file", ingest.RESPONSE_FIELDS, True)
    b1, b2, _ = st.columns([1, 1, 2])
    ready = targets is not None and responses is not None
    go_import = b1.button(T("data.cmp.import"), key="data_cmp_import", type="primary", disabled=not ready,
                          icon=":material/upload:", help=None if ready else T("data.cmp.need_both"))
    go_demo = b2.button(T("data.cmp.demo"), key="data_cmp_demo", icon=":material/science:",
                        help=T("data.cmp.demo_help", n=DEMO["n_campaigns"]))
    if go_import or go_demo:
        if go_demo:
            g = demo_data()
            targets, responses = ingest.from_frame(g.targets, "demo_targets.csv"), ingest.from_frame(g.responses,
                                                                                                      "demo_responses.csv")
            t_map = r_map = None
        try:
            rep = store.import_campaigns(con, targets, responses, t_map, r_map)
        except InputError as e:
            ui.error(e)
        else:
            wrote("campaigns", T("data.campaigns_imported", **rep) + " " + T("data.not_counted", **rep))

    campaigns = store.campaign_list(con)
    if campaigns.empty:
        st.info(T("data.cal.none"), icon=":material/info:")
        return
    st.markdown(f"#### {T('data.cmp.list')}")
    st.dataframe(pd.DataFrame({
        T("data.campaign"): campaigns["campaign_id"], T("data.type"): [TYPES[k].name(lang) for k in campaigns["promo_type"]],
        T("data.col.start"): [day(d) for d in campaigns["start_date"]], T("data.col.end"): [day(d) for d in campaigns["end_date"]],
        T("data.targeted"): campaigns["targeted"], T("data.holdout"): campaigns["holdout"]}),
        hide_index=True, key="data_cmp_list")
    try:
        cal = calibrated(_version()["n"])
    except InputError as e:
        ui.error(e)
        return
    names = {**seg_names(), "unknown": "—"}
    st.markdown(f"#### {T('data.cal.title')}")
    st.markdown(f"**{T('data.cal.by_campaign')}**")
    st.dataframe(pd.DataFrame({
        T("data.campaign"): [r["campaign_id"] for r in cal["campaigns"]],
        T("data.type"): [TYPES[r["promo_type"]].name(lang) for r in cal["campaigns"]],
        T("data.targeted"): [r["targeted"] for r in cal["campaigns"]],
        T("data.responders"): [r["responders"] for r in cal["campaigns"]],
        T("data.rate"): [rate_text(r["rate"]) for r in cal["campaigns"]],
        T("data.interval"): [interval_text(r["interval"]) for r in cal["campaigns"]]}),
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
        T("data.rate"): [rate_text(r["rate"]) for r in seg_rows],
        T("data.interval"): [interval_text(r["interval"]) for r in seg_rows],
        T("data.col.param"): [params[r["promo_type"]] for r in seg_rows]}),
        hide_index=True, key="data_cal_segments")
    ui.chart(charts.calibration_rates(seg_rows, names, lang), key="chart_data_calibration")
    st.caption(T("data.not_counted", **cal))
    example = seg_rows[0]
    st.info(T("data.cal.note", badge=T("data.badge", campaigns=example["campaigns"], customers=ui.num(example["targeted"]))),
            icon=":material/verified:")


# --- 4. readout of a finished campaign -------------------------------------------------------

def metric_pair(col, label: str, value: str, iv=None, fmt=None, help_=None) -> None:
    col.metric(label, value, help=help_)
    if iv is not None:
        col.caption(T("data.ro.interval", lo=fmt(iv[0]), hi=fmt(iv[1])))


def readout_tab() -> None:
    campaigns = store.campaign_list(con)
    if campaigns.empty:
        st.info(T("data.ro.none"), icon=":material/info:")
        return
    scenarios = {s["id"]: s["name"] for s in store.list_scenarios(con)}
    c1, c2, c3 = st.columns(3)
    cid = c1.selectbox(T("data.ro.campaign"), campaigns["campaign_id"].tolist(), key="data_ro_campaign")
    sid = c2.selectbox(T("data.ro.scenario"), [None, *scenarios], key="data_ro_scenario",
                       format_func={None: T("data.ro.no_scenario"), **{i: f"{n} (#{i})" for i, n in scenarios.items()}}.get)
    cost = c3.number_input(T("data.ro.cost", cur=ui.cur()), min_value=0.0, value=None, step=100.0, key="data_ro_cost")
    try:
        r = readout.readout(con, cid, scenario_id=sid, cost=cost)
    except InputError as e:
        ui.error(e)
        return
    st.markdown("#### " + ui.md("data.ro.header", campaign=r["campaign_id"], type=TYPES[r["promo_type"]].name(lang),
                            start=r["start_date"], end=r["end_date"]))
    tg, hd, ru, su = r["targeted"], r["holdout"], r["response_uplift"], r["spend_uplift"]
    pct1 = lambda v: ui.pct(v, 1)  # noqa: E731
    signed_pp = lambda v: ("+" if v > 0 else "") + T("data.pp", x=ui.num(v * 100, 1))  # noqa: E731
    signed_money = lambda v: ("+" if v > 0 else "") + ui.money(v, 2)  # noqa: E731
    m = st.columns(3)
    metric_pair(m[0], T("data.ro.rate_t"), pct1(tg["rate"]), tg["interval"], pct1,
                T("data.ro.people", n=ui.num(tg["customers"]), k=ui.num(tg["responders"])))
    metric_pair(m[1], T("data.ro.rate_h"), pct1(hd["rate"]), hd["interval"], pct1,
                T("data.ro.people", n=ui.num(hd["customers"]), k=ui.num(hd["responders"])))
    metric_pair(m[2], T("data.response_uplift"), signed_pp(ru["value"]), ru["interval"], signed_pp)
    m = st.columns(3)
    metric_pair(m[0], T("data.ro.spend_t"), ui.money(tg["spend_per_customer"], 2))
    metric_pair(m[1], T("data.ro.spend_h"), ui.money(hd["spend_per_customer"], 2))
    metric_pair(m[2], T("data.spend_uplift"), signed_money(su["value"]), su["interval"], signed_money)
    m = st.columns(3)
    metric_pair(m[0], T("data.incremental_profit"), ui.money(r["incremental_profit"]), r["incremental_profit_interval"],
                ui.money)
    m[1].caption(T("data.ro.profit_note", n=ui.num(tg["customers"]), margin=ui.pct(r["margin"]), cost=ui.money(r["cost"]),
                   basis=T(f"data.ro.basis.{r['cost_basis']}"), spend_basis=T(f"data.ro.spend_basis.{r['spend_basis']}")))
    c1, c2 = st.columns(2)
    with c1:
        ui.chart(charts.readout_rates(r, lang), key="chart_data_readout")
    with c2:
        ui.chart(charts.plan_vs_actual(r, lang, ui.cur()), key="chart_data_plan")
    if r.get("plan_vs_actual"):
        st.markdown("#### " + ui.md("data.ro.plan_title", name=r["scenario_name"]))
        show = {"participants": ui.num, "incremental_revenue": ui.money, "profit": ui.money}
        st.dataframe(pd.DataFrame([{
            T("data.ro.metric"): T(f"data.ro.metric.{p['metric']}"),
            T("data.forecast"): show[p["metric"]](p["forecast"]),
            T("data.actual"): show[p["metric"]](p["actual"]),
            T("data.ro.p10_p90"): f"{ui.money(p['p10'])} – {ui.money(p['p90'])}" if p.get("p10") is not None else "—",
            T("data.ro.within"): "—" if "within_p10_p90" not in p else T("data.yes" if p["within_p10_p90"] else "data.no"),
        } for p in r["plan_vs_actual"]]), hide_index=True, key="data_ro_plan")


with tab_import:
    import_tab()
with tab_segments:
    segments_tab()
with tab_campaigns:
    campaigns_tab()
with tab_readout:
    readout_tab()
