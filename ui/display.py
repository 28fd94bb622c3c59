"""Showing things the same way on every page: an input error in the user's language, a chart."""
from __future__ import annotations

import streamlit as st

from promo import InputError
from promo.sharing import filenames

from .literal import plain
from .session import settings
from .texts import T, lang


def error(e: InputError) -> None:
    """An input error's message, which may quote what the user typed or uploaded: shown literally."""
    st.error(plain(e.message(lang())), icon=":material/warning:")


def chart(fig, key: str, live: bool = False) -> None:
    """Our own template (theme=None skips Streamlit's restyling pass); ``live`` charts, redrawn on every
    input change, go without the tool bar, which costs a redraw each time (reports offer the PNGs)."""
    config = {"displaylogo": False, **({"displayModeBar": False} if live else {})}
    st.plotly_chart(fig, width="stretch", key=key, theme=None, config=config)


def saved_note(message: str, asked: str, given: str) -> None:
    """After saving a scenario or a plan: the page's message and, when the name was taken, the numbered name the
    record got instead (the store numbers a taken name on every save and rename, never doubles it)."""
    st.success(message, icon=":material/check:")
    if given != asked:
        st.info(T("app.name_numbered", asked=plain(asked), given=plain(given)), icon=":material/info:")


def file_name(what: str, ext: str) -> str:
    """A download's name: the business, ``what`` and today's date (Chinese kept)."""
    return filenames.file_name(settings()["business_name"] or T("app.title"), what, ext)


def uploader(label: str, key: str, types: list[str] | None, limit_mb: int, help: str | None = None,
             formats: str | None = None):
    """``st.file_uploader`` with the real size limit, and in Chinese a line saying where to click.

    Streamlit 1.67 draws the uploader's button ("Upload") and its size note ("… per file") in English whatever
    the page's language: ``st.file_uploader`` has no parameter for them and Streamlit has no locale setting
    (its own issues: streamlit/streamlit#13500 for these texts, #1353 for translations in general; a pull request
    adding button-text parameters, #10042, was closed unmerged). A custom component could draw a Chinese button,
    but its state reaches Python as JSON, not as an upload, which does not suit files of hundreds of MB. So the
    widget keeps Streamlit's own upload and the text around it is Chinese: the label, this line and the help."""
    up = st.file_uploader(label, type=types, key=key, help=help, max_upload_size=limit_mb)
    if lang() == "zh":
        st.caption(T("app.upload_hint", mb=limit_mb, types=formats or "、".join(t.upper() for t in types or ())))
    return up


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
