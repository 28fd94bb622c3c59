"""Promotion library: the ten types as cards, each with a button that opens the simulator prefilled."""
import streamlit as st

import ui
from promo import TYPES

lang, T = ui.lang(), ui.T
st.title(":material/menu_book: " + T("page.library"))
st.caption(T("lib.intro"))
seg_names = {s.key: ui.plain(s.name(lang)) for s in ui.segments()}  # shown in Markdown below


def card(p):
    st.markdown(f"### {p.icon} {p.name(lang)}  \n<small>{p.en if lang == 'zh' else p.zh}</small>", unsafe_allow_html=True)
    st.markdown(p.desc_zh if lang == "zh" else p.desc_en)
    st.markdown(" ".join(f"`{T('objective.' + o)}`" for o in p.objectives))
    good, bad = st.columns(2)
    good.markdown(f"**{T('lib.strengths')}**\n" + "".join(f"\n- {x}" for x in (p.strengths_zh if lang == 'zh' else p.strengths_en)))
    bad.markdown(f"**{T('lib.weaknesses')}**\n" + "".join(f"\n- {x}" for x in (p.weaknesses_zh if lang == 'zh' else p.weaknesses_en)))
    st.markdown(f"**{T('lib.suits')}**: " + "、".join(seg_names.get(s, s) for s in p.suits) if lang == "zh" else
                f"**{T('lib.suits')}**: " + ", ".join(seg_names.get(s, s) for s in p.suits))
    st.markdown(f"**{T('lib.cost')}**: {p.cost_zh if lang == 'zh' else p.cost_en}")
    st.markdown(f"**{T('lib.legal')}**" + "".join(f"\n- {x}" for x in (p.legal_zh if lang == 'zh' else p.legal_en)))
    st.markdown(f"**{T('lib.max_runs')}**: {T('lib.max_runs_value', n=p.max_runs_per_year)}")
    with st.expander(T("lib.defaults")):
        st.dataframe({T("lib.param"): [q.label(lang) for q in p.params],
                      T("lib.default"): [(next(c.zh if lang == "zh" else c.en for c in q.choices if c.key == q.default)
                                          if q.is_choice else ui.pct(q.default, 1) if q.unit == "share" else
                                          ui.num(q.default, 2 if q.default < 10 else 0)) for q in p.params],
                      T("lib.unit"): ["" if q.is_choice else (ui.cur() if q.unit == "yuan" else T("unit." + q.unit))
                                      for q in p.params],
                      T("lib.source"): [q.source for q in p.params]}, hide_index=True, key=f"defaults_{p.key}")
    if st.button(T("lib.simulate"), key=f"simulate_{p.key}", type="primary", icon=":material/calculate:"):
        target = next((s for s in p.suits if s in seg_names), next(iter(seg_names)))
        st.switch_page("pages/simulator.py", query_params={"type": p.key, "seg": target})


cols = st.columns(2)
for i, ptype in enumerate(TYPES.values()):
    with cols[i % 2].container(border=True):
        card(ptype)
