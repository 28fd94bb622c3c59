"""Calendar: a year of promotions on the weeks and festivals, checked against the rules, valued, optimised, saved.

State: the plan and the rules live in session state as the same JSON dicts as the plan and rules files
(``PLAN``, ``RULES_BASE``); every change is validated by ``promo.plan_from_dict`` / ``rules_from_dict``
before it replaces them, so a bad input changes nothing. Totals, checks and charts are recomputed from
them on every run (cheap: ``plan_value`` caches its simulations).
"""
import itertools
import json
from datetime import date, timedelta

import pandas as pd
import streamlit as st

import ui
from promo import TYPES, InputError, charts, jsonfile, store
from promo.i18n import t
from promo.model import SETTINGS, check_param
from promo.planning import (OBJECTIVES, YEAR_RANGE, Rules, check, default_season, festival_weeks, festivals,
                            new_plan, optimize, plan_from_dict, plan_value, rules_from_dict, week_start, weeks_in_year)

lang, T = ui.lang(), ui.T
ss = st.session_state

# session-state keys of this page (widget keys are named where the widget is drawn, all prefixed "cal_")
PLAN, RULES_BASE, RULES_OK, OPT, FLASH, IMPORTED = ("cal_plan", "cal_rules_base", "cal_rules_ok", "cal_opt",
                                                     "cal_flash", "cal_imported")
ITEMS_EDITOR, RULE_TYPES_EDITOR, RULE_SEGS_EDITOR = "cal_items_editor", "cal_rules_types", "cal_rules_segs"
RULE_WIDGETS = ("cal_r_share", "cal_r_cap", "cal_r_prize", "cal_r_total", "cal_r_pairs", RULE_TYPES_EDITOR,
                RULE_SEGS_EDITOR)
NEW = "__new__"
DEFAULT_BUDGET = 200_000.0


def flash(kind: str, key: str, **values) -> None:
    """A message shown after the rerun that follows a change (kept as a text key: it follows the language)."""
    ss.setdefault(FLASH, []).append((kind, key, values))


def show_flash(box) -> None:
    """Inside a container drawn on every run: elements above the tabs keep their places, so the open tab stays."""
    for kind, key, values in ss.pop(FLASH, []):
        getattr(box, kind)(ui.md(key, **values))  # names and ids in them are user text


def msg(e: InputError) -> str:
    """An input error's message for a Markdown element: the ids and names it quotes stay text."""
    return ui.plain(e.message(lang))


def set_plan(d: dict, rules: dict | None = None) -> None:
    """Replace the plan (and the rules): the widgets showing them start again from the new values."""
    ss[PLAN] = d
    for k in (ITEMS_EDITOR, "cal_year", "cal_f_target") + tuple(k for k in ss if str(k).startswith("cal_season_")):
        ss.pop(k, None)
    if rules is not None:
        ss[RULES_BASE] = ss[RULES_OK] = rules
        for k in RULE_WIDGETS:
            ss.pop(k, None)


# --- guard: a valid plan and the segments -----------------------------------------------------------------

st.title(":material/calendar_month: " + T("page.calendar"))
st.caption(T("cal.intro") + " " + T("plan.week_convention"))
segments = ui.segments()
seg_keys = [s.key for s in segments]
seg_names = {s.key: s.name(lang) for s in segments}
if PLAN not in ss:
    ss[PLAN] = new_plan(min(max(date.today().year + 1, YEAR_RANGE[0]), YEAR_RANGE[1])).to_dict()
if RULES_BASE not in ss:
    ss[RULES_BASE] = ss[RULES_OK] = Rules().to_dict()
try:
    plan = plan_from_dict(ss[PLAN], segments)
except InputError as e:  # e.g. the segments changed since the plan was made
    st.error(T("cal.files.invalid_state", msg=msg(e)))
    if st.button(T("cal.files.start_over"), key="cal_start_over"):
        set_plan(new_plan(ss[PLAN].get("year", date.today().year + 1)).to_dict())
        st.rerun()
    st.stop()
show_flash(st.container())


def change_year() -> None:
    """Year picker callback: the new year's season; items that no longer fit are dropped, with a notice."""
    year = int(ss["cal_year"])
    weeks = weeks_in_year(year)
    keep = [i for i in ss[PLAN]["items"] if i["start_week"] + i.get("duration_weeks", 4) - 1 <= weeks]
    dropped = [i["id"] for i in ss[PLAN]["items"] if i not in keep]
    ss[PLAN] = {"year": year, "season": list(default_season(year)), "items": keep}
    for k in (ITEMS_EDITOR, "cal_f_target"):
        ss.pop(k, None)
    flash("info", "cal.year_changed", year=year, weeks=weeks)
    if dropped:
        flash("warning", "cal.year_dropped", year=year, weeks=weeks, ids=", ".join(dropped))


ss.setdefault("cal_year", plan.year)
top = st.columns([1, 4])
top[0].number_input(T("cal.year"), min_value=YEAR_RANGE[0], max_value=YEAR_RANGE[1], step=1, key="cal_year",
                    on_change=change_year, help=T("cal.year_help", lo=YEAR_RANGE[0], hi=YEAR_RANGE[1]))
kpi_box = top[1].container()
alerts = st.container()
charts_box = st.container()
tabs = st.tabs([T("cal.tab.items"), T("cal.tab.season"), T("cal.tab.rules"), T("cal.tab.optimizer"),
                T("cal.tab.files")], key="cal_tabs")


# --- rules: widgets → a rules dict → Rules (contradictions reported; the last valid rules stay in force) ----

def rules_panel(base: dict, weeks: int):
    """Draw the rules inputs; return (Rules or None, problem message or None)."""
    cur = ui.cur()
    st.caption(T("cal.rules.intro"))
    st.markdown(f"**{T('cal.rules.per_type')}**")
    per_type = pd.DataFrame([{
        "type": TYPES[k].name(lang), "max_runs": base["max_runs"].get(k, TYPES[k].max_runs_per_year),
        "min_gap": base["min_gap_weeks"].get(k, 0), "deal": k in base["deal_types"],
        "budget": base["budget"]["per_type"].get(k)} for k in TYPES])
    per_type["budget"] = per_type["budget"].astype("float64")
    edited = st.data_editor(per_type, key=RULE_TYPES_EDITOR, hide_index=True, num_rows="fixed", column_config={
        "type": st.column_config.TextColumn(T("cal.rules.col.type"), disabled=True),
        "max_runs": st.column_config.NumberColumn(T("cal.rules.col.max_runs"), min_value=0, max_value=52, step=1),
        "min_gap": st.column_config.NumberColumn(T("cal.rules.col.min_gap"), min_value=0, max_value=52, step=1),
        "deal": st.column_config.CheckboxColumn(T("cal.rules.col.deal")),
        "budget": st.column_config.NumberColumn(T("cal.rules.col.budget", cur=cur), min_value=0.0, step=1000.0,
                                                format="%.0f")})
    c = st.columns(4)
    ss.setdefault("cal_r_share", round(base["max_deal_share"] * 100, 4))
    ss.setdefault("cal_r_cap", int(base["max_cap_per_customer"]))
    ss.setdefault("cal_r_prize", float(base["prize_cap"]))
    ss.setdefault("cal_r_total", base["budget"]["total"])
    share = c[0].number_input(T("cal.rules.share"), min_value=0.0, max_value=100.0, step=5.0, key="cal_r_share",
                            format="%.1f")
    cap = c[1].number_input(T("cal.rules.cap"), min_value=1, max_value=int(SETTINGS["cap_per_customer"].hi), step=1,
                            key="cal_r_cap")
    prize = c[2].number_input(T("cal.rules.prize", cur=cur), min_value=0.0, step=1000.0, key="cal_r_prize", format="%.0f",
                              help=T("cal.rules.prize_help"))
    total = c[3].number_input(T("cal.rules.total", cur=cur), min_value=0.0, step=10000.0, key="cal_r_total",
                              format="%.0f")
    pair_options = [f"{a}|{b}" for a, b in itertools.combinations(sorted(TYPES), 2)]
    ss.setdefault("cal_r_pairs", [f"{a}|{b}" for a, b in (sorted(p) for p in base["no_overlap"]) if a != b])
    pairs = st.multiselect(T("cal.rules.pairs"), pair_options, key="cal_r_pairs", placeholder=T("app.choose"),
                           format_func=lambda p: " ↔ ".join(TYPES[x].name(lang) for x in p.split("|")))
    st.markdown(f"**{T('cal.rules.per_segment')}**")
    per_seg = pd.DataFrame([{"segment": seg_names[k], "budget": base["budget"]["per_segment"].get(k)}
                            for k in seg_keys])
    per_seg["budget"] = per_seg["budget"].astype("float64")
    edited_seg = st.data_editor(per_seg, key=RULE_SEGS_EDITOR, hide_index=True, num_rows="fixed", column_config={
        "segment": st.column_config.TextColumn(T("cal.rules.col.segment"), disabled=True),
        "budget": st.column_config.NumberColumn(T("cal.rules.col.seg_budget", cur=cur), min_value=0.0, step=1000.0,
                                                format="%.0f")})
    if st.button(T("cal.rules.reset"), key="cal_rules_reset"):
        ss[RULES_BASE] = ss[RULES_OK] = Rules().to_dict()
        for k in RULE_WIDGETS:
            ss.pop(k, None)
        st.rerun()

    blanks = []
    for k, row in zip(TYPES, edited.to_dict("records")):
        for col, label in (("max_runs", "cal.rules.col.max_runs"), ("min_gap", "cal.rules.col.min_gap")):
            if pd.isna(row[col]):
                blanks.append(T("cal.rules.blank", type=TYPES[k].name(lang), col=T(label)))
    for name, value in ((T("cal.rules.share"), share), (T("cal.rules.cap"), cap), (T("cal.rules.prize", cur=cur), prize)):
        if value is None:
            blanks.append(T("cal.rules.blank", type=T("cal.tab.rules"), col=name))
    if blanks:
        return None, " ".join(blanks)
    d = {"max_runs": {k: int(r["max_runs"]) for k, r in zip(TYPES, edited.to_dict("records"))},
         "min_gap_weeks": {k: int(r["min_gap"]) for k, r in zip(TYPES, edited.to_dict("records"))},
         "deal_types": [k for k, r in zip(TYPES, edited.to_dict("records")) if bool(r["deal"])],
         "max_deal_share": float(share) / 100, "max_cap_per_customer": int(cap), "prize_cap": float(prize),
         "no_overlap": [p.split("|") for p in pairs],
         "budget": {"total": None if total is None else float(total),
                    "per_type": {k: float(r["budget"]) for k, r in zip(TYPES, edited.to_dict("records"))
                                 if not pd.isna(r["budget"])},
                    "per_segment": {k: float(r["budget"]) for k, r in zip(seg_keys, edited_seg.to_dict("records"))
                                    if not pd.isna(r["budget"])}}}
    try:
        rules = rules_from_dict(d, seg_keys, weeks)
    except InputError as e:
        return None, msg(e)
    ss[RULES_OK] = rules.to_dict()
    return rules, None


with tabs[2]:
    rules, rules_problem = rules_panel(ss[RULES_BASE], plan.weeks)
    if rules_problem:
        st.error(rules_problem, icon=":material/warning:")
    else:
        st.success(T("cal.rules.ok"), icon=":material/check:")
if rules is None:
    try:
        checking_rules = rules_from_dict(ss[RULES_OK], seg_keys, plan.weeks)
    except InputError:
        checking_rules = Rules()
else:
    checking_rules = rules

value = plan_value(plan, segments)
violations = check(plan, checking_rules, segments, value)


# --- items: the table (quick edits, remove, lock) and the add/change form --------------------------------

def item_dicts() -> list[dict]:
    return [dict(i) for i in ss[PLAN]["items"]]


def try_items(items: list[dict]):
    """The plan with these items, validated; (dict, None) or (None, message)."""
    d = {**ss[PLAN], "items": items}
    try:
        return plan_from_dict(d, segments).to_dict(), None
    except InputError as e:
        return None, msg(e)


def param_summary(it) -> str:
    keys = list(TYPES[it.type].key_params) or [TYPES[it.type].params[0].key]
    out = []
    for k in keys:
        p, v = TYPES[it.type].param(k), it.campaign.params[k]
        out.append(f"{p.label(lang)} {ui.pct(v) if p.unit == 'share' else (ui.money(v) if p.unit == 'yuan' else ui.num(v))}")
    return " · ".join(out)


def items_table() -> None:
    if not plan.items:
        st.caption(T("cal.items.none"))
        return
    cur = ui.cur()
    rows = pd.DataFrame([{
        "id": it.id, "type": TYPES[it.type].name(lang), "segments": ", ".join(seg_names.get(s, s) for s in it.segments),
        "start": it.start_week, "weeks": it.duration, "locked": it.locked, "params": param_summary(it),
        "cost": round(value.items[it.id].cost.mean), "profit": round(value.items[it.id].profit.mean), "remove": False}
        for it in plan.items])
    edited = st.data_editor(rows, key=ITEMS_EDITOR, hide_index=True, num_rows="fixed", width="stretch", column_config={
        "id": st.column_config.TextColumn(T("cal.col.id"), disabled=True),
        "type": st.column_config.TextColumn(T("cal.col.type"), disabled=True),
        "segments": st.column_config.TextColumn(T("cal.col.segments"), disabled=True),
        "start": st.column_config.NumberColumn(T("cal.col.start"), min_value=1, max_value=plan.weeks, step=1),
        "weeks": st.column_config.NumberColumn(T("cal.col.weeks"), min_value=1, max_value=plan.weeks, step=1),
        "locked": st.column_config.CheckboxColumn(T("cal.col.locked")),
        "params": st.column_config.TextColumn(T("cal.col.params"), disabled=True),
        "cost": st.column_config.NumberColumn(T("cal.col.cost", cur=cur), disabled=True, format="%,.0f"),
        "profit": st.column_config.NumberColumn(T("cal.col.profit", cur=cur), disabled=True, format="%,.0f"),
        "remove": st.column_config.CheckboxColumn(T("cal.col.remove"))})
    st.caption(T("cal.items.table_help"))
    new, problems = [], []
    for n, (d, row) in enumerate(zip(item_dicts(), edited.to_dict("records")), 1):
        if bool(row["remove"]):
            continue
        for col, label in (("start", "cal.col.start"), ("weeks", "cal.col.weeks")):
            if pd.isna(row[col]):
                problems.append(ui.md("cal.items.blank", row=n, id=d["id"], col=T(label)))
        if not problems:
            d.update(start_week=int(row["start"]), duration_weeks=int(row["weeks"]), locked=bool(row["locked"]))
        new.append(d)
    if problems:
        for p in problems:
            st.error(p, icon=":material/warning:")
        return
    if new != ss[PLAN]["items"]:
        d, problem = try_items(new)
        if problem:
            st.error(problem, icon=":material/warning:")
            return
        set_plan(d)
        flash("success", "cal.items.updated")
        st.rerun()


def load_form() -> None:
    """Item picker callback: fill the form with the chosen item (or leave it for a new one)."""
    target = ss.get("cal_f_target", NEW)
    item = next((i for i in plan.items if i.id == target), None)
    if item is None:
        ss["cal_f_id"] = ""
        return
    ss.update({"cal_f_id": item.id, "cal_f_type": item.type, "cal_f_segs": list(item.segments),
               "cal_f_start": item.start_week, "cal_f_weeks": item.duration, "cal_f_locked": item.locked,
               "cal_f_reach": item.campaign.reach * 100, "cal_f_cap": item.campaign.cap_per_customer})
    for p in TYPES[item.type].params:
        v = item.campaign.params[p.key]
        ss[f"cal_f_p.{item.type}.{p.key}"] = v if p.is_choice else float(v) * (100 if p.unit == "share" else 1)


def param_input(p, key: str):
    """One parameter (simulator defaults, shares in %); (value, problem or None)."""
    unit = ui.cur() if p.unit == "yuan" else ("" if p.is_choice else T("unit." + p.unit))
    label = f"{p.label(lang)} ({unit})" if unit else p.label(lang)
    if p.is_choice:
        keys = [c.key for c in p.choices]
        ss.setdefault(key, p.default)
        names = {c.key: (c.zh if lang == "zh" else c.en) for c in p.choices}
        return st.selectbox(label, keys, format_func=names.get, key=key, help=p.help(lang)), None
    scale = 100 if p.unit == "share" else 1
    ss.setdefault(key, float(p.default) * scale)
    v = st.number_input(label, step=float(p.step) * scale, key=key, help=p.help(lang),
                        format="%.1f" if scale == 100 else None)
    if v is None:
        return None, T("sim.out_of_range", lo=ui.num(p.lo * scale, 2), hi=ui.num(p.hi * scale, 2))
    try:
        check_param(p, v / scale)
        return v / scale, None
    except InputError:
        return v, T("sim.out_of_range", lo=ui.num(p.lo * scale, 2), hi=ui.num(p.hi * scale, 2))


def item_form() -> None:
    st.markdown(f"#### {T('cal.form.title')}")
    ids = [i.id for i in plan.items]
    if "cal_f_next_target" in ss:
        ss["cal_f_target"] = ss.pop("cal_f_next_target")
    if ss.get("cal_f_target") not in [NEW] + ids:
        ss["cal_f_target"] = NEW
    target = st.selectbox(T("cal.form.target"), [NEW] + ids, key="cal_f_target", on_change=load_form,
                          format_func={NEW: T("cal.form.new"), **{i: i for i in ids}}.get)
    for k, v in (("cal_f_id", ""), ("cal_f_type", "discount"), ("cal_f_segs", seg_keys[2:3] or seg_keys[:1]),
                 ("cal_f_start", 1), ("cal_f_weeks", 2), ("cal_f_locked", False),
                 ("cal_f_reach", SETTINGS["reach"].default * 100), ("cal_f_cap", SETTINGS["cap_per_customer"].default)):
        ss.setdefault(k, v)
    ss["cal_f_start"] = min(int(ss["cal_f_start"] or 1), plan.weeks)
    ss["cal_f_weeks"] = min(int(ss["cal_f_weeks"] or 1), plan.weeks)
    c = st.columns([2, 2, 3, 1.1, 1.1, 1.1], vertical_alignment="bottom")
    item_id = c[0].text_input(T("cal.form.id"), key="cal_f_id", max_chars=60, help=T("cal.form.id_help"),
                              disabled=target != NEW)
    type_key = c[1].selectbox(T("cal.form.type"), list(TYPES), key="cal_f_type",
                              format_func=lambda k: TYPES[k].name(lang))
    segs = c[2].multiselect(T("cal.form.segments"), seg_keys, key="cal_f_segs", format_func=seg_names.get,
                            placeholder=T("app.choose"))
    start = c[3].number_input(T("cal.form.start"), min_value=1, max_value=plan.weeks, step=1, key="cal_f_start")
    weeks = c[4].number_input(T("cal.form.weeks"), min_value=1, max_value=plan.weeks, step=1, key="cal_f_weeks")
    locked = c[5].checkbox(T("cal.form.locked"), key="cal_f_locked", help=T("cal.form.locked_help"))
    if start and weeks:
        end = start + weeks - 1
        first = week_start(plan.year, start)
        last = week_start(plan.year, min(end, plan.weeks)) + timedelta(days=6)
        st.caption(T("cal.form.ends", start=start, end=end, first=first.isoformat(), last=last.isoformat()))
    ptype = TYPES[type_key]
    key_params = list(ptype.key_params) or [ptype.params[0].key]
    params, problems = {}, []
    cols = st.columns(4)
    for n, k in enumerate(key_params):
        with cols[n % 4]:
            params[k], err = param_input(ptype.param(k), f"cal_f_p.{type_key}.{k}")
            if err:
                st.error(err, icon=":material/warning:")
                problems.append(err)
    with st.expander(T("cal.form.more")):
        cols = st.columns(4)
        rest = [p for p in ptype.params if p.key not in key_params]
        for n, p in enumerate(rest):
            with cols[n % 4]:
                params[p.key], err = param_input(p, f"cal_f_p.{type_key}.{p.key}")
                if err:
                    st.error(err, icon=":material/warning:")
                    problems.append(err)
        c2 = st.columns(4)
        reach = c2[0].number_input(f"{SETTINGS['reach'].label(lang)} (%)", min_value=0.0,
                                   max_value=100.0, step=5.0, key="cal_f_reach")
        cap = c2[1].number_input(f"{SETTINGS['cap_per_customer'].label(lang)} ({T('unit.times')})",
                                 min_value=1, max_value=int(SETTINGS["cap_per_customer"].hi), step=1, key="cal_f_cap")
    record = {"id": (item_id or "").strip() or None, "type": type_key, "segments": list(segs),
              "start_week": start, "duration_weeks": weeks, "params": params, "locked": bool(locked),
              "reach": (reach if reach is not None else SETTINGS["reach"].default * 100) / 100,
              "cap_per_customer": cap if cap is not None else SETTINGS["cap_per_customer"].default}
    b = st.columns([1, 1, 4])
    if target == NEW:
        clicked, remove = b[0].button(T("cal.form.add"), key="cal_f_add", type="primary"), False
    else:
        clicked = b[0].button(T("cal.form.update"), key="cal_f_update", type="primary")
        remove = b[1].button(T("cal.form.remove"), key="cal_f_remove")
    if remove:
        d, problem = try_items([i for i in item_dicts() if i["id"] != target])
        if problem:
            st.error(problem, icon=":material/warning:")
            return
        set_plan(d)
        flash("success", "cal.form.removed", id=target)
        st.rerun()
    if not clicked:
        return
    if problems or start is None or weeks is None:
        st.warning(T("cal.form.fix"))
        return
    if not segs:
        st.warning(T("cal.form.pick_segment"))
        return
    items = item_dicts()
    if target == NEW:
        taken = {i["id"] for i in items}
        record["id"] = record["id"] or next(f"item-{n}" for n in itertools.count(len(items) + 1)
                                            if f"item-{n}" not in taken)
        items.append(record)
    else:
        record["id"] = target
        items = [record if i["id"] == target else i for i in items]
    d, problem = try_items(items)
    if problem:
        st.error(problem, icon=":material/warning:")
        return
    set_plan(d)
    ss["cal_f_next_target"] = record["id"] if target != NEW else NEW  # set before the picker on the next run
    flash("success", "cal.form.added" if target == NEW else "cal.form.updated", id=record["id"])
    st.rerun()


with tabs[0]:
    items_table()
    st.divider()
    item_form()


# --- season: festivals and the editable weekly multiplier ---------------------------------------------------

def season_tab() -> None:
    ui.chart(charts.season_chart(plan.year, plan.season, lang), key="chart_cal_season")
    fest = festival_weeks(plan.year)
    lo, hi = SETTINGS["season"].lo, SETTINGS["season"].hi
    left, right = st.columns([3, 2])
    with right:
        st.markdown(f"**{T('cal.season.festivals', year=plan.year)}**")
        st.markdown("\n".join(
            "- " + T("cal.season.fest_row", name=f.name(lang), start=f.start.isoformat(),
                     end="" if f.end == f.start else f" – {f.end.isoformat()}", weeks="–".join(
                         str(w) for w in dict.fromkeys((f.weeks[0], f.weeks[-1]))))
            for f in festivals(plan.year)))
    with left:
        st.markdown(f"**{T('cal.season.table')}**")
        st.caption(T("cal.season.help"))
        base = pd.DataFrame({"week": range(1, plan.weeks + 1),
                             "monday": [week_start(plan.year, w).isoformat() for w in range(1, plan.weeks + 1)],
                             "festivals": [" · ".join(f.name(lang) for f in fest.get(w, ()))
                                           for w in range(1, plan.weeks + 1)],
                             "multiplier": [float(x) for x in plan.season]})
        key = f"cal_season_{plan.year}"
        edited = st.data_editor(base, key=key, hide_index=True, num_rows="fixed", height=420, column_config={
            "week": st.column_config.NumberColumn(T("cal.season.col.week"), disabled=True),
            "monday": st.column_config.TextColumn(T("cal.season.col.monday"), disabled=True),
            "festivals": st.column_config.TextColumn(T("cal.season.col.festivals"), disabled=True),
            "multiplier": st.column_config.NumberColumn(T("cal.season.col.multiplier"), min_value=lo, max_value=hi,
                                                        step=0.05, format="%.2f")})
        if st.button(T("cal.season.reset"), key="cal_season_reset"):
            set_plan({**ss[PLAN], "season": list(default_season(plan.year))})
            flash("success", "cal.season.updated")
            st.rerun()
    values = edited["multiplier"].tolist()
    blank = [w for w, v in zip(base["week"], values) if pd.isna(v)]
    if blank:
        for w in blank:
            st.error(T("cal.season.blank", week=w, lo=lo, hi=hi), icon=":material/warning:")
        return
    season = [float(v) for v in values]
    if season != [float(x) for x in plan.season]:
        try:
            d = plan_from_dict({**ss[PLAN], "season": season}, segments).to_dict()
        except InputError as e:
            st.error(msg(e), icon=":material/warning:")
            return
        set_plan(d)
        flash("success", "cal.season.updated")
        st.rerun()


with tabs[1]:
    season_tab()


# --- optimizer ----------------------------------------------------------------------------------------------

def progress_text(message: str) -> str:
    if message.startswith("simulating "):
        k = message.split(" ", 1)[1]
        return T("plan.progress.simulating", type=TYPES[k].name(lang) if k in TYPES else k)
    if message.startswith("solving"):
        return T("plan.progress.solving")
    if message.startswith("checking the plan"):
        return T("plan.progress.checking")
    return T("cal.opt.working")


def totals_rows(v, violations_n: int, n_items: int) -> list[str]:
    return [ui.num(n_items), ui.money(v.cost.mean), ui.money(v.profit.mean), ui.money(v.profit.p10),
            ui.money(v.profit.p90), ui.ratio(v.roi.mean), ui.pct(v.prob_loss), ui.num(violations_n)]


def optimizer_tab() -> None:
    cur = ui.cur()
    st.caption(T("cal.opt.intro"))
    ss.setdefault("cal_opt_budget", DEFAULT_BUDGET)
    ss.setdefault("cal_opt_objective", "expected")
    ss.setdefault("cal_opt_types", list(TYPES))
    ss.setdefault("cal_opt_segs", list(seg_keys))
    c = st.columns([1, 1, 2, 2])
    budget = c[0].number_input(T("cal.opt.budget", cur=cur), min_value=0.0, step=10000.0, key="cal_opt_budget",
                               format="%.0f")
    objective = c[1].radio(T("cal.opt.objective"), OBJECTIVES, key="cal_opt_objective",
                           format_func={k: T(f"plan.objective.{k}") for k in OBJECTIVES}.get)
    types = c[2].multiselect(T("cal.opt.types"), list(TYPES), key="cal_opt_types", placeholder=T("app.choose"),
                             format_func=lambda k: TYPES[k].name(lang))
    segs = c[3].multiselect(T("cal.opt.segments"), seg_keys, key="cal_opt_segs", format_func=seg_names.get,
                            placeholder=T("app.choose"))
    if st.button(T("cal.opt.run"), key="cal_opt_run", type="primary", icon=":material/auto_awesome:"):
        if rules is None:
            st.error(T("cal.opt.rules_invalid"), icon=":material/warning:")
        elif not types or not segs:
            st.warning(T("cal.opt.pick"))
        elif budget is None:
            st.warning(T("cal.form.fix"))
        else:
            bar = st.progress(0.0, text=T("cal.opt.starting"))
            try:
                res = optimize(budget=float(budget), objective=objective, rules=rules, locked=plan,
                               segments=segments, types=types, segment_keys=segs,
                               progress=lambda f, m: bar.progress(min(max(float(f), 0.0), 1.0), text=progress_text(m)))
                ss[OPT] = {"result": res, "rules": rules.to_dict(), "budget": float(budget)}
            except InputError as e:
                ui.error(e)
            bar.empty()
    if OPT not in ss:
        return
    res = ss[OPT]["result"]
    gap = ui.pct(res.mip_gap, 2) if res.mip_gap is not None else "–"
    st.markdown(T("cal.opt.status", status=T(f"plan.status.{res.status}"), gap=gap, seconds=res.stats["seconds"],
                  objective=T(f"plan.objective.{res.objective}")))
    if res.status == "infeasible" or res.value is None:
        st.error(T("cal.opt.infeasible"), icon=":material/block:")
        st.markdown("\n".join(f"- {ui.plain(en if lang == 'en' else zh)}" for en, zh in res.explanation))
        return
    for en, zh in res.explanation:
        st.info(ui.plain(en if lang == "en" else zh))
    left, right = st.columns([2, 3])
    with left:
        st.markdown(f"**{T('cal.opt.compare')}**")
        labels = [T(f"cal.opt.row.{k}") for k in ("items", "cost", "profit", "p10", "p90", "roi", "prob_loss",
                                                   "violations")]
        st.dataframe(pd.DataFrame({"": labels, T("cal.opt.current"): totals_rows(value, len(violations), len(plan.items)),
                                   T("cal.opt.proposed"): totals_rows(res.value, len(res.violations), len(res.plan.items))}),
                     hide_index=True, key="cal_opt_table", width="stretch")
        if st.button(T("cal.opt.apply"), key="cal_opt_apply", type="primary", icon=":material/event_available:"):
            set_plan(res.plan.to_dict())
            flash("success", "cal.opt.applied")
            st.rerun()
        s1, s2 = st.columns([3, 2], vertical_alignment="bottom")
        name = s1.text_input(T("cal.opt.save_name"), key="cal_opt_name", max_chars=120,
                             placeholder=f"{T('cal.opt.proposed')} {res.plan.year} · {ui.money(ss[OPT]['budget'])}")
        if s2.button(T("cal.opt.save"), key="cal_opt_save"):
            try:
                pid = store.save_plan(ui.con(), (name or "").strip() or
                                      f"{T('cal.opt.proposed')} {res.plan.year} · {ui.money(ss[OPT]['budget'])}",
                                      res.plan, rules_from_dict(ss[OPT]["rules"], seg_keys, res.plan.weeks),
                                      summary(res.value, res.violations))
                st.success(T("cal.files.saved", id=pid))
            except InputError as e:
                ui.error(e)
    with right:
        ui.chart(charts.plan_gantt(res.plan, segments, lang, cur, res.violations, res.value,
                                   title_key="cal.chart.gantt.proposed"), key="chart_cal_gantt_proposed")


def summary(v, bad) -> dict:
    return {"cost": v.cost.mean, "profit": v.profit.mean, "profit_p10": v.profit.p10, "profit_p90": v.profit.p90,
            "roi": v.roi.mean, "prob_loss": v.prob_loss, "violations": len(bad)}


with tabs[3]:
    optimizer_tab()


# --- save, load, import, export -----------------------------------------------------------------------------

def parse_plan_file(data: bytes, name: str):
    """A plan from an uploaded file, or an InputError in both languages saying what is wrong."""
    d = jsonfile.parse_json(data, "plan", name)  # not UTF-8, not JSON, too deep, numbers too large: refused there
    try:
        return plan_from_dict(d, segments)
    except InputError as e:
        raise InputError(t("cal.files.bad_plan", "en", name=name, msg=e.en),
                         t("cal.files.bad_plan", "zh", name=name, msg=e.zh), field="plan") from None


def files_tab() -> None:
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown(f"#### {T('cal.files.save')}")
        s1, s2 = st.columns([3, 1], vertical_alignment="bottom")
        name = s1.text_input(T("cal.files.name"), key="cal_save_name", max_chars=120,
                             placeholder=f"{T('page.calendar')} {plan.year}")
        if s2.button(T("cal.files.save_button"), key="cal_save", type="primary", width="stretch"):
            if rules is None:
                st.error(T("cal.files.rules_invalid", msg=rules_problem), icon=":material/warning:")
            else:
                try:
                    pid = store.save_plan(ui.con(), (name or "").strip() or f"{T('page.calendar')} {plan.year}",
                                          plan, rules, summary(value, violations))
                    st.success(T("cal.files.saved", id=pid))
                except InputError as e:
                    ui.error(e)
        st.markdown(f"#### {T('cal.files.saved_plans')}")
        saved = store.list_plans(ui.con())
        if not saved:
            st.caption(T("cal.files.none"))
        else:
            by_id = {r["id"]: r for r in saved}
            pick = st.selectbox(T("cal.files.pick"), list(by_id)[::-1], key="cal_load_pick",
                                format_func={i: T("cal.files.row", id=i, name=r["name"], year=r["year"],
                                                  n=len(r["plan"].get("items", []))) for i, r in by_id.items()}.get)
            b1, b2, _ = st.columns([1, 1, 3])
            if b1.button(T("cal.files.load"), key="cal_load", icon=":material/upload:") and pick in by_id:
                record = by_id[pick]
                try:
                    p, r = store.saved_plan(record, segments)
                except InputError as e:
                    st.error(T("cal.files.load_failed", name=ui.plain(record["name"]), msg=msg(e)),
                             icon=":material/warning:")
                else:
                    set_plan(p.to_dict(), r.to_dict())
                    flash("success", "cal.files.loaded", name=record["name"])
                    st.rerun()
            if b2.button(T("cal.files.delete"), key="cal_delete", icon=":material/delete:") and pick in by_id:
                store.delete_plan(ui.con(), pick)
                flash("success", "cal.files.deleted", name=by_id[pick]["name"])
                st.rerun()
    with right:
        st.markdown(f"#### {T('cal.files.export')}")
        d1, d2 = st.columns(2)
        d1.download_button(T("cal.files.export"), json.dumps(plan.to_dict(), ensure_ascii=False, indent=2),
                           file_name=f"plan-{plan.year}.json", mime="application/json", key="cal_export",
                           icon=":material/download:")
        d2.download_button(T("cal.files.export_rules"), json.dumps(checking_rules.to_dict(), ensure_ascii=False, indent=2),
                           file_name="rules.json", mime="application/json", key="cal_export_rules",
                           icon=":material/download:")
        st.markdown(f"#### {T('cal.files.import')}")
        up = st.file_uploader(T("cal.files.import"), type=["json"], key="cal_import", help=T("cal.files.import_help"),
                              label_visibility="collapsed")
        st.caption(T("cal.files.import_help"))
        if up is None:
            return
        seen = ss.get(IMPORTED)
        if seen is None or seen[0] != up.file_id:
            try:
                p = parse_plan_file(up.getvalue(), up.name)
            except InputError as e:
                ss[IMPORTED] = (up.file_id, e)
            else:
                ss[IMPORTED] = (up.file_id, None)
                set_plan(p.to_dict())
                flash("success", "cal.files.imported", name=up.name, year=p.year, n=len(p.items))
                st.rerun()
        if ss[IMPORTED][1] is not None:
            ui.error(ss[IMPORTED][1])


with tabs[4]:
    files_tab()


# --- the top: KPIs, rule problems, the Gantt and the weekly chart -----------------------------------------------

with kpi_box:
    k = st.columns(5)
    k[0].metric(T("cal.kpi.items"), ui.num(len(plan.items)))
    k[1].metric(T("cal.kpi.cost"), ui.money_short(value.cost.mean),
                help=T("cal.kpi.cost_help", exact=ui.money(value.cost.mean), p10=ui.money(value.cost.p10),
                       p90=ui.money(value.cost.p90)))
    k[2].metric(T("cal.kpi.profit"), ui.money_short(value.profit.mean),
                help=T("kpi.profit_help", exact=ui.money(value.profit.mean), p10=ui.money(value.profit.p10),
                       p90=ui.money(value.profit.p90)))
    k[3].metric(T("cal.kpi.roi"), ui.ratio(value.roi.mean) if plan.items else "—",
                help=T("kpi.roi_help", p10=ui.ratio(value.roi.p10), p90=ui.ratio(value.roi.p90)))
    k[4].metric(T("cal.kpi.prob_loss"), ui.pct(value.prob_loss) if plan.items else "—",
                help=T("cal.kpi.prob_loss_help", draws=ui.num(value.draws)))
with alerts:
    if rules_problem:
        st.error(T("cal.rules_invalid", msg=rules_problem), icon=":material/rule:")
    if not plan.items:
        st.info(T("cal.empty"), icon=":material/lightbulb:")
    elif violations:
        st.error(T("cal.violations", n=len(violations)) + "\n" + "\n".join(f"- {ui.plain(v.message(lang))}"
                                                                          for v in violations),
                 icon=":material/warning:")
    else:
        st.success(T("cal.no_violations"), icon=":material/check_circle:")
with charts_box:
    ui.chart(charts.plan_gantt(plan, segments, lang, ui.cur(), violations, value), key="chart_cal_gantt")
    ui.chart(charts.plan_weekly(plan, value, lang, ui.cur()), key="chart_cal_weekly")
