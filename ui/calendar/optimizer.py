"""The calendar's Optimizer tab: the best plan under a budget and the rules, next to the current plan, with a
progress bar that follows the optimizer's stages; "apply" makes the proposal the working plan (saved)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from promo import TYPES, InputError, charts, store
from promo.planning import OBJECTIVES, Progress, optimize

from . import state
from .state import DEFAULT_BUDGET, Calendar, Keys

ROWS = ("items", "cost", "profit", "p10", "p90", "roi", "prob_loss", "violations")


def tab(cal: Calendar) -> None:
    st.caption(ui.T("cal.opt.intro"))
    inputs = _inputs(cal)
    if st.button(ui.T("cal.opt.run"), key="cal_opt_run", type="primary", icon=":material/auto_awesome:"):
        _run(cal, *inputs)
    if Keys.OPT in st.session_state:
        _result(cal, st.session_state[Keys.OPT])


def _inputs(cal: Calendar):
    ss, seg_keys = st.session_state, [s.key for s in cal.segments]
    for k, v in ((Keys.OPT_BUDGET, DEFAULT_BUDGET), (Keys.OPT_OBJECTIVE, "expected"), (Keys.OPT_TYPES, list(TYPES)),
                 (Keys.OPT_SEGMENTS, seg_keys)):
        ss.setdefault(k, v)
    ss[Keys.OPT_SEGMENTS] = [k for k in ss[Keys.OPT_SEGMENTS] if k in seg_keys]
    c = st.columns([1, 1, 2, 2])
    budget = c[0].number_input(ui.T("cal.opt.budget", cur=ui.cur()), min_value=0.0, step=10000.0,
                               key=Keys.OPT_BUDGET, format="%.0f")
    objective = c[1].radio(ui.T("cal.opt.objective"), OBJECTIVES, key=Keys.OPT_OBJECTIVE,
                           format_func={k: ui.T(f"plan.objective.{k}") for k in OBJECTIVES}.get)
    types = c[2].multiselect(ui.T("cal.opt.types"), list(TYPES), key=Keys.OPT_TYPES, placeholder=ui.T("app.choose"),
                             format_func={k: t.name(ui.lang()) for k, t in TYPES.items()}.get)
    names = {s.key: s.name(ui.lang()) for s in cal.segments}
    segs = c[3].multiselect(ui.T("cal.opt.segments"), seg_keys, key=Keys.OPT_SEGMENTS, format_func=names.get,
                            placeholder=ui.T("app.choose"))
    return budget, objective, types, segs


def progress_text(p: Progress) -> str:
    """The optimizer's stage in the reader's words (the optimizer reports codes, not sentences)."""
    return ui.T(f"plan.progress.{p.stage}", type=TYPES[p.type].name(ui.lang()) if p.type in TYPES else "",
                done=p.done, number=p.done + 1, total=p.total)


def _run(cal: Calendar, budget, objective, types, segs) -> None:
    if not types or not segs:
        st.warning(ui.T("cal.opt.pick"))
        return
    if budget is None:
        st.warning(ui.T("cal.form.fix"))
        return
    bar = st.progress(0.0, text=ui.T("cal.opt.starting"))
    try:
        res = optimize(budget=float(budget), objective=objective, rules=cal.rules, locked=cal.plan,
                       segments=cal.segments, types=types, segment_keys=segs,
                       progress=lambda p: bar.progress(min(max(p.fraction, 0.0), 1.0), text=progress_text(p)))
        st.session_state[Keys.OPT] = {"result": res, "budget": float(budget)}
    except InputError as e:
        ui.error(e)
    bar.empty()


def _totals(v, n_violations: int, n_items: int) -> list[str]:
    return [ui.count(n_items), ui.money(v.cost.mean), ui.money(v.profit.mean), ui.money(v.profit.p10),
            ui.money(v.profit.p90), ui.ratio(v.roi.mean if v.cost.mean > 0 else None), ui.prob(v.prob_loss),
            ui.count(n_violations)]


def _result(cal: Calendar, opt: dict) -> None:
    res = opt["result"]
    st.markdown(ui.T("cal.opt.status", status=ui.T(f"plan.status.{res.status}"),
                     gap=ui.pct(res.mip_gap, 2) if res.mip_gap is not None else "—", seconds=res.stats["seconds"],
                     objective=ui.T(f"plan.objective.{res.objective}")))
    if res.status == "infeasible" or res.value is None:
        st.error(ui.T("cal.opt.infeasible"), icon=":material/block:")
        st.markdown("\n".join(f"- {ui.plain(en if ui.lang() == 'en' else zh)}" for en, zh in res.explanation))
        return
    for en, zh in res.explanation:
        st.info(ui.plain(en if ui.lang() == "en" else zh))
    left, right = st.columns([2, 3])
    with left:
        st.markdown(f"**{ui.T('cal.opt.compare')}**")
        now = _totals(cal.value, len(cal.violations), len(cal.plan.items))
        proposed = _totals(res.value, len(res.violations), len(res.plan.items))
        st.dataframe(pd.DataFrame({"": [ui.T(f"cal.opt.row.{k}") for k in ROWS], ui.T("cal.opt.current"): now,
                                   ui.T("cal.opt.proposed"): proposed}), hide_index=True, key="cal_opt_table",
                     width="stretch")
        if st.button(ui.T("cal.opt.apply"), key="cal_opt_apply", type="primary", icon=":material/event_available:",
                     help=ui.T("cal.opt.apply_help")):
            state.commit(res.plan, cal.rules, "cal.opt.applied")
        _save_proposal(cal, res, opt["budget"])
    with right:
        ui.chart(charts.plan_gantt(res.plan, cal.segments, ui.lang(), ui.cur(), res.violations, res.value,
                                   title_key="cal.chart.gantt.proposed"), key="chart_cal_gantt_proposed")


def _save_proposal(cal: Calendar, res, budget: float) -> None:
    """The proposal under a name, without applying it (a name another plan has gets a number)."""
    default = f"{ui.T('cal.opt.proposed')} {res.plan.year} · {ui.money(budget)}"
    row = st.container(horizontal=True, vertical_alignment="bottom")
    name = row.text_input(ui.T("cal.opt.save_name"), key=Keys.OPT_NAME, max_chars=120, placeholder=default)
    if row.button(ui.T("cal.opt.save"), key="cal_opt_save"):
        try:
            pid = store.save_plan(ui.con(), (name or "").strip() or default, res.plan, cal.rules,
                                  res.value.summary(res.violations))
        except InputError as e:
            ui.error(e)
            return
        ui.saved_note(ui.T("cal.files.saved", id=pid), (name or "").strip() or default,
                      store.get_plan(ui.con(), pid)["name"])


__all__ = ["progress_text", "tab"]
