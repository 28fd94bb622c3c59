"""The calendar's Items tab: the table of items (quick edits, remove, lock) and the form that adds or changes one."""
from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

import ui
from promo import SETTINGS, TYPES, InputError
from promo.model import check_param
from promo.planning import item_names, key_params, params_text, week_start, with_item, without_item

from . import state
from .state import NEW, Calendar, Keys

REACH_DEFAULT, CAP_DEFAULT = SETTINGS["reach"].default * 100, SETTINGS["cap_per_customer"].default
CAP_MAX = int(SETTINGS["cap_per_customer"].hi)


def tab(cal: Calendar) -> None:
    table(cal)
    st.divider()
    form(cal)


# --- the table ---------------------------------------------------------------------------------------------

def table(cal: Calendar) -> None:
    """Every item by name with its weeks, lock and value; start, weeks and lock are edited in place."""
    if not cal.plan.items:
        st.caption(ui.T("cal.items.none"))
        return
    names, cur = item_names(cal.plan.items, cal.segments, ui.lang(), ui.cur()), ui.cur()
    rows = pd.DataFrame([{
        "name": names[it.id], "start": it.start_week, "weeks": it.duration, "locked": it.locked,
        "params": params_text(it, ui.lang(), cur), "cost": round(cal.value.items[it.id].cost.mean),
        "profit": round(cal.value.items[it.id].profit.mean), "remove": False, "id": it.id} for it in cal.plan.items])
    weeks = cal.plan.weeks
    number = lambda key: st.column_config.NumberColumn(ui.T(key), min_value=1, max_value=weeks, step=1)
    money = lambda key: st.column_config.NumberColumn(ui.T(key, cur=cur), disabled=True, format="%,d")
    edited = st.data_editor(rows, key=Keys.of(Keys.ITEMS_EDITOR, cal.version), hide_index=True, num_rows="fixed",
                            width="stretch", column_config={
        "name": st.column_config.TextColumn(ui.T("cal.col.name"), disabled=True, width="large"),
        "start": number("cal.col.start"), "weeks": number("cal.col.weeks"),
        "locked": st.column_config.CheckboxColumn(ui.T("cal.col.locked")),
        "params": st.column_config.TextColumn(ui.T("cal.col.params"), disabled=True),
        "cost": money("cal.col.cost"), "profit": money("cal.col.profit"),
        "remove": st.column_config.CheckboxColumn(ui.T("cal.col.remove")),
        "id": st.column_config.TextColumn(ui.T("cal.col.id"), disabled=True)})
    st.caption(ui.T("cal.items.table_help"))
    _apply_table(cal, edited.to_dict("records"), names)


def _apply_table(cal: Calendar, rows: list[dict], names: dict) -> None:
    """The edited rows as a plan: blanks are named, a change that breaks the plan file is refused, else committed."""
    items, problems = [], []
    for n, (item, row) in enumerate(zip(cal.plan.to_dict()["items"], rows, strict=True), 1):
        if bool(row["remove"]):
            continue
        blank = [col for col, key in (("start", "cal.col.start"), ("weeks", "cal.col.weeks")) if pd.isna(row[col])]
        problems += [ui.md("cal.items.blank", row=n, id=names[item["id"]], col=ui.T(f"cal.col.{col}"))
                     for col in blank]
        if not blank:
            item.update(start_week=int(row["start"]), duration_weeks=int(row["weeks"]), locked=bool(row["locked"]))
        items.append(item)
    for p in problems:
        st.error(p, icon=":material/warning:")
    if problems or items == cal.plan.to_dict()["items"]:
        return
    problem = state.commit_dict({**cal.plan.to_dict(), "items": items}, cal, "cal.items.updated")
    if problem:  # else the page has rerun with the new plan
        st.error(problem, icon=":material/warning:")


# --- the form ----------------------------------------------------------------------------------------------

def form(cal: Calendar) -> None:
    """Add an item, or change or remove the one picked; nothing changes the plan until a button is pressed."""
    st.markdown(f"#### {ui.T('cal.form.title')}")
    target = _target(cal)
    record = _basics(cal, target)
    ptype = TYPES[record["type"]]
    shown = key_params(ptype.key)
    params, problems = _params(ptype, [p for p in ptype.params if p.key in shown], 4)
    with st.expander(ui.T("cal.form.more")):
        more, more_problems = _params(ptype, [p for p in ptype.params if p.key not in shown], 4)
        record.update(_settings())
    record["params"] = {**params, **more}
    _buttons(cal, target, record, problems + more_problems)


def _target(cal: Calendar) -> str:
    ss = st.session_state
    if Keys.NEXT_TARGET in ss:  # set by the last change, before the picker exists on this run
        ss[Keys.TARGET] = ss.pop(Keys.NEXT_TARGET)
    names = item_names(cal.plan.items, cal.segments, ui.lang(), ui.cur())
    if ss.get(Keys.TARGET) not in [NEW, *names]:
        ss[Keys.TARGET] = NEW
    return st.selectbox(ui.T("cal.form.target"), [NEW, *names], key=Keys.TARGET, on_change=_load_form, args=(cal,),
                        format_func={NEW: ui.T("cal.form.new"), **names}.get)


def _load_form(cal: Calendar) -> None:
    """Item picker callback: fill the form with the chosen item (or empty the id for a new one)."""
    ss = st.session_state
    item = next((i for i in cal.plan.items if i.id == ss.get(Keys.TARGET, NEW)), None)
    if item is None:
        ss[Keys.ID] = ""
        return
    ss.update({Keys.ID: item.id, Keys.TYPE: item.type, Keys.SEGMENTS: list(item.segments), Keys.START: item.start_week,
               Keys.WEEKS: item.duration, Keys.LOCKED: item.locked, Keys.REACH: item.campaign.reach * 100,
               Keys.CAP: item.campaign.cap_per_customer})
    for p in TYPES[item.type].params:
        v = item.campaign.params[p.key]
        ss[f"{Keys.PARAM}.{item.type}.{p.key}"] = v if p.is_choice else float(v) * (100 if p.unit == "share" else 1)


def _basics(cal: Calendar, target: str) -> dict:
    """Id, type, segments, weeks and lock; the dates the weeks cover under them."""
    ss, weeks_in_plan = st.session_state, cal.plan.weeks
    seg_keys = [s.key for s in cal.segments]
    seg_names = {s.key: s.name(ui.lang()) for s in cal.segments}
    for k, v in {**state.FORM_DEFAULTS, Keys.SEGMENTS: seg_keys[2:3] or seg_keys[:1]}.items():
        ss.setdefault(k, v)
    ss[Keys.START] = min(int(ss[Keys.START] or 1), weeks_in_plan)
    ss[Keys.WEEKS] = min(int(ss[Keys.WEEKS] or 1), weeks_in_plan)
    c = st.columns([2, 2, 3, 1.2, 1.2], vertical_alignment="bottom")
    item_id = c[0].text_input(ui.T("cal.form.id"), key=Keys.ID, max_chars=60, help=ui.T("cal.form.id_help"),
                              disabled=target != NEW)
    type_key = c[1].selectbox(ui.T("cal.form.type"), list(TYPES), key=Keys.TYPE,
                              format_func={k: t.name(ui.lang()) for k, t in TYPES.items()}.get)
    segs = c[2].multiselect(ui.T("cal.form.segments"), seg_keys, key=Keys.SEGMENTS, format_func=seg_names.get,
                            placeholder=ui.T("app.choose"))
    start = c[3].number_input(ui.T("cal.form.start"), min_value=1, max_value=weeks_in_plan, step=1, key=Keys.START)
    weeks = c[4].number_input(ui.T("cal.form.weeks"), min_value=1, max_value=weeks_in_plan, step=1, key=Keys.WEEKS)
    row = st.container(horizontal=True, vertical_alignment="center")  # the lock on a line of its own: never cut
    locked = row.checkbox(ui.T("cal.form.locked"), key=Keys.LOCKED, help=ui.T("cal.form.locked_help"))
    if start and weeks:
        end = start + weeks - 1
        first, last = week_start(cal.plan.year, start), week_start(cal.plan.year, min(end, weeks_in_plan))
        row.caption(ui.T("cal.form.ends", start=start, end=end, first=first.isoformat(),
                         last=(last + timedelta(days=6)).isoformat()))
    return {"id": (item_id or "").strip() or None, "type": type_key, "segments": list(segs), "start_week": start,
            "duration_weeks": weeks, "locked": bool(locked)}


def _params(ptype, params, columns: int) -> tuple[dict, list[str]]:
    """Inputs for these parameters in ``columns`` columns; (values, problems)."""
    values, problems = {}, []
    cols = st.columns(columns)
    for n, p in enumerate(params):
        with cols[n % columns]:
            values[p.key], err = _param_input(p, f"{Keys.PARAM}.{ptype.key}.{p.key}")
            if err:
                st.error(err, icon=":material/warning:")
                problems.append(err)
    return values, problems


def _param_input(p, key: str):
    """One parameter: a number box with its unit (shares in %), the simulator's default; (value, problem)."""
    unit = ui.cur() if p.unit == "yuan" else ("" if p.is_choice else ui.T("unit." + p.unit))
    label = f"{p.label(ui.lang())} ({unit})" if unit else p.label(ui.lang())
    if p.is_choice:
        st.session_state.setdefault(key, p.default)
        names = {c.key: (c.zh if ui.lang() == "zh" else c.en) for c in p.choices}
        return st.selectbox(label, list(names), format_func=names.get, key=key, help=p.help(ui.lang())), None
    scale = 100 if p.unit == "share" else 1
    st.session_state.setdefault(key, float(p.default) * scale)
    v = st.number_input(label, step=float(p.step) * scale, key=key, help=p.help(ui.lang()),
                        format="%.1f" if scale == 100 else None)
    problem = ui.T("sim.out_of_range", lo=ui.num(p.lo * scale, 2), hi=ui.num(p.hi * scale, 2))
    if v is None:
        return None, problem
    try:
        check_param(p, v / scale)
        return v / scale, None
    except InputError:
        return v, problem


def _settings() -> dict:
    """Reach and the per-customer cap (the other campaign settings keep their defaults in a plan)."""
    st.session_state.setdefault(Keys.REACH, REACH_DEFAULT)
    st.session_state.setdefault(Keys.CAP, CAP_DEFAULT)
    c = st.columns(4)
    reach = c[0].number_input(f"{SETTINGS['reach'].label(ui.lang())} (%)", min_value=0.0,
                              max_value=100.0, step=5.0, key=Keys.REACH)
    cap = c[1].number_input(f"{SETTINGS['cap_per_customer'].label(ui.lang())} ({ui.T('unit.times')})",
                            min_value=1, max_value=CAP_MAX, step=1, key=Keys.CAP)
    return {"reach": (REACH_DEFAULT if reach is None else reach) / 100,
            "cap_per_customer": CAP_DEFAULT if cap is None else cap}


def _buttons(cal: Calendar, target: str, record: dict, problems: list[str]) -> None:
    """Add (a new item) or save changes and remove (a picked one); the plan is validated before it changes."""
    row = st.container(horizontal=True)
    if target == NEW:
        clicked, remove = row.button(ui.T("cal.form.add"), key="cal_f_add", type="primary"), False
    else:
        clicked = row.button(ui.T("cal.form.update"), key="cal_f_update", type="primary")
        remove = row.button(ui.T("cal.form.remove"), key="cal_f_remove")
    try:
        if remove:
            state.commit(without_item(cal.plan.to_dict(), target, cal.segments), cal.rules, "cal.form.removed",
                         id=target)
        if not clicked:
            return
        if problems or record["start_week"] is None or record["duration_weeks"] is None:
            st.warning(ui.T("cal.form.fix"))
            return
        if not record["segments"]:
            st.warning(ui.T("cal.form.pick_segment"))
            return
        plan = with_item(cal.plan.to_dict(), record, None if target == NEW else target, cal.segments)
    except InputError as e:
        ui.error(e)
        return
    item_id = plan.items[-1].id if target == NEW else target
    st.session_state[Keys.NEXT_TARGET] = NEW if target == NEW else target
    state.commit(plan, cal.rules, "cal.form.added" if target == NEW else "cal.form.updated", id=item_id)


__all__ = ["form", "table", "tab"]
