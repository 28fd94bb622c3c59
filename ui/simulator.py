"""The simulator's inputs: every session-state key of the page, one input per parameter, the campaign read back
from session state, and which part of the page each change reruns.

The page is four keyed fragments (inputs, results, tornado, save panel), and every input of the inputs fragment
has a small fragment of its own. An input's callback names the fragments its change affects (``st.rerun([...])``
replaces Streamlit's default rerun): a parameter reruns its own input (slider and typed box stay in step, an
error shows under it), the results and the tornado; the number of scenarios reruns the results only (the tornado
uses expected values); type and segments rerun everything. The save panel reruns when the inputs turn valid or
invalid, else it is left alone, so no chart or download button is sent again for it.
"""
from __future__ import annotations

import math
from typing import NamedTuple

import streamlit as st

import ui
from promo import SETTINGS, TYPES, InputError, make_campaign
from promo.model import check_number, check_param
from ui import badges, downloads

# session-state keys of the inputs (also their names in the address bar); a parameter's key is "<type>.<param>"
TYPE, SEGMENTS, DRAWS, SAVE_NAME, SAVE_BUTTON = "type", "seg", "draws", "save_name", "save_button"
DETAILS = "sim_details"  # the details expander: open or not
URL = "_sim_url"  # the inputs' UrlState: the results fragment writes the address bar from it
SYNCED = "_sim_synced"  # slider key → the value its slider and typed box both showed after their last drawing
CURRENT = "_sim_current"  # {"campaign", "result", "sens"} shown now (campaign None: inputs invalid); downloads read it
# fragment keys
INPUTS, RESULTS, TORNADO, SAVE = "sim_inputs", "sim_results", "sim_tornado", "sim_save"
DRAW_CHOICES = (1000, 5000, 10000, 20000)


def typed_key(key: str) -> str:
    """The number box next to the slider ``key`` (not in the address bar: the slider's value is)."""
    return f"typed:{key}"


def input_fragment(key: str) -> str:
    return f"input:{key}"


class Input(NamedTuple):
    """One input on screen: a choice, a slider with a typed twin, or a number box (``scale`` 100: percent)."""

    key: str
    kind: str  # "choice", "slider" or "number"
    label: str
    help: str
    default: float | str
    lo: float = 0.0
    hi: float = 0.0
    step: float = 1.0
    scale: float = 1.0
    integer: bool = False
    choices: dict | None = None  # key → name in the user's language
    check: object = None  # value → None, raises InputError when out of range
    param: object = None  # the type's Param (for its measured badge), None for campaign settings

    @property
    def format(self) -> str:
        """Digits the step needs (at least one for fractions): 15.0, 3.60 → "%.1f", "%.2f"."""
        return "%d" if self.integer else f"%.{max(1, -math.floor(math.log10(self.step)) if self.step < 1 else 0)}f"

    def value(self):
        """The model's value of the input now in session state (a percent slider's 15 is 0.15)."""
        v = st.session_state[self.key]
        return v / self.scale if self.kind != "choice" else v

    def error(self) -> str | None:
        """The message under a number box whose value is out of range (sliders cannot leave theirs)."""
        try:
            self.check(self.value())
            return None
        except InputError:
            digits = 2 if self.param is not None else 0
            return ui.T("sim.out_of_range", lo=ui.num(self.lo, digits), hi=ui.num(self.hi, digits))


def param_inputs(type_key: str) -> list[Input]:
    """The type's parameters: shares as percent sliders, bounded ratios and weeks as sliders, money and counts
    as number boxes."""
    lang, out = ui.lang(), []
    for p in TYPES[type_key].params:
        unit = ui.cur() if p.unit == "yuan" else ("" if p.is_choice else ui.T("unit." + p.unit))
        common = {"key": f"{type_key}.{p.key}", "label": f"{p.label(lang)} ({unit})" if unit else p.label(lang),
                  "help": p.help(lang) + "  \n" + ui.T("sim.source", src=p.source), "param": p,
                  "check": lambda v, p=p: check_param(p, v)}
        if p.is_choice:
            out.append(Input(kind="choice", default=p.default, choices={c.key: c.zh if lang == "zh" else c.en
                                                                      for c in p.choices}, **common))
        elif p.unit == "share":
            out.append(Input(kind="slider", default=float(p.default) * 100, lo=p.lo * 100, hi=p.hi * 100,
                             step=p.step * 100, scale=100.0, **common))
        elif p.unit in ("ratio", "weeks") and p.hi <= 200:
            out.append(Input(kind="slider", default=float(p.default), lo=float(p.lo), hi=float(p.hi),
                             step=float(p.step), **common))
        else:
            out.append(Input(kind="number", default=float(p.default), lo=p.lo, hi=p.hi, step=float(p.step), **common))
    return out


def param_values(type_key: str) -> dict:
    """The type's parameters as the inputs hold them now (those drawn so far), in the model's units."""
    return {i.param.key: i.value() for i in param_inputs(type_key) if i.key in st.session_state}


def setting_inputs() -> list[Input]:
    """The campaign settings: reach as a percent slider, duration, past runs and season as sliders (a shorter
    range than the model allows: the useful one), the per-customer cap and the budget as number boxes."""
    out = []
    for name, spec in SETTINGS.items():
        unit = ui.cur() if spec.unit == "yuan" else ui.T("unit." + spec.unit)
        common = {"key": name, "label": f"{spec.label(ui.lang())} ({unit})", "help": spec.help(ui.lang()),
                  "check": lambda v, s=spec: check_number(s.key, v, s.lo, s.hi, integer=s.integer)}
        if spec.unit == "share":
            out.append(Input(kind="slider", default=spec.default * 100, lo=0.0, hi=100.0, step=5.0, scale=100.0,
                             **common))
        elif name in ("duration_weeks", "runs_last_52w"):
            out.append(Input(kind="slider", default=int(spec.default), lo=int(spec.lo),
                             hi=26 if name == "duration_weeks" else 12, step=1, integer=True, **common))
        elif name == "season":
            out.append(Input(kind="slider", default=spec.default, lo=spec.lo, hi=3.0, step=0.1, **common))
        else:
            out.append(Input(kind="number", default=int(spec.default) if spec.integer else float(spec.default),
                             lo=spec.lo, hi=spec.hi, step=1 if spec.integer else 1000.0, integer=spec.integer,
                             **common))
    return out


def current():
    """The campaign of the inputs in session state and None, or None and a function that says in the user's
    language what to do first (choose a segment, fix the inputs marked red, or the model's own message)."""
    type_key, chosen = st.session_state.get(TYPE), st.session_state.get(SEGMENTS) or []
    if not chosen:
        return None, lambda: st.info(ui.T("sim.pick_segment"))
    params, settings = param_inputs(type_key), setting_inputs()
    if any(i.key not in st.session_state or i.error() for i in params + settings):
        return None, lambda: st.warning(ui.T("sim.fix_inputs"))
    try:
        return make_campaign(type_key, chosen, {i.param.key: i.value() for i in params},
                             **{i.key: i.value() for i in settings}), None
    except InputError as e:  # bound now: Python unbinds ``e`` when the except block ends
        return None, lambda error=e: ui.error(error)


# --- callbacks: what a change reruns --------------------------------------------------------------------------

def _rerun(*fragments: str) -> None:
    """Rerun these fragments, and the save panel too when the inputs just turned valid or invalid, or when it
    offers PNGs made of the inputs before the change."""
    valid = current()[0] is not None
    was = st.session_state.get(CURRENT, {}).get("campaign") is not None
    stale = downloads.forget_pngs(downloads.SIMULATOR)
    st.rerun([*fragments, *([SAVE] if valid != was or stale else [])])


def _changed(key: str) -> None:
    _rerun(input_fragment(key), RESULTS, TORNADO)


def _typed(key: str) -> None:
    """The typed value, unless the slider moved in the same interaction: then the box only sent the value it
    showed before the slider's previous move reached it (quick arrow presses), and the slider wins."""
    if st.session_state[key] == st.session_state.get(SYNCED, {}).get(key, st.session_state[key]):
        st.session_state[key] = st.session_state[typed_key(key)]
    _changed(key)


def _use(key: str, value) -> None:
    st.session_state[key] = value
    _changed(key)


def _draws_changed() -> None:
    _rerun(RESULTS)


def _structure_changed() -> None:
    st.rerun([INPUTS, RESULTS, TORNADO, SAVE])


def details_toggled() -> None:
    """Opening the details makes their table: the results rerun (the charts, unchanged, are not redrawn)."""
    st.rerun([RESULTS])


def save_panel_changed() -> None:
    """The save panel's own widgets (name, button) rerun it alone, as Streamlit does for a widget in a fragment;
    said here so it holds in tests too (AppTest reruns the whole page otherwise)."""
    st.rerun([SAVE])


# --- drawing ---------------------------------------------------------------------------------------------------

def _bind(inp: Input, url: ui.UrlState) -> None:
    """The input's value from the address bar, else its default (once, in the inputs fragment: an input's own
    fragment must not read the address bar again, which still holds the value before the change)."""
    if inp.kind == "choice":
        url.init(inp.key, inp.default, parse=str, valid=inp.choices.__contains__)
    elif inp.kind == "slider":
        url.init(inp.key, inp.default, parse=int if inp.integer else float, valid=lambda v: inp.lo <= v <= inp.hi)
    else:
        url.init(inp.key, inp.default, parse=int if inp.integer else float)


def _draw(inp: Input, type_key: str, chosen: list) -> None:
    """One input (a fragment of its own: a change redraws it without the others)."""
    if inp.kind == "choice":
        st.selectbox(inp.label, list(inp.choices), format_func=inp.choices.get, key=inp.key, help=inp.help,
                     persist_state="session", on_change=_changed, args=(inp.key,))
    elif inp.kind == "slider":  # one row: the slider and, at its right, a box to type the number in
        row = st.container(horizontal=True, vertical_alignment="bottom", gap="small", wrap=False)
        row.slider(inp.label, inp.lo, inp.hi, step=inp.step, key=inp.key, help=inp.help, format=inp.format,
                   persist_state="session", on_change=_changed, args=(inp.key,))
        value = st.session_state.setdefault(SYNCED, {})[inp.key] = st.session_state[inp.key]
        st.session_state[typed_key(inp.key)] = value
        row.number_input(inp.label, inp.lo, inp.hi, step=inp.step, key=typed_key(inp.key), format=inp.format,
                         label_visibility="collapsed", on_change=_typed, args=(inp.key,), width=80)
    else:
        st.number_input(inp.label, step=inp.step, key=inp.key, help=inp.help, persist_state="session",
                        on_change=_changed, args=(inp.key,))
        if err := inp.error():
            st.error(err, icon=":material/warning:")
    if inp.param is not None and chosen:
        badges.show(type_key, chosen, inp.param, inp.key, inp.scale, on_use=_use, params=param_values)


@st.fragment(key=INPUTS)
def inputs(seg_names: dict) -> None:
    """Type, segments, the type's parameters, the campaign settings and the number of scenarios."""
    lang, T = ui.lang(), ui.T
    url = st.session_state[URL] = ui.UrlState("simulator")
    url.init(TYPE, "discount", parse=str, valid=TYPES.__contains__)
    type_key = st.selectbox(T("sim.type"), list(TYPES), format_func=lambda k: TYPES[k].name(lang), key=TYPE,
                            persist_state="session", on_change=_structure_changed)
    url.init(SEGMENTS, [k for k in ("active",) if k in seg_names] or list(seg_names)[:1], parse=list,
             valid=lambda v: bool(v) and set(v) <= set(seg_names))
    chosen = st.multiselect(T("sim.segments"), list(seg_names), format_func=seg_names.get, key=SEGMENTS,
                            help=T("sim.segments_help"), placeholder=T("app.choose"), persist_state="session",
                            on_change=_structure_changed)
    for title, group in ((T("sim.params", name=TYPES[type_key].name(lang)), param_inputs(type_key)),
                         (T("sim.campaign"), setting_inputs())):
        with st.container(border=True):
            st.markdown(f"**{title}**")
            for inp in group:
                _bind(inp, url)
                st.fragment(_draw, key=input_fragment(inp.key))(inp, type_key, chosen)
    st.segmented_control(T("sim.draws"), DRAW_CHOICES, default=10000, format_func=ui.num, key=DRAWS,
                         help=T("sim.draws_help"), required=True, on_change=_draws_changed)
