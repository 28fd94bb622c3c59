"""Promotion library: the ten types as cards (what the model says each suits, on this business's segments) and
the model card (every published figure the model is checked against)."""
import pandas as pd
import streamlit as st

import ui
from ui import badges
from promo import TYPES, fmt
from promo.model import benchmarks, compare_matrix, suits

lang, T = ui.lang(), ui.T
st.title(":material/menu_book: " + T("page.library"))
segments = ui.segments()
seg_names = {s.key: s.name(lang) for s in segments}


@st.cache_data(show_spinner=False, max_entries=8)
def matrix(segs) -> list[dict]:
    """Every type at its defaults against every segment, expected values (the same cells as Compare's heatmap)."""
    return compare_matrix(segs, draws=0)


@st.cache_data(show_spinner=False)
def card_rows() -> list[dict]:
    return [b.to_dict() | {"setup_zh": b.setup_zh, "published_zh": b.published_zh} for b in benchmarks()]


def names(keys) -> str:
    return ("、" if lang == "zh" else ", ").join(seg_names.get(k, k) for k in keys)


def default_text(q) -> str:
    if q.is_choice:
        return next(c.zh if lang == "zh" else c.en for c in q.choices if c.key == q.default)
    return ui.value(q.default, fmt.kind_of(q.unit))


def band_text(q) -> str:
    if q.prior is None:
        return ""
    lo, hi = q.band(q.default)
    return f"{ui.value(lo, fmt.kind_of(q.unit))} – {ui.value(hi, fmt.kind_of(q.unit))}"


def card(p, rows) -> None:
    st.markdown(f"### {p.icon} {p.name(lang)}  \n<small>{p.en if lang == 'zh' else p.zh}</small>",
                unsafe_allow_html=True)
    st.markdown(p.desc_zh if lang == "zh" else p.desc_en)
    st.markdown(" ".join(f"`{T('objective.' + o)}`" for o in p.purposes))
    good, bad = st.columns(2)
    good.markdown(f"**{T('lib.strengths')}**\n"
                  + "".join(f"\n- {x}" for x in (p.strengths_zh if lang == 'zh' else p.strengths_en)))
    bad.markdown(f"**{T('lib.weaknesses')}**\n"
                 + "".join(f"\n- {x}" for x in (p.weaknesses_zh if lang == 'zh' else p.weaknesses_en)))
    picked = suits(rows, p.key)
    st.markdown(f"**{T('lib.suits')}**")
    if picked:
        st.text(names(picked))
    else:
        own = [r for r in rows if r["type"] == p.key]
        least = max(own, key=lambda r: r["profit_mean"])["segment"]
        st.text(T("lib.suits_none", least=seg_names.get(least, least)))
    st.caption(T("lib.seed_suits"))
    st.text(names(p.seed_suits))
    st.markdown(f"**{T('lib.cost')}**: {p.cost_zh if lang == 'zh' else p.cost_en}")
    st.markdown(f"**{T('lib.legal')}**" + "".join(f"\n- {x}" for x in (p.legal_zh if lang == 'zh' else p.legal_en)))
    st.markdown(f"**{T('lib.max_runs')}**: {T('lib.max_runs_value', n=p.planning.max_runs)}")
    with st.expander(T("lib.defaults")):
        st.dataframe({T("lib.param"): [q.label(lang) for q in p.params],
                      T("lib.default"): [default_text(q) for q in p.params],
                      T("lib.band"): [band_text(q) for q in p.params],
                      T("lib.unit"): ["" if q.is_choice or q.unit in ("yuan", "share") else T("unit." + q.unit)
                                      for q in p.params],
                      T("lib.source"): [q.source for q in p.params]}, hide_index=True, key=f"defaults_{p.key}")
    if st.button(T("lib.simulate"), key=f"simulate_{p.key}", type="primary", icon=":material/calculate:"):
        target = next(iter(picked), next(iter(seg_names)))
        st.switch_page("pages/simulator.py", query_params={"type": p.key, "seg": target})


def model_card() -> None:
    st.caption(T("card.intro"))
    rows = card_rows()
    ok = sum(r["ok"] for r in rows)
    st.markdown(T("card.summary", ok=ok, n=len(rows)))

    def value(x, unit):
        return ui.pct(x, 2 if abs(x) < 0.01 else 1) if unit == "share" else ui.num(x)

    measured = badges.card_measurements()

    def measured_text(m, unit):
        return "—" if m is None else f"{value(m['value'], unit)} · n = {ui.num(m['n'])} · {m['note']}"

    frame = pd.DataFrame({
        T("card.key"): [r["key"] for r in rows],
        T("card.published"): [r["published_zh"] if lang == "zh" else r["published"] for r in rows],
        T("card.simulated"): [value(r["simulated"], r["unit"]) for r in rows],
        T("card.tolerance"): [f"{value(r['tolerance'][0], r['unit'])} – {value(r['tolerance'][1], r['unit'])}"
                              for r in rows],
        T("card.status"): [T("card.ok") if r["ok"] else T("card.out") for r in rows],
        T("card.measured"): [measured_text(measured.get(r["key"]), r["unit"]) for r in rows],
        T("card.setup"): [r["setup_zh"] if lang == "zh" else r["setup"] for r in rows],
        T("card.source"): [r["source"] for r in rows]})
    st.dataframe(frame, hide_index=True, key="model_card", height=36 * (len(frame) + 1) + 3)  # every row, no scrolling
    if not measured:
        st.caption(T("card.measured_none"))
    extra = {k: m for k, m in measured.items() if k not in {r["key"] for r in rows}}
    if extra:  # measured figures without a published counterpart (all channels pooled, the subsidised share)
        st.text("\n".join(f"{k}: {value(m['value'], 'share')} · n = {ui.num(m['n'])} · {m['note']}"
                           for k, m in extra.items()))


types_tab, card_tab = st.tabs([T("lib.tab_types"), T("lib.tab_card")])
with types_tab:
    st.caption(T("lib.intro"))
    cells = matrix(segments)
    cols = st.columns(2)
    for i, ptype in enumerate(TYPES.values()):
        with cols[i % 2].container(border=True):
            card(ptype, cells)
with card_tab:
    model_card()
