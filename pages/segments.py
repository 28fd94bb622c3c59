"""Segments: edit the customer groups the simulator uses, check them, save or reset to defaults."""
import pandas as pd
import streamlit as st

import ui
from promo import FIELDS, TYPES, InputError, charts, make_segment, store

lang, T = ui.lang(), ui.T
st.title(":material/groups: " + T("page.segments"))
st.caption(T("seg.intro"))
segments = ui.segments()

ui.chart(charts.segment_overview(segments, lang, ui.cur()), key="chart_segments")


def field_label(f: str) -> str:
    spec = FIELDS[f]
    u = ui.cur() if spec.unit == "yuan" else T("unit." + spec.unit)
    return f"{spec.label(lang)} ({u})"


# shares are edited in % like the Data page shows them (2.5 for 0.025); money with cents, people whole
FORMATS = {"share": "%.2f", "ratio": "%.3f", "yuan": "%,.2f", "people": "%,d"}
SCALE = {f: 100.0 if spec.unit == "share" else 1.0 for f, spec in FIELDS.items()}
base = pd.DataFrame([{"key": s.key, "zh": s.zh, "en": s.en, **{f: getattr(s, f) * SCALE[f] for f in FIELDS}}
                     for s in segments])
config = {"key": st.column_config.TextColumn(T("seg.key"), disabled=True),
          "zh": st.column_config.TextColumn(T("seg.zh")), "en": st.column_config.TextColumn(T("seg.en"))}
for f, spec in FIELDS.items():
    config[f] = st.column_config.NumberColumn(field_label(f), min_value=spec.lo * SCALE[f],
                                              max_value=spec.hi * SCALE[f], help=spec.help(lang),
                                              format=FORMATS[spec.unit])
st.markdown(f"#### {T('seg.table')}")
edited = st.data_editor(base, column_config=config, hide_index=True, key="seg_editor", num_rows="fixed")

affinity = pd.DataFrame([{"key": s.key, **{k: s.affinity.get(k, 1.0) for k in TYPES}} for s in segments])
st.markdown(f"#### {T('seg.affinity')}")
st.caption(T("seg.affinity_help"))
aff_config = {"key": st.column_config.TextColumn(T("seg.key"), disabled=True)}
aff_config.update({k: st.column_config.NumberColumn(TYPES[k].name(lang), min_value=0.0, max_value=5.0, format="%.2f")
                   for k in TYPES})
edited_aff = st.data_editor(affinity, column_config=aff_config, hide_index=True, key="seg_affinity", num_rows="fixed")


def collect():
    """Rows → Segments; every problem listed with its row and column."""
    out, problems = [], []
    for i, row in edited.iterrows():
        aff = edited_aff.iloc[i].to_dict()
        fields = {k: round(v / SCALE[k], 10) if k in SCALE and not pd.isna(v) else v for k, v in row.to_dict().items()}
        record = {**fields, "affinity": {k: aff[k] for k in TYPES}}
        for k, v in list(record.items()):
            if k != "affinity" and pd.isna(v):
                problems.append(ui.md("seg.blank", row=i + 1, key=record["key"],
                                      field=field_label(k) if k in FIELDS else k))
        if any(k for k in TYPES if pd.isna(record["affinity"][k])):
            problems.append(T("seg.blank", row=i + 1, key=record["key"], field=T("seg.affinity")))
        try:
            out.append(make_segment(record))
        except InputError as e:
            problems.append(ui.md("seg.row_problem", row=i + 1, msg=e.message(lang)))
    return out, problems


new_segments, problems = collect()
for p in dict.fromkeys(problems):
    st.error(p, icon=":material/warning:")
b1, b2, _ = st.columns([1, 1, 3])
if b1.button(T("seg.save"), key="seg_save", type="primary", disabled=bool(problems)):
    store.save_segments(ui.con(), new_segments)
    st.success(T("seg.saved"))
    st.rerun()
if b2.button(T("seg.reset"), key="seg_reset"):
    store.reset_segments(ui.con())
    for k in ("seg_editor", "seg_affinity"):
        st.session_state.pop(k, None)
    st.rerun()
