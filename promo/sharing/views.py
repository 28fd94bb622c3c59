"""What a shared or reported scenario, comparison or plan shows: KPI rows, assumptions, cost lines, figures.

One source for the partner page and for the Excel/HTML/PNG reports, so a report holds exactly
the numbers on screen. Saved scenarios are recomputed with the draws and seed of their summary
(the distribution chart needs every draw); figures come from ``charts``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .. import charts, fmt
from ..i18n import t, unit, warning
from ..model.analysis import sensitivity
from ..model.campaign import SETTINGS, Campaign, campaign_from_dict
from ..model.types import TYPES
from ..model.simulation import Result, Stat, simulate
from ..planning.checks import Violation, check
from ..planning.names import item_names, params_text
from ..planning.plan import Plan
from ..planning.rules import Rules
from ..planning.valuation import PlanValue, plan_value
from ..store.plans import saved_plan

# (text key, Result field, kind): kind picks the number format (promo.fmt) on screen and in Excel
KPIS = (("kpi.profit", "profit", "money"), ("kpi.roi", "roi", "ratio"), ("kpi.prob_loss", "prob_loss", "prob"),
        ("kpi.participants", "participants_dist", "count"), ("kpi.cost", "cost", "money"))
PLAN_KPIS = (("plan.profit", "profit", "money"), ("plan.roi", "roi", "ratio"), ("plan.prob_loss", "prob_loss", "prob"),
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
    rules: Rules = field(default_factory=Rules)
    violations: tuple[Violation, ...] = ()


def scenario_view(record: dict, segments) -> ScenarioView:
    """A saved scenario recomputed on the current segments with the draws and seed it was saved with."""
    c = campaign_from_dict(record["campaign"])
    s = record["summary"]
    result = simulate(c, segments, draws=int(s.get("draws", 10_000)), seed=int(s.get("seed", 7)))
    return ScenarioView(record["id"], record["name"], c, result, tuple(sensitivity(c, segments)), tuple(segments))


def plan_view(record: dict, segments) -> PlanView:
    """A saved plan valued on the current segments and checked against its own rules."""
    plan, rules = saved_plan(record, segments)
    return checked_plan_view(record["id"], record["name"], plan, rules, segments)


def checked_plan_view(plan_id: int, name: str, plan: Plan, rules: Rules, segments) -> PlanView:
    value = plan_value(plan, segments)
    return PlanView(plan_id, name, plan, value, tuple(segments), rules, tuple(check(plan, rules, segments, value)))


def _stat_row(key: str, value, kind: str, cost: float) -> dict:
    """A Stat gives its mean and percentiles; a plain number (the probability of a loss) its value alone. An ROI
    where nothing is spent is undefined (None), not 0."""
    stat = asdict(value) if isinstance(value, Stat) else {"mean": value}
    if kind == "ratio" and not cost > 0:
        stat = {}
    return {"key": key, "kind": kind, **{k: stat.get(k) for k in ("mean", "p10", "p50", "p90")}}


def kpi_rows(view) -> list[dict]:
    """Headline figures: {key, kind, mean, p10, p50, p90} (the percentiles are None where they do not apply)."""
    source, kpis = (view.value, PLAN_KPIS) if isinstance(view, PlanView) else (view.result, KPIS)
    cost = source.cost.mean
    return [_stat_row(k, getattr(source, f), kind, cost) for k, f, kind in kpis]


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
            rows.append({"label": p.label(lang),
                         "value": (choice.zh if lang == "zh" else choice.en) if choice else str(v),
                         "unit": "", "kind": "text"})
        else:
            rows.append(_figure_row(p.label(lang), float(v), p.unit, "", lang, cur))
    for name, spec in SETTINGS.items():
        rows.append(_figure_row(spec.label(lang), float(getattr(c, name)), spec.unit, name, lang, cur))
    return rows


def _figure_row(label: str, value: float, unit_code: str, name: str, lang: str, cur: str) -> dict:
    """An input with its kind of number; money, shares and "no cap" carry their unit in the value itself."""
    kind = fmt.kind_of(unit_code, name)
    shown_unit = unit(unit_code, lang, cur) if kind in ("count", "quantity") else ""
    return {"label": label, "value": value, "unit": shown_unit, "kind": kind}


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


def warning_texts(view: ScenarioView, lang: str, cur: str = "¥") -> list[str]:
    return [warning(w.code, w.data, lang, cur) for w in view.result.warnings]


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


def plan_item_rows(view: PlanView, lang: str, cur: str = "¥") -> list[dict]:
    """One row per item: its name in words (type · segments · week · key parameter), its parts, its value."""
    names = _names(view, lang)
    items = item_names(view.plan.items, view.segments, lang, cur)
    return [{"item": items[it.id], "id": it.id, "type": TYPES[it.type].name(lang),
             "segments": " + ".join(names.get(k, k) for k in it.segments), "params": params_text(it, lang, cur),
             "start_week": it.start_week, "end_week": it.end_week, "cost": view.value.items[it.id].cost.mean,
             "profit": view.value.items[it.id].profit.mean, "carry_loss": view.value.items[it.id].carry_loss}
            for it in view.plan.items]


WEEKLY = ("cost", "cost_p10", "cost_p90", "profit", "profit_p10", "profit_p90")


def plan_weekly_rows(view: PlanView) -> list[dict]:
    """Expected cost and incremental profit of each week with their P10 and P90."""
    w = view.value.weekly
    return [{"week": k + 1, **{name: float(w[name][k]) for name in WEEKLY}} for k in range(view.plan.weeks)]


def plan_rule_rows(view: PlanView, lang: str, cur: str = "¥") -> list[dict]:
    """The rules check: each broken rule in words with the items it names; one "no rule broken" row otherwise."""
    if not view.violations:
        return [{"rule": "", "message": t("plan.no_violations", lang), "items": ""}]
    names = item_names(view.plan.items, view.segments, lang, cur)
    return [{"rule": t(f"plan.rule.{v.rule}", lang), "message": v.message(lang),
             "items": "; ".join(names.get(i, i) for i in v.items)} for v in view.violations]


def plan_figures(view: PlanView, lang: str, cur: str) -> dict:
    """The calendar page's charts: the items over the weeks, and weekly cost and profit with their ranges."""
    return {"gantt": charts.plan_gantt(view.plan, view.segments, lang, cur, view.violations, view.value),
            "weekly": charts.plan_weekly(view.plan, view.value, lang, cur)}
