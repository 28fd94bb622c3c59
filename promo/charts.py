"""Every chart of the app, built from result objects; pages only call ``st.plotly_chart``.

Titles, axes and hover texts come from ``i18n`` so each chart reads in the user's
language, with units and the business's currency on the axes.
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from . import fmt
from .fmt import money
from .i18n import t
from .model.types import TYPES

GOOD, BAD, NEUTRAL = "#2e7d32", "#c62828", "#546e7a"
FONT = "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"
# trace types the app draws: their defaults (and the 2D layout) are all it needs of plotly_white
_TRACES = ("bar", "scatter", "heatmap")


def _template() -> dict:
    """plotly_white as a small dict, built once. Handing plotly the full template object made it deep-copy
    7 KB of defaults for 3D, polar, map and 20 trace types into every figure, twice (≈ 5 ms a figure); this
    copy holds the 2D layout and the defaults of ``_TRACES`` only, so charts look the same."""
    full = pio.templates["plotly_white"].to_plotly_json()
    return {"layout": {k: v for k, v in full["layout"].items() if k not in ("geo", "polar", "scene", "ternary")},
            "data": {k: full["data"][k] for k in _TRACES}}


_TEMPLATE = _template()


def _figure(traces, title: str, height: int = 380, shapes=(), annotations=(), **layout) -> go.Figure:
    """A figure from plain trace dicts. Skips plotly's per-property validation (100 ms → 3 ms per chart);
    the tests check the specs instead."""
    return go.Figure(data=list(traces), layout={
        "title": {"text": title, "x": 0.01}, "height": height, "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        "font": {"family": FONT, "size": 13}, "separators": ".,", "template": _TEMPLATE,
        "shapes": list(shapes), "annotations": list(annotations), **layout}, _validate=False)


def _vline(x, dash="solid"):
    return {"type": "line", "x0": x, "x1": x, "y0": 0, "y1": 1, "yref": "paper",
            "line": {"color": "#333", "dash": dash}}


def _hline(y):
    return {"type": "line", "x0": 0, "x1": 1, "xref": "paper", "y0": y, "y1": y, "line": {"color": "#333"}}


def waterfall_steps(result, lang: str) -> tuple[list[str], list[float]]:
    """The waterfall's steps, from incremental revenue to profit: cost of goods, then each promotion cost that
    is not zero (the live chart in ``live_charts`` draws the same steps)."""
    labels = [t("chart.wf.revenue", lang), t("chart.wf.cogs", lang)]
    values = [result.incremental_revenue, -(result.incremental_revenue - result.incremental_margin)]
    for k, v in result.costs.items():
        if abs(v) > 1e-9:
            labels.append(t(f"cost.{k}", lang))
            values.append(-v)
    labels.append(t("chart.wf.profit", lang))
    values.append(result.profit.mean if result.draws else result.incremental_margin - result.cost.mean)
    return labels, values


def waterfall(result, lang: str, cur: str) -> go.Figure:
    """From incremental revenue to profit: cost of goods, then each promotion cost."""
    labels, values = waterfall_steps(result, lang)
    measure = ["absolute"] + ["relative"] * (len(values) - 2) + ["total"]
    # short values at a fixed, readable size: plotly otherwise shrinks outside labels to the bar's width (~7 px)
    trace = {"type": "waterfall", "x": labels, "y": values, "measure": measure,
             "text": [fmt.money_short(v, lang, cur) for v in values], "textposition": "outside",
             "textfont": {"size": 12}, "constraintext": "none", "cliponaxis": False,
             "increasing": {"marker": {"color": GOOD}}, "decreasing": {"marker": {"color": BAD}},
             "totals": {"marker": {"color": NEUTRAL}}, "connector": {"line": {"color": "#bbb"}}}
    return _figure([trace], t("chart.wf.title", lang), yaxis={"title": {"text": t("chart.money_axis", lang, cur=cur)}},
                   showlegend=False)


def profit_histogram(result, bins: int = 40) -> tuple[np.ndarray, np.ndarray]:
    """Bin edges and the share of the simulated scenarios in each bin (one bin for a single scenario)."""
    x = np.asarray(result.profit_draws, dtype=float)
    counts, edges = np.histogram(x, bins=bins if x.size > 1 else 1)
    return edges, counts / max(x.size, 1)


def distribution_title(result, lang: str, cur: str) -> str:
    """'Profit distribution · P(loss) …<br><sup>P10 … · P50 … · P90 …</sup>'."""
    s = result.profit
    return t("chart.dist.title", lang, p=fmt.prob(result.prob_loss, lang), p10=money(s.p10, lang, cur),
             p50=money(s.p50, lang, cur), p90=money(s.p90, lang, cur))


def profit_distribution(result, lang: str, cur: str, bins: int = 40) -> go.Figure:
    """Histogram of simulated profit with P10/P50/P90 and zero marked (bins computed here: a small payload)."""
    edges, share = profit_histogram(result, bins)
    mids = (edges[:-1] + edges[1:]) / 2
    colors = np.where(mids < 0, BAD, GOOD)
    bars = {"type": "bar", "x": mids, "y": share, "width": np.diff(edges), "marker": {"color": colors.tolist()},
            "hovertemplate": t("chart.dist.hover", lang, cur=cur) + "<extra></extra>"}
    s = result.profit
    marks = (("P10", s.p10, "dot", "right"), ("P50", s.p50, "dash", "center"), ("P90", s.p90, "dot", "left"))
    return _figure([bars], distribution_title(result, lang, cur), height=400,
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


def _number(x) -> float:
    """A figure for a chart: None (an ROI where nothing is spent) becomes a gap, not an error."""
    return float("nan") if x is None else float(x)


def _gap(a, b):
    """a − b, or None where either is undefined (an ROI with nothing spent): no bar, no error bar."""
    return None if a is None or b is None else a - b


def roi_bars(rows, lang: str) -> go.Figure:
    """ROI of saved scenarios with P10–P90 error bars; rows: dicts with name, type, roi {mean,p10,p90}."""
    names = [r["name"] for r in rows]
    mean = [r["roi"]["mean"] for r in rows]
    bars = {"type": "bar", "x": names, "y": mean, "marker": {"color": [TYPES[r["type"]].color for r in rows]},
            "error_y": {"type": "data", "symmetric": False,
                        "array": [_gap(r["roi"]["p90"], r["roi"]["mean"]) for r in rows],
                        "arrayminus": [_gap(r["roi"]["mean"], r["roi"]["p10"]) for r in rows]},
            "customdata": [fmt.ratio(r["roi"]["mean"], lang) for r in rows],
            "hovertemplate": "%{x}: %{customdata}<extra></extra>"}
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
            "marker": {"size": [12 + 48 * (r["participants"] / peak) ** 0.5 for r in sub],
                       "color": TYPES[type_key].color, "opacity": 0.7, "line": {"width": 1, "color": "#333"}},
            "customdata": [[money(r["cost"]["mean"], lang, cur), money(r["profit"]["mean"], lang, cur),
                            fmt.count(r["participants"], lang), r["name"]] for r in sub],
            "hovertemplate": t("chart.bubble.hover", lang) + "<extra></extra>"})
    return _figure(traces, t("chart.bubble.title", lang), height=420, shapes=[_hline(0)],
                   xaxis={"title": {"text": t("chart.cost_axis", lang, cur=cur)}},
                   yaxis={"title": {"text": t("chart.profit_axis", lang, cur=cur)}})


EARNS, BREAK_EVEN, LOSES = "#1b7837", "#f7f7f7", "#b2182b"


def diverging_scale(lo: float, hi: float) -> list:
    """Red below zero, near-white at zero (break-even), green above, over [lo, hi] with 0 inside it: zero keeps
    its place whatever the range, so the bar covers the data instead of a symmetric ±range that clips."""
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    if hi - lo <= 0:
        return [[0.0, BREAK_EVEN], [1.0, BREAK_EVEN]]
    mid = -lo / (hi - lo)
    scale = [[0.0, LOSES]] if mid > 0 else []
    scale += [[mid / 2, "#ef8a62"]] if mid > 0 else []
    scale += [[mid, BREAK_EVEN]]
    scale += [[mid + (1 - mid) / 2, "#7fbf7b"], [1.0, EARNS]] if mid < 1 else []
    return scale


def roi_heatmap(matrix_rows, segments, lang: str) -> go.Figure:
    """Which promotion for which segment: mean ROI of every type × segment (each with its defaults). Colours
    diverge at break-even (ROI 0): green earns, red loses; the colour bar spans the data and says so in words
    (in China red can read as "up", so the legend names the colours)."""
    seg_keys = [s.key for s in segments]
    types = list(dict.fromkeys(r["type"] for r in matrix_rows))  # the matrix's own types (a registered one too)
    cell = {(r["type"], r["segment"]): r["roi_mean"] for r in matrix_rows}
    z = [[_number(cell[tk, sk]) for sk in seg_keys] for tk in types]
    finite = [v for row in z for v in row if np.isfinite(v)] or [0.0]
    lo, hi = min(min(finite), 0.0), max(max(finite), 0.0)
    heat = {"type": "heatmap", "z": z, "x": [s.name(lang) for s in segments], "y": [TYPES[k].name(lang) for k in types],
            "text": [[fmt.ratio(v if np.isfinite(v) else None, lang) for v in row] for row in z],
            "texttemplate": "%{text}", "textfont": {"color": "#212121", "shadow": "auto"},  # readable on dark cells
            "colorscale": diverging_scale(lo, hi), "zmin": lo, "zmax": hi,
            "colorbar": {"title": {"text": t("chart.heatmap.legend", lang)}, "len": 1.0, "thickness": 18},
            "hovertemplate": "%{y} → %{x}: %{text}<extra></extra>"}
    return _figure([heat], t("chart.heatmap.title", lang), height=480, yaxis={"autorange": "reversed"},
                   margin={"l": 10, "r": 10, "t": 60, "b": 10})


DWARFS = 10  # a segment this many times the next largest makes the size axis logarithmic


def dwarfs(values) -> bool:
    """One value is more than ``DWARFS`` times every other (the 200,000 prospects against segments of thousands):
    on a linear axis the other bars would be slivers."""
    top = sorted((float(v) for v in values if v and v > 0), reverse=True)
    return len(top) > 1 and top[0] > DWARFS * top[1]


def _size_and_money(x, sizes: dict, money_: dict, title: str, size_axis: str, money_axis: str, lang: str = "en",
                    **money_axis_extra):
    """Customers per segment (bars, left axis) and a money figure per segment (markers, right axis). The right
    axis gets its own round ticks (plotly.js syncs an overlaying axis to the left one's grid); markers only,
    as segments are categories. The size axis turns logarithmic when one segment dwarfs the others."""
    log = dwarfs(sizes["y"])
    traces = [{"type": "bar", "x": x, "marker": {"color": "#90a4ae"}, **sizes},
              {"type": "scatter", "x": x, "yaxis": "y2", "mode": "markers", "name": money_axis,
               "marker": {"size": 10, "color": "#1565c0"}, **money_}]
    size_axis_spec = ({"title": {"text": size_axis + t("chart.log_note", lang)}, "type": "log", "dtick": 1}
                      if log else {"title": {"text": size_axis}, "rangemode": "tozero"})
    return _figure(traces, title, yaxis=size_axis_spec,
                   yaxis2={"title": {"text": money_axis}, "overlaying": "y", "side": "right", "showgrid": False,
                           "rangemode": "tozero", "tickmode": "auto", **money_axis_extra},
                   legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom"})  # below slanted names


def segment_overview(segments, lang: str, cur: str) -> go.Figure:
    """Segment size (bars) and baseline weekly revenue (markers, right axis)."""
    return _size_and_money(
        [s.name(lang) for s in segments],
        {"y": [s.size for s in segments], "name": t("chart.seg.size", lang),
         "hovertemplate": "%{x}: %{y:,.0f}<extra></extra>"},
        {"y": [s.size * s.p_week * s.aov for s in segments],
         "hovertemplate": "%{x}: " + cur + "%{y:,.0f}<extra></extra>"},
        t("chart.seg.title", lang), t("chart.seg.size_axis", lang), t("chart.seg.value", lang, cur=cur), lang)


# --- Calendar page: year plan charts ------------------------------------------------------------------------

FESTIVAL_FILL = "rgba(255, 179, 0, 0.18)"


FESTIVAL_ANGLE = -40
FESTIVAL_FONT = 10


def _text_px(text: str, size: int) -> float:
    """Rough width of a label in pixels: CJK characters are about as wide as the font size, others about half."""
    return sum(size if ord(ch) > 0x2E80 else 0.56 * size for ch in text)


def _festival_layer(year: int, weeks: int, lang: str):
    """Shaded festival weeks, and a top axis naming each festival at its first week (label, trace, axis).
    Festivals in consecutive weeks share one tick at the first of them, one name per line (slanted labels a week
    apart overlap, and one long joined label reached into the chart's title)."""
    from .planning.festivals import festival_weeks, festivals

    shades = [{"type": "rect", "x0": w - 0.5, "x1": w + 0.5, "y0": 0, "y1": 1, "yref": "paper", "layer": "below",
               "fillcolor": FESTIVAL_FILL, "line": {"width": 0}} for w in sorted(festival_weeks(year)) if w <= weeks]
    first, start, last = {}, 0, -1
    for f in sorted((f for f in festivals(year) if f.week <= weeks), key=lambda f: f.week):
        if f.week > last + 1:
            start = f.week
        first.setdefault(start, []).append(f.name(lang))
        last = f.week
    ticks = sorted(first)
    marker = {"type": "scatter", "x": ticks, "y": [None] * len(ticks), "xaxis": "x2", "mode": "markers",
              "showlegend": False, "hoverinfo": "skip"}
    axis = {"overlaying": "x", "side": "top", "range": [0.5, weeks + 0.5], "tickmode": "array", "tickvals": ticks,
            "ticktext": ["<br>".join(first[w]) for w in ticks], "tickangle": FESTIVAL_ANGLE,
            "tickfont": {"size": FESTIVAL_FONT}, "showgrid": False, "zeroline": False}
    return shades, marker, axis


def _top_margin(axis: dict) -> int:
    """Room above the plot for the slanted festival names and, above them, the title (so they never meet)."""
    angle = np.radians(abs(FESTIVAL_ANGLE))
    tallest = max([_text_px(line, FESTIVAL_FONT) * np.sin(angle)
                   + (text.count("<br>") + 1) * FESTIVAL_FONT * 1.3 * np.cos(angle)
                   for text in axis["ticktext"] for line in text.split("<br>")] or [0.0])
    return int(48 + tallest + 12)


def _calendar_figure(traces, title: str, year: int, weeks: int, lang: str, plot_height: float, shapes=(),
                     **layout) -> go.Figure:
    """A chart over the weeks of a year: festival weeks shaded and named on a top axis, the title above them at
    the very top, with the room the names need (the figure grows by it, the plot keeps ``plot_height``)."""
    shades, marker, top = _festival_layer(year, weeks, lang)
    margin_t = _top_margin(top)
    fig = _figure([*traces, marker], title, height=int(plot_height + margin_t), shapes=shades + list(shapes),
                  xaxis=_week_axis(weeks, lang), xaxis2=top, margin={"l": 10, "r": 60, "t": margin_t, "b": 10},
                  **layout)
    fig.layout.title.update(y=0.99, yanchor="top", yref="container")
    return fig


def _week_axis(weeks: int, lang: str) -> dict:
    return {"title": {"text": t("cal.chart.week_axis", lang)}, "range": [0.5, weeks + 0.5], "dtick": 4, "tick0": 1,
            "showgrid": False, "zeroline": False}


def _lanes(items) -> tuple[dict, int]:
    """Item id → lane so that items sharing a segment row never cover each other; and the number of lanes."""
    lanes, ends = {}, []
    for it in sorted(items, key=lambda i: (i.start_week, i.id)):
        lane = next((k for k, end in enumerate(ends) if end < it.start_week), len(ends))
        if lane == len(ends):
            ends.append(it.end_week)
        ends[lane] = it.end_week
        lanes[it.id] = lane
    return lanes, max(len(ends), 1)


def plan_gantt(plan, segments, lang: str, cur: str, violations=(), value=None,
               title_key: str = "cal.chart.gantt.title"):
    """The plan's items as bars over the weeks, one row per segment (items that overlap get their own lane);
    festival weeks shaded and named on the top axis; items breaking a rule hatched and outlined in red."""
    from datetime import timedelta

    from .planning.festivals import week_start
    from .planning.names import item_names, key_params, param_text

    names = item_names(plan.items, segments, lang, cur)
    bad = {}
    for v in violations:
        for i in v.items:
            bad.setdefault(i, []).append(v.message(lang))
    rows, y0, ticks, lines = {}, 0.0, [], []
    for s in segments:
        items = [it for it in plan.items if s.key in it.segments]
        lanes, n = _lanes(items)
        rows[s.key] = (y0, lanes)
        ticks.append((y0 + n / 2, s.name(lang)))
        y0 += n
        lines.append(y0)
    bars = {}
    for s in segments:
        base, lanes = rows[s.key]
        for it in plan.items:
            if s.key not in it.segments:
                continue
            b = bars.setdefault(it.type, {"y": [], "base": [], "x": [], "text": [], "hover": [], "line": [],
                                          "width": [], "pattern": []})
            broken = it.id in bad
            first, last = week_start(plan.year, it.start_week), week_start(plan.year, it.end_week) + timedelta(days=6)
            hover = [f"<b>{names[it.id]}</b>" + (f" · {t('cal.chart.gantt.locked', lang)}" if it.locked else ""),
                     t("cal.chart.gantt.hover_weeks", lang, start=it.start_week, end=it.end_week,
                       first=first.isoformat(), last=last.isoformat()),
                     t("cal.chart.gantt.hover_segments", lang,
                       segments=", ".join(x.name(lang) for x in segments if x.key in it.segments))]
            if value is not None and it.id in value.items:
                v = value.items[it.id]
                hover.append(t("cal.chart.gantt.hover_value", lang, cost=money(v.cost.mean, lang, cur),
                               profit=money(v.profit.mean, lang, cur)))
            hover += [f"⚠ {m}" for m in bad.get(it.id, [])] + [t("cal.chart.gantt.hover_id", lang, id=it.id)]
            b["y"].append(base + lanes[it.id] + 0.5)
            b["base"].append(it.start_week - 0.5)
            b["x"].append(it.duration)
            first_key = key_params(it.type)[0]
            b["text"].append(("⚠ " if broken else "") + param_text(it.type, first_key, it.campaign.params[first_key],
                                                                     lang, cur))
            b["hover"].append("<br>".join(hover))
            b["line"].append(BAD if broken else ("#212121" if it.locked else "rgba(0,0,0,0.35)"))
            b["width"].append(3 if broken or it.locked else 1)
            b["pattern"].append("x" if broken else "")
    traces = [{"type": "bar", "orientation": "h", "name": TYPES[k].name(lang), "y": b["y"], "base": b["base"],
               "x": b["x"], "width": 0.8, "text": b["text"], "textposition": "inside", "insidetextanchor": "start",
               "textfont": {"size": 11, "color": "white"}, "customdata": b["hover"],
               "hovertemplate": "%{customdata}<extra></extra>",
               "marker": {"color": TYPES[k].color, "line": {"color": b["line"], "width": b["width"]},
                          "pattern": {"shape": b["pattern"], "fgcolor": "white", "size": 7, "solidity": 0.3}}}
              for k, b in bars.items()]
    if bad:
        traces.append({"type": "bar", "orientation": "h", "x": [None], "y": [None],
                       "name": t("cal.chart.gantt.broken", lang),
                       "marker": {"color": BAD, "line": {"color": BAD, "width": 3},
                                  "pattern": {"shape": "x", "fgcolor": "white", "solidity": 0.3}}})
    if any(it.locked for it in plan.items):
        traces.append({"type": "bar", "orientation": "h", "x": [None], "y": [None],
                       "name": t("cal.chart.gantt.locked", lang),
                       "marker": {"color": "#bdbdbd", "line": {"color": "#212121", "width": 3}}})
    if not traces:  # plotly draws no week axis without a trace on it
        traces.append({"type": "scatter", "x": [1], "y": [None], "mode": "markers", "showlegend": False,
                       "hoverinfo": "skip"})
    seps = [{"type": "line", "x0": 0, "x1": 1, "xref": "paper", "y0": y, "y1": y, "line": {"color": "#ddd", "width": 1}}
            for y in lines[:-1]]
    return _calendar_figure(traces, t(title_key, lang, year=plan.year, n=len(plan.items)), plan.year, plan.weeks, lang,
                            50 + 40 * max(y0, 1), seps, barmode="overlay", uniformtext={"minsize": 9, "mode": "hide"},
                            yaxis={"tickmode": "array", "tickvals": [y for y, _ in ticks],
                                   "ticktext": [n for _, n in ticks], "range": [y0, 0], "showgrid": False,
                                   "zeroline": False},
                            legend={"orientation": "h", "y": -0.18})


def plan_weekly(plan, value, lang: str, cur: str):
    """Expected cost and incremental profit per week, each with its P10–P90 band; festival weeks shaded."""
    weeks = list(range(1, plan.weeks + 1))
    w = {k: [float(x) for x in v] for k, v in value.weekly.items()}
    traces = []
    for key, color, band in (("cost", "#ef6c00", "rgba(239,108,0,0.18)"), ("profit", GOOD, "rgba(46,125,50,0.18)")):
        name = t(f"cal.chart.weekly.{key}", lang)
        traces += [
            {"type": "scatter", "x": weeks, "y": w[f"{key}_p90"], "mode": "lines", "line": {"width": 0, "color": color},
             "legendgroup": key, "showlegend": False, "hoverinfo": "skip"},
            {"type": "scatter", "x": weeks, "y": w[f"{key}_p10"], "mode": "lines", "line": {"width": 0, "color": color},
             "fill": "tonexty", "fillcolor": band, "legendgroup": key,
             "name": t("cal.chart.weekly.band", lang, name=name), "hoverinfo": "skip"},
            {"type": "scatter", "x": weeks, "y": w[key], "mode": "lines", "line": {"width": 2, "color": color},
             "legendgroup": key, "name": name,
             "customdata": [[money(m, lang, cur), money(a, lang, cur), money(b, lang, cur)]
                            for m, a, b in zip(w[key], w[f"{key}_p10"], w[f"{key}_p90"], strict=True)],
             "hovertemplate": name + " %{customdata[0]} (P10 %{customdata[1]}, P90 %{customdata[2]})<extra></extra>"},
        ]
    return _calendar_figure(traces, t("cal.chart.weekly.title", lang), plan.year, plan.weeks, lang, 290, [_hline(0)],
                            hovermode="x", yaxis={"title": {"text": t("chart.money_axis", lang, cur=cur)}},
                            legend={"orientation": "h", "y": -0.22})


def season_chart(year: int, season, lang: str):
    """The demand multiplier of each week, festival weeks in amber, 1 = an ordinary week."""
    from .planning.festivals import festival_weeks

    fest = festival_weeks(year)
    weeks = list(range(1, len(season) + 1))
    names = [" · ".join(f.name(lang) for f in fest.get(w, ())) for w in weeks]
    bars = {"type": "bar", "x": weeks, "y": [float(x) for x in season], "customdata": names,
            "marker": {"color": ["#ffb300" if w in fest else "#90a4ae" for w in weeks]},
            "hovertemplate": t("cal.chart.season.hover", lang) + "<extra></extra>", "showlegend": False}
    return _calendar_figure([bars], t("cal.chart.season.title", lang, year=year), year, len(season), lang, 190,
                            [_hline(1)], bargap=0.15,
                            yaxis={"title": {"text": t("cal.chart.season.axis", lang)}, "rangemode": "tozero"})


# --- customer data (Data page) --------------------------------------------------------------

def _records(rows) -> list[dict]:
    return rows.to_dict("records") if hasattr(rows, "to_dict") else list(rows)


def _finite(x) -> float:
    x = float(x) if x is not None else 0.0
    return x if np.isfinite(x) else 0.0


def data_segments(measured, names: dict, lang: str, cur: str) -> go.Figure:
    """Measured stages (``lifecycle.measure``): customers (bars) and their spend in the last year (markers, right
    axis)."""
    rows = _records(measured)
    value = [_finite(r["value"]) for r in rows]
    return _size_and_money(
        [names.get(r["segment"], r["segment"]) for r in rows],
        {"y": [int(r["size"]) for r in rows], "name": t("data.chart.seg.size", lang),
         "text": [f"{int(r['size']):,}" for r in rows], "textposition": "outside",
         "hovertemplate": "%{x}: %{y:,}<extra></extra>"},
        {"y": value, "customdata": [money(v, lang, cur) for v in value],
         "hovertemplate": "%{x}: %{customdata}<extra></extra>"},
        t("data.chart.seg.title", lang), t("data.chart.seg.size_axis", lang), t("data.chart.seg.value", lang, cur=cur),
        lang, tickprefix=cur)


def rf_heatmap(grid, lang: str) -> go.Figure:
    """Customers by days since the last purchase (rows, most recent on top) × repeat purchase days
    (``lifecycle.rf_grid``)."""
    z = [[int(v) for v in row] for row in grid.to_numpy()]
    heat = {"type": "heatmap", "z": z, "x": [str(c) for c in grid.columns], "y": [str(i) for i in grid.index],
            "text": [[f"{v:,}" for v in row] for row in z], "texttemplate": "%{text}",
            "colorscale": [[0, "#f5f9fd"], [1, "#0d47a1"]], "zmin": 0,
            "colorbar": {"title": {"text": t("data.chart.rf.color", lang)}},
            "hovertemplate": t("data.chart.rf.hover", lang) + "<extra></extra>"}
    return _figure([heat], t("data.chart.rf.title", lang), height=400,
                   xaxis={"title": {"text": t("data.chart.rf.x", lang)}, "type": "category"},
                   yaxis={"title": {"text": t("data.chart.rf.y", lang)}, "type": "category", "autorange": "reversed"})


def _rate_bars(labels, rates, intervals, colors, name=None) -> dict:
    rates = [_finite(r) for r in rates]
    return {"type": "bar", "x": labels, "y": rates, "marker": {"color": colors}, "name": name,
            "text": [f"{r:.1%}" for r in rates], "textposition": "inside", "insidetextanchor": "start",
            "textfont": {"color": "white"},
            "error_y": {"type": "data", "symmetric": False,
                        "array": [max(hi - r, 0) for r, (_, hi) in zip(rates, intervals, strict=True)],
                        "arrayminus": [max(r - lo, 0) for r, (lo, _) in zip(rates, intervals, strict=True)],
                        "color": "#333"},
            "customdata": [[f"{lo:.1%}", f"{hi:.1%}"] for lo, hi in intervals],
            "hovertemplate": "%{x}: %{y:.1%} (%{customdata[0]} – %{customdata[1]})<extra></extra>"}


def calibration_rates(rows, names: dict, lang: str) -> go.Figure:
    """Measured response rate per promotion type × segment with its 90% Beta interval
    (``calibrate()['by_type_segment']``).

    Segments appear in the order of ``names`` (segment key → display name)."""
    rows = _records(rows)
    order = [n for k, n in names.items() if any(r["segment"] == k for r in rows)]
    traces = []
    for type_key in dict.fromkeys(r["promo_type"] for r in rows):
        sub = [r for r in rows if r["promo_type"] == type_key]
        name = TYPES[type_key].name(lang) if type_key in TYPES else type_key
        tr = _rate_bars([names.get(r["segment"], r["segment"]) for r in sub], [r["rate"] for r in sub],
                        [r["interval"] for r in sub], (TYPES[type_key].color if type_key in TYPES else NEUTRAL), name)
        traces.append({**tr, "textposition": "none"})
    return _figure(traces, t("data.chart.cal.title", lang), height=400, barmode="group",
                   xaxis={"categoryorder": "array", "categoryarray": order},
                   yaxis={"title": {"text": t("data.chart.rate_axis", lang)}, "tickformat": ".0%",
                          "rangemode": "tozero"}, legend={"orientation": "h", "y": -0.2})


def readout_rates(r: dict, lang: str) -> go.Figure:
    """Response rate of the targeted and holdout groups of a readout with their 90% Beta intervals."""
    groups = ("targeted", "holdout")
    tr = _rate_bars([t(f"data.{g}", lang) for g in groups], [r[g]["rate"] for g in groups],
                    [r[g]["interval"] for g in groups], ["#1565c0", "#b0bec5"])
    return _figure([tr], t("data.chart.ro.title", lang), height=380, showlegend=False,
                   yaxis={"title": {"text": t("data.chart.rate_axis", lang)}, "tickformat": ".0%",
                          "rangemode": "tozero"})


def plan_vs_actual(r: dict, lang: str, cur: str) -> go.Figure:
    """Incremental revenue and profit: actual with its 90% interval, next to the plan's forecast with P10–P90."""
    labels = [t("data.ro.metric.incremental_revenue", lang), t("data.ro.metric.profit", lang)]
    actual = [_finite(r["incremental_revenue"]), _finite(r["incremental_profit"])]
    lo = [_finite(r["incremental_revenue_interval"][0]), _finite(r["incremental_profit_interval"][0])]
    hi = [_finite(r["incremental_revenue_interval"][1]), _finite(r["incremental_profit_interval"][1])]

    def bars(name, y, low, high, color):
        return {"type": "bar", "x": labels, "y": y, "name": name, "marker": {"color": color},
                "error_y": {"type": "data", "symmetric": False,
                            "array": [max(h - v, 0) for v, h in zip(y, high, strict=True)],
                            "arrayminus": [max(v - m, 0) for v, m in zip(y, low, strict=True)], "color": "#333"},
                "text": [money(v, lang, cur) for v in y], "textposition": "inside", "insidetextanchor": "start",
                "textfont": {"color": "white" if color == "#1565c0" else "#263238"},
                "customdata": [[money(m, lang, cur), money(h, lang, cur)] for m, h in zip(low, high, strict=True)],
                "hovertemplate": "%{x}: %{text} (%{customdata[0]} – %{customdata[1]})<extra></extra>"}
    traces = []
    plan = {p["metric"]: p for p in r.get("plan_vs_actual") or []}
    if plan:
        rev, prof = plan.get("incremental_revenue", {}), plan.get("profit", {})
        f = [_finite(rev.get("forecast")), _finite(prof.get("forecast"))]
        traces.append(bars(t("data.chart.ro.forecast", lang), f, [f[0], _finite(prof.get("p10", f[1]))],
                           [f[0], _finite(prof.get("p90", f[1]))], "#b0bec5"))
    traces.append(bars(t("data.chart.ro.actual", lang), actual, lo, hi, "#1565c0"))
    return _figure(traces, t("data.chart.ro.plan_title", lang), height=380, barmode="group", shapes=[_hline(0)],
                   yaxis={"title": {"text": t("chart.money_axis", lang, cur=cur)}, "tickformat": ",.0f"},
                   legend={"orientation": "h", "y": -0.2})


def deal_lift(effects, default_elasticity: float, lang: str) -> go.Figure:
    """Measured units lift by depth bucket (bars, P10–P90), the fitted curve (1 − d)^(−e) − 1 and the simulator's
    default elasticity's curve, side by side (``customers.deals.Effects``). The axes end a little beyond the
    deepest measured bucket: the curves grow fast, and past the data they would only flatten the bars."""
    buckets = effects.lift_by_depth
    mid = [(b["depth_from"] + b["depth_to"]) / 2 for b in buckets]
    bars = _rate_bars([f"{b['depth_from']:.0%}–{b['depth_to']:.0%}" for b in buckets], [b["lift"] for b in buckets],
                      [(b["p10"], b["p90"]) for b in buckets], "#1565c0", t("deals.chart.measured", lang))
    bars.update(x=mid, width=[0.08] * len(mid), text=[f"{b['lift']:+.0%}" for b in buckets])
    x_max = min(max([b["depth_to"] for b in buckets] + [0.3]), 0.6)
    depth = np.linspace(0.0, x_max, 25)
    traces = [bars]
    e = effects.elasticity["estimate"]
    for value, name, color, dash in ((e, t("deals.chart.fitted", lang, e=e or 0), "#0d47a1", "solid"),
                                     (default_elasticity, t("deals.chart.default", lang, e=default_elasticity), NEUTRAL,
                                      "dot")):
        if value is not None:
            traces.append({"type": "scatter", "mode": "lines", "x": depth.tolist(),
                           "y": ((1 - depth) ** -value - 1).tolist(), "name": name,
                           "line": {"color": color, "dash": dash},
                           "hovertemplate": "%{x:.0%}: %{y:+.0%}<extra></extra>"})
    top = max([_finite(b["p90"]) for b in buckets] + [(1 - x_max) ** -(e or 0) - 1, 0.1])
    return _figure(traces, t("deals.chart.title", lang), height=400,
                   xaxis={"title": {"text": t("deals.chart.x", lang)}, "tickformat": ".0%", "range": [0, x_max]},
                   yaxis={"title": {"text": t("deals.chart.y", lang)}, "tickformat": ".0%", "range": [0, 1.25 * top]},
                   legend={"orientation": "h", "y": -0.2})


def review_weeks(review: dict, lang: str, cur: str) -> go.Figure:
    """A review's weekly sales against the baseline from comparable weeks; the promotion's weeks shaded."""
    weeks = review["weeks"]
    x = [str(w["week"]) for w in weeks]
    yuan = review["unit"] == "yuan"
    axis = t("review.chart.yuan", lang, cur=cur) if yuan else t("review.chart.units", lang)
    during = [i for i, w in enumerate(weeks) if w["phase"] == "during"]
    shade = [{"type": "rect", "xref": "x", "yref": "paper",
              "x0": during[0] - 0.5, "x1": during[-1] + 0.5,  # whole weeks
              "y0": 0, "y1": 1, "fillcolor": "#ffe0b2", "opacity": 0.5, "line": {"width": 0},
              "layer": "below"}] if during else []
    show = (lambda v: money(v, lang, cur)) if yuan else (lambda v: fmt.num(v, lang))
    traces = [{"type": "scatter", "mode": "lines+markers", "x": x, "y": [w[k] for w in weeks],
               "name": t(f"review.xl.{k}", lang), "line": {"color": color, "dash": dash},
               "customdata": [show(w[k]) for w in weeks], "hovertemplate": "%{x}: %{customdata}<extra></extra>"}
              for k, color, dash in (("observed", "#1565c0", "solid"), ("baseline", NEUTRAL, "dash"))]
    return _figure(traces, t("review.chart.title", lang), height=380, shapes=shade,
                   xaxis={"title": {"text": t("review.xl.week", lang)}, "type": "category"},
                   yaxis={"title": {"text": axis}, "rangemode": "tozero", **({"tickprefix": cur} if yuan else {})},
                   legend={"orientation": "h", "y": -0.25})
