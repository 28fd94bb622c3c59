"""Every chart of the app, built from result objects; pages only call ``st.plotly_chart``.

Titles, axes and hover texts come from ``i18n`` so each chart reads in the user's
language, with units and the business's currency on the axes.
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from .fmt import money
from .i18n import t
from .registry import TYPES

COLORS = {k: c for k, c in zip(TYPES, ("#d62728", "#ff7f0e", "#8c564b", "#1f77b4", "#17becf", "#2ca02c",
                                       "#9467bd", "#e377c2", "#7f7f7f", "#bcbd22"))}
GOOD, BAD, NEUTRAL = "#2e7d32", "#c62828", "#546e7a"
FONT = "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"
_TEMPLATE = pio.templates["plotly_white"]


def _figure(traces, title: str, height: int = 380, shapes=(), annotations=(), **layout) -> go.Figure:
    """A figure from plain trace dicts. Skips plotly's per-property validation (100 ms → 3 ms per chart);
    the tests check the specs instead."""
    return go.Figure(data=list(traces), layout={
        "title": {"text": title, "x": 0.01}, "height": height, "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        "font": {"family": FONT, "size": 13}, "separators": ".,", "template": _TEMPLATE,
        "shapes": list(shapes), "annotations": list(annotations), **layout}, _validate=False)


def _vline(x, dash="solid"):
    return {"type": "line", "x0": x, "x1": x, "y0": 0, "y1": 1, "yref": "paper", "line": {"color": "#333", "dash": dash}}


def _hline(y):
    return {"type": "line", "x0": 0, "x1": 1, "xref": "paper", "y0": y, "y1": y, "line": {"color": "#333"}}


def waterfall(result, lang: str, cur: str) -> go.Figure:
    """From incremental revenue to profit: cost of goods, then each promotion cost."""
    labels = [t("chart.wf.revenue", lang), t("chart.wf.cogs", lang)]
    values = [result.incremental_revenue, -(result.incremental_revenue - result.incremental_margin)]
    for k, v in result.costs.items():
        if abs(v) > 1e-9:
            labels.append(t(f"cost.{k}", lang))
            values.append(-v)
    labels.append(t("chart.wf.profit", lang))
    values.append(result.profit.mean if result.draws else result.incremental_margin - result.cost.mean)
    measure = ["absolute"] + ["relative"] * (len(values) - 2) + ["total"]
    trace = {"type": "waterfall", "x": labels, "y": values, "measure": measure,
             "text": [money(v, lang, cur) for v in values], "textposition": "outside",
             "increasing": {"marker": {"color": GOOD}}, "decreasing": {"marker": {"color": BAD}},
             "totals": {"marker": {"color": NEUTRAL}}, "connector": {"line": {"color": "#bbb"}}}
    return _figure([trace], t("chart.wf.title", lang), yaxis={"title": {"text": t("chart.money_axis", lang, cur=cur)}},
                   showlegend=False)


def profit_distribution(result, lang: str, cur: str, bins: int = 40) -> go.Figure:
    """Histogram of simulated profit with P10/P50/P90 and zero marked (bins computed here: a small payload)."""
    x = np.asarray(result.profit_draws, dtype=float)
    counts, edges = np.histogram(x, bins=bins if x.size > 1 else 1)
    mids = (edges[:-1] + edges[1:]) / 2
    share = counts / max(x.size, 1)
    colors = np.where(mids < 0, BAD, GOOD)
    bars = {"type": "bar", "x": mids, "y": share, "width": np.diff(edges), "marker": {"color": colors.tolist()},
            "hovertemplate": t("chart.dist.hover", lang, cur=cur) + "<extra></extra>"}
    s = result.profit
    marks = (("P10", s.p10, "dot", "right"), ("P50", s.p50, "dash", "center"), ("P90", s.p90, "dot", "left"))
    return _figure([bars], t("chart.dist.title", lang, p=f"{result.prob_loss:.0%}", p10=money(s.p10, lang, cur),
                           p50=money(s.p50, lang, cur), p90=money(s.p90, lang, cur)), height=400,
                   shapes=[_vline(v, dash) for _, v, dash, _ in marks],
                   annotations=[{"x": v, "y": 1, "yref": "paper", "text": name, "showarrow": False, "xanchor": anchor,
                                 "yanchor": "bottom", "font": {"size": 11}} for name, v, _, anchor in marks],
                   xaxis={"title": {"text": t("chart.profit_axis", lang, cur=cur)}},
                   yaxis={"title": {"text": t("chart.share_axis", lang)}, "tickformat": ".0%"}, bargap=0.02,
                   showlegend=False)


def tornado(rows, lang: str, cur: str, top: int = 8) -> go.Figure:
    """Expected profit with each input at its low and high value, largest swing on top."""
    rows = list(rows)[:top][::-1]
    base = rows[0]["base"] if rows else 0.0
    names = [r[lang] for r in rows]
    traces = [{"type": "bar", "y": names, "x": [r[f"profit_{side}"] - base for r in rows], "base": base,
               "orientation": "h", "name": t(f"chart.tornado.{side}", lang), "marker": {"color": color},
               "customdata": [money(r[f"profit_{side}"], lang, cur) for r in rows],
               "hovertemplate": "%{y}: %{customdata}<extra></extra>"}
              for side, color in (("low", "#90caf9"), ("high", "#1565c0"))]
    return _figure(traces, t("chart.tornado.title", lang), shapes=[_vline(base)], barmode="overlay",
                   xaxis={"title": {"text": t("chart.profit_axis", lang, cur=cur)}},
                   legend={"orientation": "h", "y": -0.2})


def roi_bars(rows, lang: str) -> go.Figure:
    """ROI of saved scenarios with P10–P90 error bars; rows: dicts with name, type, roi {mean,p10,p90}."""
    names = [r["name"] for r in rows]
    mean = [r["roi"]["mean"] for r in rows]
    bars = {"type": "bar", "x": names, "y": mean, "marker": {"color": [COLORS[r["type"]] for r in rows]},
            "error_y": {"type": "data", "symmetric": False, "array": [r["roi"]["p90"] - r["roi"]["mean"] for r in rows],
                        "arrayminus": [r["roi"]["mean"] - r["roi"]["p10"] for r in rows]},
            "hovertemplate": "%{x}: %{y:.2f}×<extra></extra>"}
    return _figure([bars], t("chart.roi.title", lang), shapes=[_hline(0)],
                   yaxis={"title": {"text": t("chart.roi_axis", lang)}}, showlegend=False)


def cost_profit_bubbles(rows, lang: str, cur: str) -> go.Figure:
    """Cost against expected profit; bubble area = participants, colour = promotion type."""
    peak = max([r["participants"] for r in rows] + [1.0])
    traces = []
    for type_key in dict.fromkeys(r["type"] for r in rows):
        sub = [r for r in rows if r["type"] == type_key]
        traces.append({
            "type": "scatter", "mode": "markers", "name": TYPES[type_key].name(lang),
            "x": [r["cost"]["mean"] for r in sub], "y": [r["profit"]["mean"] for r in sub],
            "marker": {"size": [12 + 48 * (r["participants"] / peak) ** 0.5 for r in sub], "color": COLORS[type_key],
                       "opacity": 0.7, "line": {"width": 1, "color": "#333"}},
            "customdata": [[money(r["cost"]["mean"], lang, cur), money(r["profit"]["mean"], lang, cur),
                            f"{r['participants']:,.0f}", r["name"]] for r in sub],
            "hovertemplate": t("chart.bubble.hover", lang) + "<extra></extra>"})
    return _figure(traces, t("chart.bubble.title", lang), height=420, shapes=[_hline(0)],
                   xaxis={"title": {"text": t("chart.cost_axis", lang, cur=cur)}},
                   yaxis={"title": {"text": t("chart.profit_axis", lang, cur=cur)}})


def roi_heatmap(matrix_rows, segments, lang: str) -> go.Figure:
    """Which promotion for which segment: mean ROI of every type × segment (each with its defaults)."""
    seg_keys = [s.key for s in segments]
    z = [[next(r["roi_mean"] for r in matrix_rows if r["type"] == tk and r["segment"] == sk) for sk in seg_keys]
         for tk in TYPES]
    text = [[f"{v:.1f}×" for v in row] for row in z]
    zmax = max(1.0, min(5.0, max(abs(v) for row in z for v in row)))
    heat = {"type": "heatmap", "z": z, "x": [s.name(lang) for s in segments], "y": [TYPES[k].name(lang) for k in TYPES],
            "text": text, "texttemplate": "%{text}", "colorscale": "RdYlGn", "zmid": 0, "zmin": -zmax, "zmax": zmax,
            "colorbar": {"title": {"text": t("chart.roi_axis", lang)}},
            "hovertemplate": "%{y} → %{x}: %{text}<extra></extra>"}
    return _figure([heat], t("chart.heatmap.title", lang), height=460, yaxis={"autorange": "reversed"})


def segment_overview(segments, lang: str, cur: str) -> go.Figure:
    """Segment size (bars) and baseline weekly revenue (markers, right axis)."""
    names = [s.name(lang) for s in segments]
    traces = [{"type": "bar", "x": names, "y": [s.size for s in segments], "name": t("chart.seg.size", lang),
               "marker": {"color": "#90a4ae"}, "hovertemplate": "%{x}: %{y:,.0f}<extra></extra>"},
              {"type": "scatter", "x": names, "y": [s.size * s.p_week * s.aov for s in segments], "yaxis": "y2",
               "mode": "markers+lines", "name": t("chart.seg.value", lang, cur=cur),
               "marker": {"size": 10, "color": "#1565c0"}, "hovertemplate": "%{x}: " + cur + "%{y:,.0f}<extra></extra>"}]
    return _figure(traces, t("chart.seg.title", lang),
                   yaxis={"title": {"text": t("chart.seg.size_axis", lang)}, "rangemode": "tozero"},
                   yaxis2={"title": {"text": t("chart.seg.value", lang, cur=cur)}, "overlaying": "y", "side": "right",
                           "showgrid": False, "rangemode": "tozero"},
                   legend={"orientation": "h", "y": -0.2})
