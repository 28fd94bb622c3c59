"""Readout of a finished campaign: targeted versus holdout, uplift with a 90% interval, profit, plan versus actual.

Response uplift uses the two Beta posteriors (uniform prior) and reads the interval off
their difference by seeded Monte Carlo; spend uplift uses the difference of means with a
normal (Welch) interval. Spend is what customers bought in the campaign window according
to the transaction log (the response values when no log is loaded).
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .. import store
from ..errors import InputError, unknown
from .response_rates import LEVEL, beta_interval, segments_at_start

Z = 1.6448536269514722  # standard normal quantile for a central 90% interval


def rate_uplift(k_t: int, n_t: int, k_h: int, n_h: int, level: float = LEVEL, draws: int = 200_000,
                seed: int = 0) -> tuple[float, float, float]:
    """(observed uplift, lo, hi) of the response rate, targeted minus holdout."""
    rng = np.random.default_rng(seed)
    d = rng.beta(1 + k_t, 1 + n_t - k_t, draws) - rng.beta(1 + k_h, 1 + n_h - k_h, draws)
    lo, hi = np.quantile(d, [(1 - level) / 2, (1 + level) / 2])
    return k_t / n_t - k_h / n_h, float(lo), float(hi)


def mean_uplift(x_t, x_h) -> tuple[float, float, float]:
    """(difference of means, lo, hi) with a normal interval on the Welch standard error."""
    x_t, x_h = np.asarray(x_t, float), np.asarray(x_h, float)
    diff = x_t.mean() - x_h.mean()
    se = math.sqrt(x_t.var(ddof=1) / len(x_t) + x_h.var(ddof=1) / len(x_h)) if min(len(x_t), len(x_h)) > 1 else math.nan
    return float(diff), float(diff - Z * se), float(diff + Z * se)


def _margin(con, out) -> float:
    """Margin of the targeted customers: their segments' margins (as of the start) weighted by head count."""
    margins = {s.key: s.margin for s in store.load_segments(con)}
    default = store.get_settings(con)["default_margin"]
    seg = segments_at_start(con, out["start_date"].unique())
    segs = out.merge(seg, on=["customer_id", "start_date"], how="left")["segment"].fillna("prospects")
    return float(np.mean([margins.get(s, default) for s in segs])) if len(segs) else default


def _plan(summary: dict, actual: dict) -> list[dict]:
    """Forecast next to actual for the figures both have."""
    profit = summary.get("profit") or {}
    rows = [{"metric": "participants", "forecast": summary.get("participants"), "actual": actual["responders"]},
            {"metric": "incremental_revenue", "forecast": summary.get("incremental_revenue"),
             "actual": actual["incremental_revenue"]},
            {"metric": "profit", "forecast": profit.get("mean"), "p10": profit.get("p10"), "p50": profit.get("p50"),
             "p90": profit.get("p90"), "actual": actual["incremental_profit"]}]
    for r in rows:
        if r.get("p10") is not None and r["actual"] is not None:
            r["within_p10_p90"] = bool(r["p10"] <= r["actual"] <= r["p90"])
    return rows


def readout(con, campaign_id: str, scenario_id: int | None = None, cost: float | None = None, seed: int = 0) -> dict:
    """Everything the readout page and ``python -m promo readout`` show for one campaign."""
    out = store.outcomes(con, str(campaign_id))
    if out.empty:
        raise unknown("campaign", "活动", campaign_id, store.campaign_list(con)["campaign_id"].tolist(),
                      field="campaign")
    scenario = None
    if scenario_id is not None:
        scenario = store.get_scenario(con, int(scenario_id))
        if scenario is None:
            ids = [s["id"] for s in store.list_scenarios(con)]
            if not ids:
                raise InputError(f"There is no saved plan {scenario_id}: "
                                 "save the campaign's plan in the simulator first.",
                                 f"没有编号为 {scenario_id} 的已保存方案：请先在模拟器中保存该活动的方案。",
                                 field="scenario")
            raise unknown("scenario id", "方案编号", scenario_id, ids, field="scenario")
    t, h = out[~out["holdout"]], out[out["holdout"]]
    has_log = store.transaction_summary(con)["rows"] > 0
    money = "spend" if has_log else "response_value"
    groups = {}
    for name, g in (("targeted", t), ("holdout", h)):
        k, n = int(g["responded"].sum()), len(g)
        groups[name] = {"customers": n, "responders": k, "rate": k / n if n else None,
                        "interval": list(beta_interval(k, n)) if n else None,
                        "spend_per_customer": float(g[money].mean()) if n else None,
                        "response_value_per_customer": float(g["response_value"].mean()) if n else None}
    first = out.iloc[0]
    day = lambda x: pd.Timestamp(x).date().isoformat()
    result = {"campaign_id": str(campaign_id), "promo_type": first["promo_type"],
              "start_date": day(first["start_date"]), "end_date": day(first["end_date"]), "level": LEVEL,
              "spend_basis": money, **groups, "responders": groups["targeted"]["responders"],
              "scenario_id": scenario_id}
    if len(t) == 0 or len(h) == 0:
        raise InputError(f"Campaign '{campaign_id}' has no {'holdout' if len(t) else 'targeted'} customers, so there "
                         "is nothing to compare: keep a holdout group (holdout = 1) to measure uplift.",
                         f"活动「{campaign_id}」没有{'对照组' if len(t) else '目标'}客户，无法比较："
                         "请保留对照组（holdout = 1）来衡量增量。",
                         field="holdout")
    r = rate_uplift(groups["targeted"]["responders"], len(t), groups["holdout"]["responders"], len(h), seed=seed)
    s = mean_uplift(t[money], h[money])
    margin = _margin(con, t)
    if cost is None and scenario is not None:
        cost, cost_basis = float(scenario["summary"]["cost"]["mean"]), "plan"
    else:
        cost_basis = "given" if cost is not None else "none"
        cost = float(cost or 0.0)
    revenue = [x * len(t) for x in s]
    profit = [x * margin - cost for x in revenue]
    result.update({
        "response_uplift": {"value": r[0], "interval": [r[1], r[2]]},
        "spend_uplift": {"value": s[0], "interval": [s[1], s[2]]},
        "incremental_revenue": revenue[0], "incremental_revenue_interval": revenue[1:],
        "margin": margin, "cost": cost, "cost_basis": cost_basis,
        "incremental_profit": profit[0], "incremental_profit_interval": profit[1:]})
    if scenario is not None:
        result["scenario_name"] = scenario["name"]
        result["plan_vs_actual"] = _plan(scenario["summary"], result)
    return result
