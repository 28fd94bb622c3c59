"""Streamlit helpers shared by the pages (``pages/`` holds page files only).

Every page uses the helpers re-exported here (``import ui`` then ``ui.T(...)``, ``ui.con()``, ...): the
connection and settings (``session``), the language, number formats and user text kept literal in Markdown
(``literal``: ``plain``; ``texts``: ``md``), URL-bound inputs (``urlstate``), error and chart display (``display``:
plotly figures, and the simulator's live Vega-Lite charts). Feature helpers are modules of their own: ``access``
(login and share-link gate, run by app.py), ``partner`` (the page script a share link shows), ``downloads`` (report
buttons), ``badges`` (measured response rates in the simulator), ``simulator`` (the simulator's inputs and state);
``navigation`` handles Streamlit's old-style pages. Results are recomputed through cached pure functions of the
inputs, so pages stay thin.
"""
from .display import chart, error, file_name, live_chart, saved_note, uploader
from .literal import plain
from .session import con, save_settings, segments, settings
from .texts import (LANG_KEY, LANG_LABELS, T, count, cur, lang, language_switch, md, money, money_short, num, pct,
                    prob, ratio, roi_note, share, url_notices, value)
from .urlstate import UrlState

__all__ = ["chart", "error", "file_name", "live_chart", "saved_note", "uploader", "con", "save_settings", "segments",
           "settings", "LANG_KEY", "LANG_LABELS", "T", "count", "cur", "lang", "language_switch", "md", "money",
           "money_short", "num", "pct", "plain", "prob", "ratio", "roi_note", "share", "url_notices", "value",
           "UrlState"]
