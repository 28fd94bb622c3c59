"""Post-campaign review: what a past promotion did against comparable weeks, next to what the simulator predicted.

Two kinds of subject:

- a campaign of the history: the targeted customers' weekly sales. Baseline of a week: their level in the
  ``WEEKS_BEFORE`` weeks before the start (festival weeks left out) × how the comparison group moved from its own
  level in those weeks (the holdout group when it has ``MIN_HOLDOUT`` customers or more, else every customer the
  campaign did not name): a festival in the window moves the comparison group too, so it is in the baseline;
- a deal period found in the log: one product's weekly units; baseline from ``customers.deals`` (the product's
  regular level × the week's factor, festival weeks compared with the same festival).

Observed sales split into baseline and incremental during the promotion, and the pull-forward dip (baseline −
observed) in the ``DIP_WEEKS`` after. The simulator's prediction for the same campaign (same type, the customers'
segments, the promotion's weeks) stands next to the outcome with its P10–P90: participants for a campaign, the
sales lift for a deal when the model gives one. Recorded reviews make the running record of prediction error.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

from .. import store
from ..errors import InputError, unknown
from ..i18n import t
from . import deals
from .response_rates import segments_at_start

WEEKS_BEFORE = 8
DIP_WEEKS = deals.DIP_WEEKS
MIN_HOLDOUT = 30
DRAWS = 2000


@dataclass
class Review:
    kind: str  # campaign | deal
    subject: str  # campaign id, or product
    label: str  # the promotion type (campaign) or the depth (deal)
    start: date
    end: date
    unit: str  # yuan | units
    weeks: list  # {week, observed, baseline, phase: before | during | after}
    figures: dict  # observed, baseline, incremental, lift, dip, net (during / after the promotion)
    prediction: dict  # metric, p10, p50, p90, mean, actual, within (None where the model gives nothing)
    comparison: str  # holdout | others | calendar
    festivals: list = field(default_factory=list)  # festival keys in the promotion's weeks

    def to_dict(self) -> dict:
        return asdict(self)


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _festivals(first: date, last: date) -> list[str]:
    from ..planning.festivals import festivals

    keys = []
    for year in range(first.year, last.year + 1):
        keys += [f.key for f in festivals(year) if f.start <= last and f.end >= first]
    return keys


def _figures(weeks: list[dict]) -> dict:
    during = [w for w in weeks if w["phase"] == "during"]
    after = [w for w in weeks if w["phase"] == "after"]
    observed, base = sum(w["observed"] for w in during), sum(w["baseline"] for w in during)
    incremental = observed - base
    dip = sum(w["baseline"] - w["observed"] for w in after) if after else None
    return {"observed": observed, "baseline": base, "incremental": incremental,
            "lift": incremental / base if base > 0 else None, "dip": dip,
            "net": incremental - (dip or 0.0), "after_weeks": len(after)}


def _prediction(result, metric: str, actual: float | None) -> dict:
    """The simulator's figure for ``metric`` with its P10–P90, next to the outcome."""
    stat = getattr(result, metric, None) if metric != "participants" else result.participants_dist
    if stat is None or actual is None:
        return {"metric": metric, "p10": None, "p50": None, "p90": None, "mean": None, "actual": actual, "within": None}
    return {"metric": metric, "p10": stat.p10, "p50": stat.p50, "p90": stat.p90, "mean": stat.mean, "actual": actual,
            "within": bool(stat.p10 <= actual <= stat.p90)}


def _segments_now(con, sizes: dict):
    """The simulator's segments with the sizes of the customers reviewed (a stage not in the table: prospects)."""
    from ..model.segments import with_changes

    segs = store.load_segments(con)
    keys = {s.key for s in segs}
    counts = {}
    for k, n in sizes.items():
        k = k if k in keys else "prospects"
        counts[k] = counts.get(k, 0) + n
    chosen = tuple(with_changes(s, size=float(counts[s.key])) for s in segs if counts.get(s.key))
    return chosen, [s.key for s in chosen]


def campaign_review(con, campaign_id: str, scenario_id: int | None = None, seed: int = 7) -> Review:
    """The review of a campaign of the history (see the module's description)."""
    from ..model import make_campaign, simulate

    w = store.campaign_window(con, campaign_id)
    if store.transaction_summary(con)["rows"] == 0:
        raise InputError("A review needs the transaction log: import it first.", "复盘需要交易记录：请先导入。",
                         field="transactions")
    start, end = w["start"], w["end"]
    first, last = _monday(start) - timedelta(weeks=WEEKS_BEFORE), _monday(end) + timedelta(weeks=DIP_WEEKS, days=6)
    df = store.campaign_weeks(con, campaign_id, first, last)
    index = pd.date_range(first, _monday(end) + timedelta(weeks=DIP_WEEKS), freq="7D")
    table = df.assign(week=pd.to_datetime(df["week"])).pivot_table(
        index="week", columns="group", values="revenue", aggfunc="sum").reindex(index).fillna(0.0)
    grid = index.date
    comparison = "holdout" if w["holdout"] >= MIN_HOLDOUT else "others"
    observed = table.get("targeted", pd.Series(0.0, index=index)).to_numpy()
    comp = table.get(comparison, pd.Series(0.0, index=index)).to_numpy()
    festive = set(_festival_weeks(grid))
    pre = np.array([d < _monday(start) and d not in festive for d in grid])
    level, comp_level = observed[pre].mean() if pre.any() else 0.0, comp[pre].mean() if pre.any() else 0.0
    baseline = level * comp / comp_level if comp_level > 0 else np.full(len(grid), level)
    if comp_level <= 0:
        comparison = "calendar"
    weeks = [{"week": d, "observed": float(o), "baseline": float(b), "phase": _phase(d, start, end)}
             for d, o, b in zip(grid, observed, baseline, strict=True)]
    figures = _figures(weeks)
    sizes = segments_at_start(con, [start])
    targeted = set(store.targeted_customers(con, campaign_id))
    stages = sizes[sizes["customer_id"].isin(targeted)]["segment"].value_counts().to_dict()
    stages["prospects"] = stages.get("prospects", 0) + len(targeted) - sum(stages.values())
    segs, keys = _segments_now(con, {k: v for k, v in stages.items() if v})
    params = {}
    if scenario_id is not None:
        scenario = store.get_scenario(con, int(scenario_id))
        if scenario is None:
            raise InputError(f"There is no saved plan {scenario_id}.", f"没有编号为 {scenario_id} 的已保存方案。",
                             field="scenario")
        params = dict(scenario["campaign"].get("params", {}))
    weeks_long = max(1, min(26, ((end - start).days + 7) // 7))
    result = simulate(make_campaign(w["promo_type"], keys, params, duration_weeks=weeks_long, reach=1.0),
                      segs, draws=DRAWS, seed=seed)
    prediction = _prediction(result, "participants", float(store.campaign_responders(con, campaign_id)))
    return Review("campaign", str(campaign_id), w["promo_type"], start, end, "yuan", weeks, figures, prediction,
                  comparison, _festivals(start, end))


def _festival_weeks(grid) -> list[date]:
    """Mondays of ``grid`` whose week holds a festival or its lead weeks."""
    classes, _ = deals._week_classes(pd.DatetimeIndex(grid))
    return [d for d, c in zip(grid, classes, strict=True) if c is not None]


def _phase(week: date, start: date, end: date) -> str:
    if week + timedelta(days=6) < start:
        return "before"
    return "during" if week <= end else "after"


def deal_periods(con, limit: int = 50) -> list[dict]:
    """Deal periods found in the log, largest extra units first: product, start, end, depth, extra units."""
    pn, b, episodes = _deal_panel(con)
    out = []
    for p, a, z in episodes:
        extra = float((pn.units[p, a:z + 1] - b[p, a:z + 1]).sum()) if np.isfinite(b[p, a]) else None
        out.append({"product": str(pn.products[p]), "start": pn.weeks[a].date(),
                    "end": (pn.weeks[z] + pd.Timedelta(days=6)).date(), "depth": float(pn.depth[p, a:z + 1].mean()),
                    "extra_units": extra})
    out.sort(key=lambda r: -(r["extra_units"] or -1e18))
    return out[:limit]


def _deal_panel(con):
    rows = store.product_weeks(con)
    if rows.empty:
        raise InputError("The log has no product column: deal periods cannot be found.",
                         "交易记录没有商品列，找不到促销期。", field="product")
    pn, _ = deals.panel(rows)
    episodes = deals._episodes(pn.deal)
    b, _, _ = deals.baseline(pn, episodes)
    return pn, b, episodes


def deal_review(con, product: str, week: date | str, seed: int = 7) -> Review:
    """The review of the deal period of ``product`` that includes ``week`` (a date in it)."""
    from ..model import make_campaign, simulate

    day = week if isinstance(week, date) else _date(week)
    pn, b, episodes = _deal_panel(con)
    names = [str(x) for x in pn.products]
    if str(product) not in names:
        raise unknown("product", "商品", product, names[:30], field="product")
    p = names.index(str(product))
    w = int((pd.Timestamp(_monday(day)) - pn.weeks[0]).days // 7)
    episode = next(((a, z) for q, a, z in episodes if q == p and a <= w <= z), None)
    if episode is None:
        found = [f"{pn.weeks[a].date()}" for q, a, _ in episodes if q == p]
        raise InputError(f"'{product}' was not on deal in the week of {day}. Its deals start on: "
                         f"{', '.join(found) or 'none'}.",
                         f"「{product}」在 {day} 所在的一周没有促销。它的促销开始于：{'、'.join(found) or '无'}。",
                         field="week")
    a, z = episode
    lo, hi = max(0, a - WEEKS_BEFORE), min(len(pn.weeks) - 1, z + DIP_WEEKS)
    start, end = pn.weeks[a].date(), (pn.weeks[z] + pd.Timedelta(days=6)).date()
    weeks = [{"week": pn.weeks[i].date(), "observed": float(pn.units[p, i]), "baseline": float(b[p, i]),
              "phase": "before" if i < a else "during" if i <= z else "after"} for i in range(lo, hi + 1)]
    figures = _figures(weeks)
    depth = float(pn.depth[p, a:z + 1].mean())
    segs = store.load_segments(con)
    keys = [s.key for s in segs if s.key != "prospects"]
    result = simulate(make_campaign("discount", keys, {"depth": round(min(max(depth, 0.01), 0.8), 2)},
                                    duration_weeks=z - a + 1, reach=1.0), segs, draws=DRAWS, seed=seed)
    prediction = _prediction(result, "sales_lift", figures["lift"])
    return Review("deal", str(product), f"{depth:.0%}", start, end, "units", weeks, figures, prediction, "calendar",
                  _festivals(start, end))


def _date(text: str) -> date:
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        raise InputError(f"'{text}' is not a date like 2025-06-30.", f"「{text}」不是 2025-06-30 这样的日期。",
                         field="week") from None


def track_record(history: list[dict]) -> dict:
    """Over the recorded reviews with a prediction: how many, how many outcomes fell within the simulator's
    P10–P90 (about 80% if its intervals are honest), and the mean outcome ÷ median prediction."""
    scored = [h for h in history if h["p10"] is not None and h["p90"] is not None]
    within = sum(h["p10"] <= h["actual"] <= h["p90"] for h in scored)
    ratios = [h["actual"] / h["p50"] for h in scored if h["p50"]]
    return {"reviews": len(history), "scored": len(scored), "within": within,
            "within_share": within / len(scored) if scored else None,
            "mean_ratio": float(np.mean(ratios)) if ratios else None}


def writeup(r: Review, record: dict, lang: str, currency: str = "¥") -> list[str]:
    """A few sentences a manager can forward, in ``lang``."""
    from ..fmt import money, num, pct

    f, p = r.figures, r.prediction
    amount = (lambda x: money(x, lang, currency)) if r.unit == "yuan" else \
        (lambda x: t("review.units", lang, n=num(x, lang)))
    what = (t(f"review.what.{r.kind}", lang, subject=r.subject, label=_label(r, lang), start=r.start, end=r.end))
    fest = "、".join(t(f"plan.festival.{k}", lang) for k in r.festivals) if lang == "zh" else \
        ", ".join(t(f"plan.festival.{k}", lang) for k in r.festivals)
    lines = [what,
             t("review.sentence.outcome", lang, observed=amount(f["observed"]), baseline=amount(f["baseline"]),
               comparison=t(f"review.comparison.{r.comparison}", lang), incremental=amount(f["incremental"]),
               lift=pct(f["lift"], lang, 1) if f["lift"] is not None else "—")]
    if r.festivals:
        lines.append(t("review.sentence.festivals", lang, festivals=fest))
    if f["dip"] is not None:
        key = "review.sentence.dip" if f["dip"] >= 0 else "review.sentence.no_dip"
        lines.append(t(key, lang, weeks=f["after_weeks"], dip=amount(abs(f["dip"])), net=amount(f["net"])))
    show = (lambda x: pct(x, lang, 1)) if p["metric"] == "sales_lift" else (lambda x: num(x, lang))
    if p["p10"] is not None:
        lines.append(t("review.sentence.prediction", lang, metric=t(f"review.metric.{p['metric']}", lang),
                       lo=show(p["p10"]), hi=show(p["p90"]), actual=show(p["actual"]),
                       verdict=t("review.within" if p["within"] else "review.outside", lang)))
    else:
        lines.append(t("review.sentence.no_prediction", lang, metric=t(f"review.metric.{p['metric']}", lang)))
    if record["scored"]:
        lines.append(t("review.sentence.record", lang, scored=record["scored"], within=record["within"]))
    return lines


def _label(r: Review, lang: str) -> str:
    if r.kind == "campaign":
        from ..model import TYPES

        return TYPES[r.label].name(lang) if r.label in TYPES else r.label
    return r.label
