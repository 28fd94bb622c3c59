"""Showing things the same way on every page: an input error in the user's language, a chart."""
from __future__ import annotations

import streamlit as st

from promo import InputError

from .texts import lang


def error(e: InputError) -> None:
    st.error(e.message(lang()), icon=":material/warning:")


def chart(fig, key: str, live: bool = False) -> None:
    """Our own template (theme=None skips Streamlit's restyling pass); ``live`` charts, redrawn on every
    input change, go without the tool bar, which costs a redraw each time (reports offer the PNGs)."""
    config = {"displaylogo": False, **({"displayModeBar": False} if live else {})}
    st.plotly_chart(fig, width="stretch", key=key, theme=None, config=config)


def live_chart(chart, key: str) -> None:
    """A chart of ``promo.live_charts``: its constant spec, and its table as the dataset the spec names. Streamlit
    then updates the drawn chart in place when only the table changed, and leaves it alone when nothing did."""
    from promo import live_charts

    st.vega_lite_chart(None, {**chart.spec, "datasets": {live_charts.DATASET: arrow(chart.data)}}, width="stretch",
                       theme=None, key=key)


def arrow(columns: dict):
    """Columns of numbers or texts (None: missing) as an Arrow table, built from buffers: ``pa.array`` and
    ``pa.table`` import pandas to look for pandas types, a second of a simulator link's first run under load."""
    import numpy as np
    import pyarrow as pa

    arrays = []
    for values in columns.values():
        valid = np.array([v is not None for v in values], dtype=bool)
        mask = None if valid.all() else pa.py_buffer(np.packbits(valid, bitorder="little"))
        if valid.any() and not any(isinstance(v, str) for v in values):
            numbers = np.array([0.0 if v is None else float(v) for v in values], dtype=np.float64)
            arrays.append(pa.Array.from_buffers(pa.float64(), len(values), [mask, pa.py_buffer(numbers)]))
        else:
            texts = [b"" if v is None else str(v).encode() for v in values]
            offsets = np.cumsum([0] + [len(t) for t in texts], dtype=np.int32)
            arrays.append(pa.StringArray.from_buffers(len(values), pa.py_buffer(offsets), pa.py_buffer(b"".join(texts)),
                                                      mask))
    return pa.Table.from_arrays(arrays, names=list(columns))
