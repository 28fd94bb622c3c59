"""What a shared or reported scenario, comparison or plan shows: KPI rows, assumptions, cost lines, figures.

One source for the partner page and for the Excel/HTML/PNG reports, so a report holds exactly
the numbers on screen. Saved scenarios are recomputed with the draws and seed of their summary
(the distribution chart needs every draw); figures come from ``charts``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from .. import charts
from ..i18n import t, unit
from ..model.analysis import sensitivity
from ..model.campaign import SETTINGS, Campaign, campaign_from_dict
from ..model.types import TYPES
from ..model.simulation import Result, Stat, simulate
from ..planning.plan import Plan
from ..planning.valuation import PlanValue, plan_value
from ..store.plans import saved_plan

# (text key, Result field, kind): kind picks the number format on screen and in Excel
KPIS = (("kpi.profit", "profit", "money"), ("kpi.roi", "roi", "ratio"), ("kpi.prob_loss", "prob_loss", "share"),
        ("kpi.participants", "participants_dist", "count"), ("kpi.cost", "cost", "money"))
PLAN_KPIS = (("plan.profit", "profit", "money"), ("plan.roi", "roi", "ratio"), ("plan.prob_loss", "prob_loss", "share"),
             ("plan.cost", "cost", "money"))


@dataclass(frozen=True)
class ScenarioView:
    id: int
    name: str
    campaign: Campaign
    result: Result
    sens: tuple  # tornado rows from ``analysis.sensitivity``
    segments: tuple  # the segments it was computed on (names for the tables)


@dataclass(frozen=True)
class PlanView:
    id: int
    name: str
    plan: Plan
    value: PlanValue
    segments: tuple


def scenario_view(record: dict, segments) -> ScenarioView:
    """A saved scenario recomputed on the current segments with the draws and seed it was saved with."""
    c = campaign_from_dict(record["campaign"])
    s = record["summary"]
    result = simulate(c, segments, draws=int(s.get("draws", 10_000)), seed=int(s.get("seed", 7)))
    return ScenarioView(record["id"], record["name"], c, result, tuple(sensitivity(c, segments)), tuple(segments))


def plan_view(record: dict, segments) -> PlanView:
    plan, _rules = saved_plan(record, segments)
    return PlanView(record["id"], record["name"], plan, plan_value(plan, segments), tuple(segments))


def _stat_row(key: str, value, kind: str) -> dict:
    """A Stat gives its mean and percentiles; a plain number (the probability of a loss) its value alone."""
    stat = asdict(value) if isinstance(value, Stat) else {"mean": value}
    return {"key": key, "kind": kind, **{k: stat.get(k) for k in ("mean", "p10", "p50", "p90")}}


def kpi_rows(view) -> list[dict]:
    """Headline figures: {key, kind, mean, p10, p50, p90} (the percentiles are None where they do not apply)."""
    if isinstance(view, PlanView):
        return [_stat_row(k, getattr(view.value, f), kind) for k, f, kind in PLAN_KPIS]
    return [_stat_row(k, getattr(view.result, f), kind) for k, f, kind in KPIS]


def _kind(unit_code: str) -> str:
    return {"yuan": "money", "share": "share", "ratio": "ratio"}.get(unit_code, "number")


def _names(view, lang: str) -> dict:
    return {s.key: s.name(lang) for s in view.segments}


def assumption_rows(view: ScenarioView, lang: str, cur: str) -> list[dict]:
    """The inputs: {label, value, unit, kind}; choices and segments as their names in ``lang``."""
    c = view.campaign
    names = _names(view, lang)
    rows = [{"label": t("sim.type", lang), "value": TYPES[c.type].name(lang), "unit": "", "kind": "text"},
            {"label": t("sim.segments", lang), "value": " + ".join(names.get(k, k) for k in c.segments), "unit": "",
             "kind": "text"}]
    for p in TYPES[c.type].params:
        v = c.params.get(p.key, p.default)
        if p.is_choice:
            choice = next((ch for ch in p.choices if ch.key == v), None)
            rows.append({"label": p.label(lang), "value": (choice.zh if lang == "zh" else choice.en) if choice else str(v),
                         "unit": "", "kind": "text"})
        else:
            rows.append({"label": p.label(lang), "value": float(v), "unit": unit(p.unit, lang, cur), "kind": _kind(p.unit)})
    for name, spec in SETTINGS.items():
        rows.append({"label": spec.label(lang), "value": float(getattr(c, name)),
                     "unit": unit(spec.unit, lang, cur), "kind": _kind(spec.unit)})
    return rows


def cost_rows(view: ScenarioView, lang: str) -> list[dict]:
    """Expected cost by component, then the long-term value kept apart from profit: {label, value}."""
    r = view.result
    rows = [{"label": t(f"cost.{k}", lang), "value": v} for k, v in r.costs.items()]
    rows += [{"label": t(f"lt.{k}", lang), "value": v} for k, v in r.long_term.items()]
    return rows


def partner_rows(view: ScenarioView, lang: str) -> list[dict]:
    """Co-promotion only: cost, benefit (margin) and profit of each party; [] for other types."""
    p = view.result.partner
    if not p:
        return []
    return [{"party": t("sim.us", lang), "cost": p["our_cost"], "benefit": p["our_profit"] + p["our_cost"],
             "profit": p["our_profit"]},
            {"party": t("sim.partner_side", lang), "cost": p["partner_cost"], "benefit": p["partner_gain"],
             "profit": p["partner_profit"]}]


def warning_texts(view: ScenarioView, lang: str) -> list[str]:
    return [t(f"warn.{w.code}", lang, **w.data) for w in view.result.warnings]


def comparison_rows(views) -> list[dict]:
    """Rows in the shape ``charts.roi_bars`` and ``charts.cost_profit_bubbles`` take."""
    return [{"id": v.id, "name": v.name, "type": v.campaign.type, "roi": asdict(v.result.roi),
             "profit": asdict(v.result.profit), "cost": asdict(v.result.cost),
             "participants": v.result.participants} for v in views]


def scenario_figures(view: ScenarioView, lang: str, cur: str) -> dict:
    return {"waterfall": charts.waterfall(view.result, lang, cur),
            "distribution": charts.profit_distribution(view.result, lang, cur),
            "tornado": charts.tornado(view.sens, lang, cur)}


def comparison_figures(views, lang: str, cur: str) -> dict:
    rows = comparison_rows(views)
    return {"roi": charts.roi_bars(rows, lang), "bubbles": charts.cost_profit_bubbles(rows, lang, cur)}


def plan_item_rows(view: PlanView, lang: str) -> list[dict]:
    names = _names(view, lang)
    return [{"item": it.id, "type": TYPES[it.type].name(lang), "segments": " + ".join(names.get(k, k) for k in it.segments),
             "start_week": it.start_week, "end_week": it.end_week, "cost": view.value.items[it.id].cost.mean,
             "profit": view.value.items[it.id].profit.mean, "carry_loss": view.value.items[it.id].carry_loss}
            for it in view.plan.items]


def plan_weekly_rows(view: PlanView) -> list[dict]:
    w = view.value.weekly
    return [{"week": k + 1, **{name: float(w[name][k]) for name in ("cost", "profit", "profit_p10", "profit_p90")}}
            for k in range(view.plan.weeks)]


def plan_figures(view: PlanView, lang: str, cur: str) -> dict:
    """The calendar page's charts: the items over the weeks, and weekly cost and profit with their ranges."""
    return {"gantt": charts.plan_gantt(view.plan, view.segments, lang, cur, value=view.value),
            "weekly": charts.plan_weekly(view.plan, view.value, lang, cur)}
