"""Simulator: pick a type and segments, move the inputs, see profit, risk and why, save as a scenario.

Inputs → one cached simulation → KPI row, charts and texts. The page is keyed fragments (``ui/simulator.py`` says
which input reruns which): a change redraws the KPI row first, then the warnings, the two main charts and the
texts; the tornado (13 expected-value runs) comes after them and only when its inputs changed; the save panel is
left alone. The charts are Vega-Lite with a constant spec (``promo/live_charts.py``): a new result updates them
in place, an unchanged one is not sent again.
"""
import json

import streamlit as st

import ui
from promo import TYPES, InputError, campaign_from_dict, live_charts, make_segment, sensitivity, simulate, store
from promo.i18n import warning
from ui import downloads
from ui import simulator as sim

lang, T = ui.lang(), ui.T
SEED = 7


def _parse(campaign_json: str, segments_json: str):
    return campaign_from_dict(json.loads(campaign_json)), tuple(make_segment(d) for d in json.loads(segments_json))


# cache_resource, not cache_data: results and chart tables are only read, so sessions share one object instead of
# unpickling 10,000 draws on every press. Keyed on the inputs as JSON, so moving a slider back is instant.
@st.cache_resource(show_spinner=False, max_entries=512)
def result_of(campaign_json: str, segments_json: str, draws: int):
    return simulate(*_parse(campaign_json, segments_json), draws=draws, seed=SEED)


@st.cache_resource(show_spinner=False, max_entries=512)
def main_charts(campaign_json: str, segments_json: str, draws: int, lang_: str, cur: str):
    r = result_of(campaign_json, segments_json, draws)
    return r, live_charts.waterfall(r, lang_, cur), live_charts.distribution(r, lang_, cur)


@st.cache_resource(show_spinner=False, max_entries=512)
def swings(campaign_json: str, segments_json: str, lang_: str, cur: str):
    rows = tuple(sensitivity(*_parse(campaign_json, segments_json)))
    return rows, live_charts.tornado(rows, lang_, cur)


def input_name(ptype, key: str) -> str:
    """A drawn input's name: a parameter of the type, or one of the segment-level inputs."""
    return ptype.param(key).label(lang) if key in ptype.param_index else T(f"driver.{key}")


def kpi_row(result, ptype) -> None:
    """Five tiles in one row (one block and five elements to redraw); the ROI's P10–P90 under its headline,
    or why there is no ROI; below them, which inputs drive the profit's spread."""
    row = st.container(horizontal=True)
    tile = {"border": True, "width": "stretch", "height": "stretch"}
    row.metric(T("kpi.profit"), ui.money_short(result.profit.mean), **tile,
               help=T("kpi.profit_help", exact=ui.money(result.profit.mean), p10=ui.money(result.profit.p10),
                      p90=ui.money(result.profit.p90)))
    roi = result.roi
    row.metric(T("kpi.roi"), ui.ratio(roi.mean), delta_color="off", delta_arrow="off", **tile,
               delta=T("kpi.roi_none") if roi.mean is None else T("kpi.roi_spread", p10=ui.ratio(roi.p10),
                                                                   p90=ui.ratio(roi.p90)),
               help=T("kpi.roi_none") if roi.mean is None else T("kpi.roi_help", p10=ui.ratio(roi.p10),
                                                                 p90=ui.ratio(roi.p90)))
    row.metric(T("kpi.prob_loss"), ui.prob(result.prob_loss), help=T("kpi.prob_loss_help"), **tile)
    row.metric(T("kpi.participants"), ui.num(result.participants), **tile,
               help=T("kpi.participants_help", reached=ui.num(result.reached)))
    row.metric(T("kpi.cost"), ui.money_short(result.cost.mean), **tile,
               help=T("kpi.cost_help", exact=ui.money(result.cost.mean)))
    if result.drivers:
        st.caption(T("sim.drivers", inputs=", ".join(f"{input_name(ptype, key)} {ui.pct(share)}"
                                                     for key, share in result.drivers)))


def breakeven_text(result) -> str:
    """Break-even and long-term value as one Markdown text (one element to redraw, not seven)."""
    be, parts = result.breakeven, [f"#### {T('sim.breakeven')}"]
    if be["participants"] is None:
        parts.append(T("sim.be_never"))
    else:
        parts.append(T("sim.be_participants", n=ui.num(be["participants"]), rate=ui.pct(be["participation_rate"], 1),
                       now=ui.num(result.participants)) if be["participants"] > 0 else T("sim.be_any"))
    if be["lift"] is not None:
        parts.append(T("sim.be_lift", lift=ui.pct(be["lift"])))
    parts.append(f"#### {T('sim.long_term')}")
    parts.append("\n".join(f"- {T('lt.' + key)}: **{ui.money(v)}**" for key, v in result.long_term.items()
                           if key != "total" and abs(v) > 0.5))
    parts.append(f"**{T('lt.total')}: {ui.money(result.long_term['total'])}**  \n"
                 f"<small>{T('sim.long_term_note')}</small>")
    return "\n\n".join(p for p in parts if p)


def details(result) -> None:
    if result.partner:
        st.markdown(f"#### {T('sim.partner')}")
        pr = result.partner
        st.table({T("sim.party"): [T("sim.us"), T("sim.partner_side")],
                  T("kpi.cost"): [ui.money(pr["our_cost"]), ui.money(pr["partner_cost"])],
                  T("sim.benefit"): [ui.money(pr["our_profit"] + pr["our_cost"]), ui.money(pr["partner_gain"])],
                  T("kpi.profit"): [ui.money(pr["our_profit"]), ui.money(pr["partner_profit"])]}, hide_index=True)
    box = st.expander(T("sim.details"), key=sim.DETAILS, on_change=sim.details_toggled)
    if box.open:  # the table is made only when it is shown (not on every change of an input)
        share = lambda s: ui.pct(s.mean) if s.mean is not None else "—"
        rows = [("sim.d.reached", ui.num(result.reached)), ("sim.d.participants", ui.num(result.participants)),
                ("sim.d.subsidised", ui.num(result.subsidised)),
                ("sim.d.incremental_buyers", ui.num(result.incremental_buyers)),
                ("sim.d.incremental_orders", ui.num(result.incremental_orders)),
                ("sim.d.dip", ui.num(result.dip_orders)), ("sim.d.switched", ui.num(result.switched_orders)),
                ("sim.d.sales_lift", share(result.sales_lift)),
                ("sim.d.subsidised_share", share(result.subsidised_share)),
                ("sim.d.revenue", ui.money(result.incremental_revenue)),
                ("sim.d.margin", ui.money(result.incremental_margin)), ("sim.d.leads", ui.num(result.leads)),
                ("sim.d.orders_capped", ui.num(result.caps["orders_capped"])),
                ("sim.d.budget_scale", ui.pct(result.caps["budget_scale"]))]
        rows += [(f"cost.{k}", ui.money(v)) for k, v in result.costs.items()]
        box.table({T("sim.d.item"): [T(k) for k, _ in rows], T("sim.d.value"): [v for _, v in rows]}, hide_index=True)


def draws() -> int:
    return st.session_state.get(sim.DRAWS) or 10000


@st.fragment(key=sim.RESULTS)
def results() -> None:
    """The KPI row first, then warnings, the waterfall and the distribution, the texts, partner split and details.
    The KPI row, the texts and the details go to the page's containers above and beside it: each gets a write on
    every run, even an empty one (Streamlit keeps a fragment's place in a container its last full run wrote to)."""
    st.session_state[sim.URL].write()
    kpi_box, more_box = kpis.container(), more.container()
    campaign, problem = sim.current()
    now.update(campaign=campaign, result=None)
    ui.url_notices()
    if campaign is None:
        side.empty()
        return problem()
    campaign_json = json.dumps(campaign.to_dict(), ensure_ascii=False)
    result, waterfall, distribution = main_charts(campaign_json, segments_json, draws(), lang, ui.cur())
    now.update(result=result)
    with kpi_box:
        kpi_row(result, TYPES[campaign.type])
    with st.container():  # the warnings in a box of their own: the charts keep their place when they vary
        for w in result.warnings:
            st.warning(warning(w.code, w.data, lang, ui.cur()), icon=":material/warning:")
    c1, c2 = st.columns(2)
    with c1:
        ui.live_chart(waterfall, key="chart_waterfall")
    with c2:
        ui.live_chart(distribution, key="chart_distribution")
    side.markdown(breakeven_text(result), unsafe_allow_html=True)
    with more_box:
        details(result)


@st.fragment(key=sim.TORNADO)
def tornado() -> None:
    """Which inputs move the profit most: drawn after the KPIs and the main charts, rerun only when they change."""
    campaign, _ = sim.current()
    if campaign is None:
        return now.update(sens=None)
    rows, chart = swings(json.dumps(campaign.to_dict(), ensure_ascii=False), segments_json, lang, ui.cur())
    now.update(sens=rows)
    ui.live_chart(chart, key="chart_tornado")


@st.fragment(key=sim.SAVE)
def save_panel() -> None:
    """Name, save button and downloads: not rerun by value changes (the files are made from ``now`` when pressed)."""
    campaign, problem = sim.current()
    chosen = st.session_state.get(sim.SEGMENTS) or []
    default = f"{TYPES[st.session_state[sim.TYPE]].name(lang)} · {' + '.join(seg_names[s] for s in chosen)}"
    st.divider()
    st.markdown(f"#### {T('sim.save')}")
    s1, s2 = st.columns([3, 1], vertical_alignment="bottom")
    name = s1.text_input(T("sim.save_name"), value="", max_chars=120, key=sim.SAVE_NAME, placeholder=default,
                         on_change=sim.save_panel_changed)
    name = name.strip() or default
    if s2.button(T("sim.save_button"), key=sim.SAVE_BUTTON, type="primary", width="stretch",
                 on_click=sim.save_panel_changed):
        if campaign is None:
            problem()
        else:
            result = result_of(json.dumps(campaign.to_dict(), ensure_ascii=False), segments_json, draws())
            try:
                sid = store.save_scenario(ui.con(), name, campaign, result.to_dict())
                ui.saved_note(T("sim.saved", id=sid), name, store.get_scenario(ui.con(), sid)["name"])
            except InputError as e:
                ui.error(e)
    st.caption(T("sim.share_hint"))
    if campaign is not None:
        downloads.simulator_panel(name, lambda: (now["campaign"], now["result"], now["sens"]),
                                  [campaign.to_dict(), draws()])


st.title(":material/calculate: " + T("page.simulator"))
st.caption(T("sim.intro"))
segments = ui.segments()
seg_names = {s.key: s.name(lang) for s in segments}
segments_json = json.dumps([s.to_dict() for s in segments], ensure_ascii=False)
now = st.session_state.setdefault(sim.CURRENT, {})  # one dict per session, updated in place: downloads read it
kpis = st.container()  # the KPI row spans the page, above the inputs and the results
col_in, col_out = st.columns([1, 2], gap="large")
with col_out:
    top = st.container()
    c3, side = st.columns([3, 2])
    more, save_area = st.container(), st.container()
with col_in:
    sim.inputs(seg_names)
with top:
    results()
with c3:
    tornado()
with save_area:
    save_panel()
