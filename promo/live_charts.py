"""The simulator's three live charts (waterfall, profit distribution, tornado) as Vega-Lite: a spec per language
and currency, and the numbers in a table of their own.

Streamlit's native Vega-Lite element re-embeds a chart only when its spec changes; when only the table changes it
updates the drawn chart in place (``view.data``), and an unchanged table is not redrawn at all. So each spec here
is built once per language and currency, and everything that moves with the inputs (bars, labels, money texts, the
distribution's title line) is a row of the table. The table is the dataset ``live`` that the spec names; a title
read from it is a parameter with an expression. Reports, PNG export and the other pages keep plotly (``charts``).
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from .charts import BAD, FONT, GOOD, NEUTRAL, distribution_title, profit_histogram, waterfall_steps
from .fmt import money_short
from .i18n import t

__all__ = ["DATASET", "LiveChart", "distribution", "tornado", "waterfall"]

DATASET = "live"  # the name the specs give their table: st.vega_lite_chart gets it as spec["datasets"]["live"]
LOW, HIGH = "#90caf9", "#1565c0"
_CONFIG = {"font": FONT, "view": {"stroke": None},
           "axis": {"labelFontSize": 12, "titleFontSize": 13, "titleFontWeight": "normal", "gridColor": "#ebf0f8",
                    "labelExpr": "datum.value == 0 ? '0' : datum.label"},  # "0", not "0k", on money axes
           "title": {"fontSize": 16, "fontWeight": "normal", "anchor": "start", "subtitleFontSize": 12,
                     "subtitleColor": "#555", "offset": 10},
           "legend": {"labelFontSize": 12}}
_MONEY_AXIS = {"format": "~s"}  # 100k, 1.5M: as plotly's axes read


class LiveChart(NamedTuple):
    """A Vega-Lite spec (the same object for every result in a language and currency: never change it) and its
    table as columns of plain values, one row per bar, line or label."""

    spec: dict
    data: dict


def _title(key: str, lang: str) -> dict:
    """A title with plotly's '<br><sup>subtitle</sup>' markup as Vega-Lite's title and subtitle."""
    main, _, sub = t(key, lang).partition("<br>")
    return {"text": main, "subtitle": sub.replace("<sup>", "").replace("</sup>", "")} if sub else {"text": main}


def _columns(names, rows) -> dict:
    """Rows of values as the table's columns (empty columns for no rows)."""
    if not rows:
        return {name: [] for name in names}
    return {name: list(col) for name, col in zip(names, zip(*rows, strict=True), strict=True)}


def _spec(name: str, height: int, layers: list, **extra) -> dict:
    return {"name": name, "data": {"name": DATASET}, "height": height, "config": _CONFIG, "layer": layers, **extra}


@lru_cache(maxsize=16)
def _waterfall_spec(lang: str, cur: str) -> dict:
    x = {"field": "label", "type": "nominal", "sort": None,
         "axis": {"title": None, "labelAngle": -30, "labelAlign": "right", "labelLimit": 120}}
    money_axis = t("chart.money_axis", lang, cur=cur)
    return _spec("waterfall", 270, [
        {"mark": {"type": "bar", "width": {"band": 0.75}},
         "encoding": {"x": x, "y": {"field": "start", "type": "quantitative", "title": money_axis, "axis": _MONEY_AXIS},
                      "y2": {"field": "end"}, "color": {"field": "color", "type": "nominal", "scale": None},
                      "tooltip": [{"field": "label", "title": " "},
                                  {"field": "value", "title": money_axis, "format": ",.0f"}]}},
        {"mark": {"type": "text", "fontSize": 12, "baseline": {"expr": "datum.value < 0 ? 'top' : 'bottom'"},
                  "dy": {"expr": "datum.value < 0 ? 3 : -3"}},  # at the bar's end: above a rise, below a fall
         "encoding": {"x": x, "y": {"field": "end", "type": "quantitative"}, "text": {"field": "text"}}}],
        title=_title("chart.wf.title", lang))


def waterfall(result, lang: str, cur: str) -> LiveChart:
    """From incremental revenue to profit (the steps of ``charts.waterfall``): revenue and profit in the totals'
    grey from zero, each step in between from the running total, green up and red down, its money above it."""
    labels, values = waterfall_steps(result, lang)
    rows, run = [], 0.0
    for i, (label, v) in enumerate(zip(labels, values, strict=True)):
        total = i in (0, len(values) - 1)
        start, end = (0.0, float(v)) if total else (run, run + float(v))
        run = end
        rows.append((label, float(v), start, end, NEUTRAL if total else GOOD if v >= 0 else BAD,
                     money_short(v, lang, cur)))
    cols = _columns(("label", "value", "start", "end", "color", "text"), rows)
    return LiveChart(_waterfall_spec(lang, cur), cols)


@lru_cache(maxsize=16)
def _distribution_spec(lang: str, cur: str) -> dict:
    profit_axis = t("chart.profit_axis", lang, cur=cur)
    x = {"field": "x0", "type": "quantitative", "title": profit_axis, "axis": _MONEY_AXIS, "scale": {"nice": False}}
    only = lambda kind: [{"filter": f"datum.kind == '{kind}'"}]  # the table's first row is the title
    return _spec("distribution", 270, [
        {"transform": only("bar"), "mark": {"type": "bar", "stroke": "white", "strokeWidth": 0.5},
         "encoding": {"x": x, "x2": {"field": "x1"},
                      "y": {"field": "share", "type": "quantitative", "title": t("chart.share_axis", lang),
                            "axis": {"format": ".0%"}}, "y2": {"datum": 0},
                      "color": {"field": "color", "type": "nominal", "scale": None},
                      "tooltip": [{"field": "x0", "title": profit_axis, "format": ",.0f"},
                                  {"field": "share", "title": t("chart.share_axis", lang), "format": ".1%"}]}},
        {"transform": only("mark"), "mark": {"type": "rule", "color": "#333"},
         "encoding": {"x": {"field": "x0", "type": "quantitative"},
                      "strokeDash": {"field": "text", "type": "nominal", "legend": None,
                                     "scale": {"domain": ["P10", "P50", "P90"], "range": [[2, 2], [6, 3], [2, 2]]}}}},
        {"transform": only("mark"),
         "mark": {"type": "text", "fontSize": 11, "baseline": "bottom", "dy": -2,
                  "align": {"expr": "datum.text == 'P10' ? 'right' : datum.text == 'P90' ? 'left' : 'center'"}},
         "encoding": {"x": {"field": "x0", "type": "quantitative"}, "y": {"value": 0}, "text": {"field": "text"}}}],
        params=[{"name": "headline", "expr": f"data('{DATASET}')[0].text"},
                {"name": "subline", "expr": f"data('{DATASET}')[0].subtitle"}],
        title={"text": {"expr": "headline"}, "subtitle": {"expr": "subline"}})


def distribution(result, lang: str, cur: str, bins: int = 40) -> LiveChart:
    """Histogram of simulated profit (red below zero) with P10/P50/P90 marked; the title line (chance of a loss,
    the three percentiles in money) is the table's first row, so a new result changes data, never the spec."""
    edges, share = profit_histogram(result, bins)
    s = result.profit
    head, _, sub = distribution_title(result, lang, cur).partition("<br>")
    n = len(share)
    mids = (edges[:-1] + edges[1:]) / 2
    return LiveChart(_distribution_spec(lang, cur), {
        "kind": ["title"] + ["bar"] * n + ["mark"] * 3,
        "x0": [None, *edges[:-1].tolist(), s.p10, s.p50, s.p90],
        "x1": [None] + edges[1:].tolist() + [None] * 3,
        "share": [None] + share.tolist() + [None] * 3,
        "color": [None] + [BAD if m < 0 else GOOD for m in mids] + [None] * 3,
        "text": [head] + [None] * n + ["P10", "P50", "P90"],
        "subtitle": [sub.replace("<sup>", "").replace("</sup>", "")] + [None] * (n + 3)})


@lru_cache(maxsize=16)
def _tornado_spec(lang: str, cur: str) -> dict:
    low, high = t("chart.tornado.low", lang), t("chart.tornado.high", lang)
    profit_axis = t("chart.profit_axis", lang, cur=cur)
    return _spec("tornado", 250, [
        {"mark": {"type": "bar", "height": {"band": 0.8}},
         "encoding": {"y": {"field": "name", "type": "nominal", "title": None, "sort": {"field": "order", "op": "min"}},
                      "x": {"field": "base", "type": "quantitative", "title": profit_axis, "scale": {"zero": False},
                            "axis": _MONEY_AXIS},
                      "x2": {"field": "end"},
                      "color": {"field": "side", "type": "nominal", "title": None,
                                "scale": {"domain": [low, high], "range": [LOW, HIGH]},
                                "legend": {"orient": "bottom", "direction": "horizontal"}},
                      "tooltip": [{"field": "name", "title": " "}, {"field": "side", "title": "  "},
                                  {"field": "end", "title": profit_axis, "format": ",.0f"}]}},
        {"mark": {"type": "rule", "color": "#333"}, "encoding": {"x": {"aggregate": "min", "field": "base"}}}],
        title=_title("chart.tornado.title", lang))


def tornado(rows, lang: str, cur: str, top: int = 8) -> LiveChart:
    """Expected profit with each input at its low and at its high value (``analysis.sensitivity`` rows), as bars
    from the base profit; the largest swing on top, ``top`` inputs at most."""
    rows = list(rows)[:top]
    low, high = t("chart.tornado.low", lang), t("chart.tornado.high", lang)
    cols = _columns(("name", "side", "base", "end", "order"),
                    [(r[lang], label, float(r["base"]), float(r[f"profit_{side}"]), i)
                     for i, r in enumerate(rows) for side, label in (("low", low), ("high", high))])
    return LiveChart(_tornado_spec(lang, cur), cols)
