"""Simulator: pick a type and segments, move the inputs, see profit, risk and why, save as a scenario."""
import json

import streamlit as st

import ui
from promo import SETTINGS, TYPES, InputError, charts, make_campaign, sensitivity, simulate, store
from promo.i18n import warning
from promo.model import check_number, check_param
from ui import badges, downloads

lang, T = ui.lang(), ui.T
DRAWS = (1000, 5000, 10000, 20000)


@st.cache_data(show_spinner=False, max_entries=512)
def run(campaign_json: str, segments_json: str, draws: int, seed: int):
    """Cached on the inputs as JSON, so moving a slider back is instant."""
    from promo import campaign_from_dict, make_segment

    c = campaign_from_dict(json.loads(campaign_json))
    segs = tuple(make_segment(d) for d in json.loads(segments_json))
    return simulate(c, segs, draws=draws, seed=seed), sensitivity(c, segs)


def widget(url, p, key: str, unit: str):
    """One input per parameter: sliders for bounded shares and ratios, number boxes for money and counts.

    Returns (value, error message or None); a bad value is reported under the field.
    """
    label = f"{p.label(lang)} ({unit})" if unit else p.label(lang)
    help_ = p.help(lang) + "  \n" + T("sim.source", src=p.source)
    if p.is_choice:
        keys = [c.key for c in p.choices]
        names = {c.key: (c.zh if lang == "zh" else c.en) for c in p.choices}
        url.init(key, p.default, parse=str, valid=keys.__contains__)
        return st.selectbox(label, keys, format_func=names.get, key=key, help=help_, persist_state="session"), None
    if p.unit == "share":
        url.init(key, float(p.default) * 100, valid=lambda v: p.lo * 100 <= v <= p.hi * 100)
        return st.slider(label, p.lo * 100, p.hi * 100, step=p.step * 100, key=key, help=help_, format="%.1f", persist_state="session") / 100, None
    if p.unit in ("ratio", "weeks") and p.hi <= 200:
        url.init(key, float(p.default), valid=lambda v: p.lo <= v <= p.hi)
        return st.slider(label, float(p.lo), float(p.hi), step=float(p.step), key=key, help=help_, persist_state="session"), None
    url.init(key, float(p.default))
    v = st.number_input(label, step=float(p.step), key=key, help=help_, persist_state="session")
    try:
        check_param(p, v)
        return v, None
    except InputError:
        return v, T("sim.out_of_range", lo=ui.num(p.lo, 2), hi=ui.num(p.hi, 2))


def input_name(ptype, key: str) -> str:
    """A drawn input's name: a parameter of the type, or one of the segment-level inputs."""
    return ptype.param(key).label(lang) if key in ptype.param_index else T(f"driver.{key}")


def setting_widget(url, name: str):
    spec = SETTINGS[name]
    unit, lo, hi, default = spec.unit, spec.lo, spec.hi, spec.default
    label = f"{spec.label(lang)} ({ui.cur() if unit == 'yuan' else T('unit.' + unit)})"
    help_ = spec.help(lang)
    if unit == "share":
        url.init(name, default * 100, valid=lambda v: 0 <= v <= 100)
        return st.slider(label, 0.0, 100.0, step=5.0, key=name, help=help_, persist_state="session") / 100, None
    if name in ("duration_weeks", "runs_last_52w"):
        top = 26 if name == "duration_weeks" else 12
        url.init(name, default, parse=int, valid=lambda v: lo <= v <= top)
        return st.slider(label, lo, top, step=1, key=name, help=help_, persist_state="session"), None
    if name == "season":
        url.init(name, default, valid=lambda v: lo <= v <= 3.0)
        return st.slider(label, lo, 3.0, step=0.1, key=name, help=help_, persist_state="session"), None
    integer = name == "cap_per_customer"
    url.init(name, default, parse=int if integer else float)
    v = st.number_input(label, step=1 if integer else 1000.0, key=name, help=help_, persist_state="session")
    try:
        return check_number(name, v, lo, hi, integer=integer), None
    except InputError:
        return v, T("sim.out_of_range", lo=ui.num(lo), hi=ui.num(hi))


def measured(cal: dict, p, key: str) -> None:
    """Badge and a one-click default from past campaigns. The measured rate already includes the chosen
    segments' affinity × sensitivity, so the parameter (a reference-segment rate) is the rate divided by it."""
    chosen = [s for s in segments if s.key in cal["segments"]]
    size = sum(s.size for s in chosen) or 1.0
    mult = sum(s.size * s.affinity.get(cal["type"], 1.0) * s.deal_sensitivity for s in chosen) / size or 1.0
    value = min(max(cal["rate"] / mult, p.lo), p.hi)
    lo, hi = cal["interval"]
    st.caption(f":material/verified: {cal['badge']} · " + T("sim.measured", rate=ui.pct(cal["rate"], 1),
                                                            lo=ui.pct(lo, 1), hi=ui.pct(hi, 1), value=ui.pct(value, 2)))
    st.button(T("sim.use_measured"), key=f"use_{key}", icon=":material/input:",
              on_click=lambda: st.session_state.__setitem__(key, round(value * 100, 3)))


st.title(":material/calculate: " + T("page.simulator"))
st.caption(T("sim.intro"))
segments = ui.segments()
seg_names = {s.key: s.name(lang) for s in segments}


@st.fragment
def simulator():
    """Inputs and results rerun on their own when an input moves: the sidebar and navigation stay put."""
    url = ui.UrlState("simulator")
    kpis = st.container()  # filled once the inputs are read: the KPI row spans the page, above inputs and charts
    inputs, results = st.columns([1, 2], gap="large")
    with inputs:
        url.init("type", "discount", parse=str, valid=TYPES.__contains__)
        type_key = st.selectbox(T("sim.type"), list(TYPES), format_func=lambda k: TYPES[k].name(lang), key="type",
                                persist_state="session")
        ptype = TYPES[type_key]
        url.init("seg", [k for k in ("active",) if k in seg_names] or list(seg_names)[:1], parse=list,
                 valid=lambda v: bool(v) and set(v) <= set(seg_names))
        chosen = st.multiselect(T("sim.segments"), list(seg_names), format_func=seg_names.get, key="seg",
                                help=T("sim.segments_help"), placeholder=T("app.choose"), persist_state="session")
        errors = {}
        params = {}
        cal = badges.calibrated(type_key, chosen) if chosen else None
        with st.container(border=True):
            st.markdown(f"**{T('sim.params', name=ptype.name(lang))}**")
            for p in ptype.params:
                unit = ui.cur() if p.unit == "yuan" else ("" if p.is_choice else T("unit." + p.unit))
                params[p.key], err = widget(url, p, f"{type_key}.{p.key}", unit)
                if cal and cal["param"] == p.key:
                    measured({**cal, "type": type_key}, p, f"{type_key}.{p.key}")
                if err:
                    st.error(err, icon=":material/warning:")
                    errors[p.key] = err
        settings = {}
        with st.container(border=True):
            st.markdown(f"**{T('sim.campaign')}**")
            for name in SETTINGS:
                settings[name], err = setting_widget(url, name)
                if err:
                    st.error(err, icon=":material/warning:")
                    errors[name] = err
        draws = st.select_slider(T("sim.draws"), DRAWS, value=10000, key="draws", help=T("sim.draws_help"))

    url.write()
    with results:
        ui.url_notices()
        if not chosen:
            st.info(T("sim.pick_segment"))
            st.stop()
        if errors:
            st.warning(T("sim.fix_inputs"))
            st.stop()
        try:
            campaign = make_campaign(type_key, chosen, params, **settings)
        except InputError as e:
            ui.error(e)
            st.stop()
        seg_json = json.dumps([s.to_dict() for s in segments], ensure_ascii=False)
        result, sens = run(json.dumps(campaign.to_dict(), ensure_ascii=False), seg_json, draws, 7)

        k = kpis.columns(5, border=True)
        k[0].metric(T("kpi.profit"), ui.money_short(result.profit.mean),
                    help=T("kpi.profit_help", exact=ui.money(result.profit.mean), p10=ui.money(result.profit.p10), p90=ui.money(result.profit.p90)))
        k[1].metric(T("kpi.roi"), ui.ratio(result.roi.mean),
                    help=T("kpi.roi_none") if result.roi.mean is None else
                    T("kpi.roi_help", p10=ui.ratio(result.roi.p10), p90=ui.ratio(result.roi.p90)))
        k[2].metric(T("kpi.prob_loss"), ui.prob(result.prob_loss), help=T("kpi.prob_loss_help"))
        k[3].metric(T("kpi.participants"), ui.num(result.participants),
                    help=T("kpi.participants_help", reached=ui.num(result.reached)))
        k[4].metric(T("kpi.cost"), ui.money_short(result.cost.mean), help=T("kpi.cost_help", exact=ui.money(result.cost.mean)))
        if result.drivers:
            kpis.caption(T("sim.drivers", inputs=", ".join(f"{input_name(ptype, key_)} {ui.pct(share)}"
                                                          for key_, share in result.drivers)))

        for w in result.warnings:
            st.warning(warning(w.code, w.data, lang, ui.cur()), icon=":material/warning:")

        c1, c2 = st.columns(2)
        with c1:
            ui.chart(charts.waterfall(result, lang, ui.cur()), key="chart_waterfall", live=True)
        with c2:
            ui.chart(charts.profit_distribution(result, lang, ui.cur()), key="chart_distribution", live=True)
        c3, c4 = st.columns([3, 2])
        with c3:
            ui.chart(charts.tornado(sens, lang, ui.cur()), key="chart_tornado", live=True)
        with c4:
            st.markdown(f"#### {T('sim.breakeven')}")
            be = result.breakeven
            if be["participants"] is not None:
                st.markdown(T("sim.be_participants", n=ui.num(be["participants"]), rate=ui.pct(be["participation_rate"], 1),
                              now=ui.num(result.participants)) if be["participants"] > 0 else T("sim.be_any"))
            else:
                st.markdown(T("sim.be_never"))
            if be["lift"] is not None:
                st.markdown(T("sim.be_lift", lift=ui.pct(be["lift"])))
            st.markdown(f"#### {T('sim.long_term')}")
            lt = {k: v for k, v in result.long_term.items() if k != "total" and abs(v) > 0.5}
            for key_, v in lt.items():
                st.markdown(f"- {T('lt.' + key_)}: **{ui.money(v)}**")
            st.markdown(f"**{T('lt.total')}: {ui.money(result.long_term['total'])}**  \n"
                        f"<small>{T('sim.long_term_note')}</small>", unsafe_allow_html=True)

        if result.partner:
            st.markdown(f"#### {T('sim.partner')}")
            pr = result.partner
            st.table({T("sim.party"): [T("sim.us"), T("sim.partner_side")],
                      T("kpi.cost"): [ui.money(pr["our_cost"]), ui.money(pr["partner_cost"])],
                      T("sim.benefit"): [ui.money(pr["our_profit"] + pr["our_cost"]), ui.money(pr["partner_gain"])],
                      T("kpi.profit"): [ui.money(pr["our_profit"]), ui.money(pr["partner_profit"])]},
                     hide_index=True)

        with st.expander(T("sim.details")):
            rows = [("sim.d.reached", ui.num(result.reached)), ("sim.d.participants", ui.num(result.participants)),
                    ("sim.d.subsidised", ui.num(result.subsidised)),
                    ("sim.d.incremental_buyers", ui.num(result.incremental_buyers)),
                    ("sim.d.incremental_orders", ui.num(result.incremental_orders)),
                    ("sim.d.dip", ui.num(result.dip_orders)), ("sim.d.switched", ui.num(result.switched_orders)),
                    ("sim.d.sales_lift", ui.pct(result.sales_lift.mean) if result.sales_lift.mean is not None else "—"),
                    ("sim.d.subsidised_share", ui.pct(result.subsidised_share.mean)
                     if result.subsidised_share.mean is not None else "—"),
                    ("sim.d.revenue", ui.money(result.incremental_revenue)),
                    ("sim.d.margin", ui.money(result.incremental_margin)), ("sim.d.leads", ui.num(result.leads)),
                    ("sim.d.orders_capped", ui.num(result.caps["orders_capped"])),
                    ("sim.d.budget_scale", ui.pct(result.caps["budget_scale"]))]
            rows += [(f"cost.{k}", ui.money(v)) for k, v in result.costs.items()]
            st.table({T("sim.d.item"): [T(k) for k, _ in rows], T("sim.d.value"): [v for _, v in rows]},
                     hide_index=True)

        st.divider()
        st.markdown(f"#### {T('sim.save')}")
        s1, s2 = st.columns([3, 1], vertical_alignment="bottom")
        name = s1.text_input(T("sim.save_name"), value="", max_chars=120, key="save_name",
                             placeholder=f"{ptype.name(lang)} · {' + '.join(seg_names[s] for s in chosen)}")
        if s2.button(T("sim.save_button"), key="save_button", type="primary", width="stretch"):
            try:
                asked = name.strip() or f"{ptype.name(lang)} · {' + '.join(seg_names[s] for s in chosen)}"
                sid = store.save_scenario(ui.con(), asked, campaign, result.to_dict())
                ui.saved_note(T("sim.saved", id=sid), asked, store.get_scenario(ui.con(), sid)["name"])
            except InputError as e:
                ui.error(e)
        st.caption(T("sim.share_hint"))
        downloads.simulator_panel(name.strip() or f"{ptype.name(lang)} · {' + '.join(seg_names[s] for s in chosen)}",
                                  campaign, result, sens)


simulator()
