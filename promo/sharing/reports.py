"""Downloadable reports of scenarios, a comparison or plans: an Excel workbook, one offline HTML file, PNG charts.

Pure (no Streamlit). Rows and figures come from ``views``, so a report holds the numbers the
pages show. The HTML embeds plotly.js and escapes every user text; it loads nothing from the
network. PNGs are drawn by kaleido with Debian's Chromium.
"""
from __future__ import annotations

import html
import io
import re
import threading
import warnings
import zipfile
from datetime import datetime

import numpy as np

from .. import fmt
from ..i18n import t
from .filenames import safe_name
from .views import (WEEKLY, assumption_rows, comparison_figures, cost_rows, kpi_rows, partner_rows, plan_figures,
                    plan_item_rows, plan_rule_rows, plan_weekly_rows, scenario_figures, warning_texts)

# a spreadsheet reads a cell starting with one of these as a formula (=HYPERLINK(…), +cmd|…, @SUM(…))
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PNG_LOCK = threading.Lock()


def _excel_cell(value, kind: str | None, cur: str, lang: str):
    """(value, number format) of a figure in a sheet, by the rules of ``promo.fmt``: money in cents below 10,
    counts whole, quantities without empty decimals, probabilities with "< 1%" and "> 99%", a cap of 0 and an
    undefined ROI in words. The cell keeps the exact number wherever it is a number."""
    if kind is None:
        return value, None
    if kind == "text" or not isinstance(value, (int, float)):
        if kind == "ratio" and value is None:
            return fmt.NONE, "@"
        return value, "@"
    x = float(value)
    if kind == "cap" and x == 0:
        return fmt.words("no_cap", lang), "@"
    if kind in ("money", "cap"):
        cents = abs(x) > 0 and round(abs(x), 2) < fmt.CENTS_BELOW
        body = f'"{cur}"#,##0{".00" if cents else ""}'
        return x, f'{body};-{body}'
    if kind == "prob":
        return x, ('"< 1%"' if 0 < x < 0.01 else '"> 99%"' if 0.99 < x < 1 else "0%")
    if kind == "quantity":
        return x, "#,##0" if x == round(x) else "#,##0.0#"
    return x, {"ratio": '0.00"×"', "share": "0.0%", "count": "#,##0"}.get(kind, "General")


def all_figures(scenarios, plans, lang: str, cur: str) -> list[tuple[str, str, object]]:
    """(item name, chart key, figure) for every chart of the report, comparison first."""
    out = []
    if len(scenarios) > 1:
        out += [(t("share.comparison", lang), k, f) for k, f in comparison_figures(scenarios, lang, cur).items()]
    for v in scenarios:
        out += [(v.name, k, f) for k, f in scenario_figures(v, lang, cur).items()]
    for v in plans:
        out += [(v.name, k, f) for k, f in plan_figures(v, lang, cur).items()]
    return out


def figure_count(scenarios, plans) -> int:
    """How many charts ``all_figures`` makes, without making them."""
    return (2 if len(scenarios) > 1 else 0) + 3 * len(scenarios) + 2 * len(plans)


def chart_rows(fig) -> list[tuple]:
    """The data behind a figure: (series, x, y) per point; a bar's ``base`` is added back to its value."""
    rows = []
    for tr in fig.data:
        cats, vals = (tr.y, tr.x) if tr.orientation == "h" else (tr.x, tr.y)
        if cats is None or vals is None or getattr(tr, "fill", None) == "toself":  # a band's outline repeats its lines
            continue
        base = getattr(tr, "base", None)
        vals = np.asarray(vals, dtype=float) + np.asarray(0.0 if base is None else base, dtype=float)
        # label-only traces (festival names on the top axis) carry no data
        rows += [(tr.name or "", c.item() if hasattr(c, "item") else c, float(v))
                 for c, v in zip(cats, vals, strict=True) if np.isfinite(v)]
    return rows


def _plain_title(fig) -> str:
    """A chart's title without plotly's <br>/<sup> markup (for sheet cells and PNG file names)."""
    text = fig.layout.title.text or ""
    return re.sub(r"<[^>]+>", " ", text.split("<br>")[0]).strip()


# --- Excel ----------------------------------------------------------------------------------------

def _sheet(wb, title: str, headers: list[str], rows: list[list], cur: str, lang: str, intro: tuple = ()) -> None:
    """One formatted table under optional ``intro`` lines: bold coloured header, frozen above the data,
    per-cell number formats, fitted widths. A cell given as (value, kind) is formatted by its kind."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title[:31])
    for line in intro:
        ws.append([line])
        first = ws.max_row == 1
        _as_text(ws.cell(row=ws.max_row, column=1)).font = Font(bold=first, size=14 if first else 11)
    head = len(intro) + 1
    ws.append(headers)
    for c in ws[head]:
        c.font, c.fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="1565C0")
        c.alignment = Alignment(vertical="center")
    widths = [_width(h) for h in headers]
    for r, row in enumerate(rows, start=head + 1):
        for col, cell in enumerate(row, start=1):
            value, number_format = _excel_cell(*(cell if isinstance(cell, tuple) else (cell, None)), cur, lang)
            target = _as_text(ws.cell(row=r, column=col, value=value))
            if number_format:
                target.number_format = number_format
            widths[col - 1] = max(widths[col - 1],
                                  _width(fmt.num(value, "en", 2) if isinstance(value, float) else value))
    for col, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = min(60, w + 2)
    ws.freeze_panes = f"A{head + 1}"


def _as_text(cell):
    """A name like ``=HYPERLINK("https://evil.example", "x")`` stays a text cell, never a formula (quote-prefixed,
    as Excel marks text typed with a leading ')."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
        cell.data_type, cell.quotePrefix = "s", True
    return cell


def csv_text(frame) -> bytes:
    """A table as CSV for Excel (UTF-8 with BOM) whose text cells cannot run as formulas when opened: a cell
    starting with ``= + - @``, a tab or a carriage return gets a leading ' (numbers are left alone)."""
    safe = frame.map(lambda v: f"'{v}" if isinstance(v, str) and v.startswith(FORMULA_START) else v)
    return safe.to_csv(index=False).encode("utf-8-sig")


def _width(value) -> int:
    """Display width: CJK characters count twice."""
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def excel(scenarios, plans, lang: str, cur: str, title: str, now: datetime | None = None) -> bytes:
    """Workbook: summary (KPIs), inputs, results (costs, long-term value, partner split, warnings), the data
    behind every chart, and for plans their items, weekly figures with P10–P90 and the rules check. (openpyxl is
    imported here: 0.3 s that only a workbook needs, not the first run of a page that offers one.)"""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    h = lambda key: t(f"share.xl.{key}", lang)
    summary = [[v.name, t(k["key"], lang), *((k[s], k["kind"]) for s in ("mean", "p10", "p50", "p90"))]
               for v in [*scenarios, *plans] for k in kpi_rows(v)]
    _sheet(wb, h("summary"), [h("item"), h("measure"), h("mean"), "P10", "P50", "P90"], summary, cur, lang,
           intro=(title, f"{h('generated')}: {(now or datetime.now()).strftime('%Y-%m-%d %H:%M')}", ""))
    if scenarios:
        _sheet(wb, h("inputs"), [h("item"), h("input"), h("value"), h("unit")],
               [[v.name, a["label"], (a["value"], a["kind"]), a["unit"]] for v in scenarios
                for a in assumption_rows(v, lang, cur)], cur, lang)
        results = [[v.name, c["label"], (c["value"], "money")] for v in scenarios for c in cost_rows(v, lang)]
        for v in scenarios:
            for p in partner_rows(v, lang):
                results += [[v.name, f"{p['party']} · {t(key, lang)}", (p[field], "money")]
                            for field, key in (("cost", "kpi.cost"), ("benefit", "sim.benefit"),
                                               ("profit", "kpi.profit"))]
            results += [[v.name, t("share.warning", lang), w] for w in warning_texts(v, lang, cur)]
        _sheet(wb, h("results"), [h("item"), h("line"), h("value")], results, cur, lang)
    _sheet(wb, h("charts"), [h("item"), h("chart"), h("series"), "x", "y"],
           [[name, _plain_title(fig), s, x, (y, "quantity")]
            for name, _key, fig in all_figures(scenarios, plans, lang, cur) for s, x, y in chart_rows(fig)], cur, lang)
    if plans:
        _sheet(wb, h("plan"), [h("item"), h("plan_item"), h("key_params"), h("type"), h("segments"), h("start"),
                               h("end"), t("plan.cost", lang), t("plan.profit", lang), t("plan.carry_loss", lang),
                               h("id")],
               [[v.name, r["item"], r["params"], r["type"], r["segments"], (r["start_week"], "count"),
                 (r["end_week"], "count"), (r["cost"], "money"), (r["profit"], "money"), (r["carry_loss"], "money"),
                 r["id"]] for v in plans for r in plan_item_rows(v, lang, cur)], cur, lang)
        weekly_heads = [t("plan.cost", lang), f"{t('plan.cost', lang)} P10", f"{t('plan.cost', lang)} P90",
                        t("plan.profit", lang), f"{t('plan.profit', lang)} P10", f"{t('plan.profit', lang)} P90"]
        _sheet(wb, h("weekly"), [h("item"), t("plan.week", lang), *weekly_heads],
               [[v.name, (r["week"], "count"), *((r[k], "money") for k in WEEKLY)]
                for v in plans for r in plan_weekly_rows(v)], cur, lang)
        _sheet(wb, h("rules"), [h("item"), h("rule"), h("problem"), h("plan_item")],
               [[v.name, r["rule"], r["message"], r["items"]] for v in plans for r in plan_rule_rows(v, lang, cur)],
               cur, lang)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _metric_kind(metric: str) -> str:
    """A review's metric as a number kind: the sales lift is a share, units and revenue are quantities."""
    return "share" if metric == "sales_lift" else "quantity"


def review_excel(review: dict, lines: dict, history: list[dict], record: dict, lang: str, cur: str,
                 now: datetime | None = None) -> bytes:
    """A post-campaign review as a workbook: the write-up in both languages, the figures, the weekly series behind
    them, the prediction next to the outcome, and the running record of reviews."""
    from openpyxl import Workbook

    h = lambda key: t(f"review.xl.{key}", lang)
    money = "money" if review["unit"] == "yuan" else "quantity"
    wb = Workbook()
    wb.remove(wb.active)
    made = f"{t('share.xl.generated', lang)}: {(now or datetime.now()).strftime('%Y-%m-%d %H:%M')}"
    _sheet(wb, h("writeup"), ["中文", "English"], [[zh, en] for zh, en in zip(lines["zh"], lines["en"], strict=True)],
           cur, lang, intro=(lines[lang][0], made, ""))
    fig = review["figures"]
    _sheet(wb, h("figures"), [h("figure"), h("value")],
           [[h(k), (fig[k], money if k != "lift" else "share")]
            for k in ("observed", "baseline", "incremental", "lift", "dip", "net") if fig.get(k) is not None],
           cur, lang)
    _sheet(wb, h("weeks"), [h("week"), h("phase"), h("observed"), h("baseline")],
           [[str(w["week"]), h(w["phase"]), (w["observed"], money), (w["baseline"], money)] for w in review["weeks"]],
           cur, lang)
    p = review["prediction"]
    kind = _metric_kind(p["metric"])
    within = "—" if p["within"] is None else t("data.yes" if p["within"] else "data.no", lang)
    _sheet(wb, h("prediction"), [h("metric"), "P10", "P50", "P90", h("actual"), h("within")],
           [[t(f"review.column.{p['metric']}", lang), *((p[k], kind) for k in ("p10", "p50", "p90", "actual")),
             within]],
           cur, lang)
    _sheet(wb, h("record"), ["#", h("subject"), h("start"), h("metric"), "P10", "P50", "P90", h("actual")],
           [[r["id"], r["subject"], str(r["start"]), t(f"review.column.{r['metric']}", lang),
             *((r[k], _metric_kind(r["metric"])) for k in ("p10", "p50", "p90", "actual"))] for r in history],
           cur, lang, intro=(t("review.record", lang, scored=record["scored"], within=record["within"]), ""))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- HTML -----------------------------------------------------------------------------------------

_CSS = ("body{font-family:system-ui,'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif;margin:2rem auto;"
        "max-width:1100px;color:#222}table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ddd;"
        "padding:.3rem .6rem;text-align:left}th{background:#1565c0;color:#fff}td.n{text-align:right}"
        ".warn{color:#8a4b00}")


def _value(value, kind: str, lang: str, cur: str) -> str:
    if value is None and kind != "ratio":
        return ""
    return fmt.value(value, kind, lang, cur)


def _table(headers, rows) -> str:
    """Rows of (text, numeric?) cells; every text is escaped."""
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f'<td{" class=n" if num else ""}>{html.escape(str(c))}</td>' for c, num in row)
                   + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _kpi_table(view, lang: str, cur: str) -> str:
    h = lambda key: t(f"share.xl.{key}", lang)
    return _table([h("measure"), h("mean"), "P10", "P90"],
                  [[(t(k["key"], lang), False),
                    *((_value(k[s], k["kind"], lang, cur), True) for s in ("mean", "p10", "p90"))]
                   for k in kpi_rows(view)])


def html_report(scenarios, plans, lang: str, cur: str, title: str, now: datetime | None = None) -> str:
    """One self-contained page: KPI, input and cost tables and the interactive charts (plotly.js inline once)."""
    h = lambda key: t(f"share.xl.{key}", lang)
    charts_by_item: dict[str, list] = {}
    for name, _key, fig in all_figures(scenarios, plans, lang, cur):
        charts_by_item.setdefault(name, []).append(fig)
    first = [True]

    def plots(name: str) -> str:
        out = []
        for fig in charts_by_item.get(name, []):
            out.append(fig.to_html(include_plotlyjs=first[0], full_html=False, config={"displaylogo": False}))
            first[0] = False
        return "".join(out)

    parts = [f"<!DOCTYPE html><html lang=\"{'zh-CN' if lang == 'zh' else 'en'}\"><head><meta charset=\"utf-8\">"
             f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>",
             f"<h1>{html.escape(title)}</h1><p>{html.escape(h('generated'))}: "
             f"{html.escape((now or datetime.now()).strftime('%Y-%m-%d %H:%M'))}</p>"]
    if len(scenarios) > 1:
        parts += [f"<h2>{html.escape(t('share.comparison', lang))}</h2>", plots(t("share.comparison", lang))]
    for v in scenarios:
        parts += [f"<h2>{html.escape(v.name)}</h2>", _kpi_table(v, lang, cur)]
        parts += [f'<p class="warn">⚠ {html.escape(w)}</p>' for w in warning_texts(v, lang, cur)]
        partner = partner_rows(v, lang)
        if partner:
            parts += [f"<h3>{html.escape(t('sim.partner', lang))}</h3>",
                      _table([t("sim.party", lang), t("kpi.cost", lang), t("sim.benefit", lang), t("kpi.profit", lang)],
                             [[(p["party"], False),
                               *((fmt.money(p[k], lang, cur), True) for k in ("cost", "benefit", "profit"))]
                              for p in partner])]
        parts += [plots(v.name), f"<h3>{html.escape(h('inputs'))}</h3>",
                  _table([h("input"), h("value"), h("unit")],
                         [[(a["label"], False), (_value(a["value"], a["kind"], lang, cur), a["kind"] != "text"),
                           (a["unit"], False)] for a in assumption_rows(v, lang, cur)]),
                  f"<h3>{html.escape(h('results'))}</h3>",
                  _table([h("line"), h("value")], [[(c["label"], False), (fmt.money(c["value"], lang, cur), True)]
                                                   for c in cost_rows(v, lang)])]
    for v in plans:
        parts += [f"<h2>{html.escape(v.name)}</h2>", _kpi_table(v, lang, cur),
                  f"<h3>{html.escape(h('rules'))}</h3>",
                  _table([h("rule"), h("problem"), h("plan_item")],
                         [[(r["rule"], False), (r["message"], False), (r["items"], False)]
                          for r in plan_rule_rows(v, lang, cur)]),
                  plots(v.name), f"<h3>{html.escape(h('plan'))}</h3>",
                  _table([h("plan_item"), h("key_params"), h("start"), h("end"), t("plan.cost", lang),
                          t("plan.profit", lang)],
                         [[(r["item"], False), (r["params"], False), (fmt.count(r["start_week"], lang), True),
                           (fmt.count(r["end_week"], lang), True), (fmt.money(r["cost"], lang, cur), True),
                           (fmt.money(r["profit"], lang, cur), True)] for r in plan_item_rows(v, lang, cur)])]
    parts.append("</body></html>")
    return "".join(parts)


# --- PNG ------------------------------------------------------------------------------------------

def chart_pngs(figures, width: int = 1100, progress=None) -> bytes:
    """A zip of PNG images, one per (item name, chart key, figure), drawn by one kaleido/Chromium session.
    Entries are numbered, so two items of the same name never collide; ``progress(done, total)`` after each."""
    import kaleido
    import plotly.io as pio

    figures = list(figures)
    buf = io.BytesIO()
    with _PNG_LOCK, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kaleido.start_sync_server(silence_warnings=True)
        try:
            for n, (name, key, fig) in enumerate(figures, start=1):
                zf.writestr(f"{n:02d}_{safe_name(name, 40) or 'item'}_{key}.png",
                            pio.to_image(fig, format="png", width=width, scale=1))
                if progress is not None:
                    progress(n, len(figures))
        finally:
            kaleido.stop_sync_server(silence_warnings=True)
    return buf.getvalue()
