"""Segment rules: put each customer into a lifecycle stage from recency, frequency and spend, and measure the stages.

The rules are a small dict of thresholds the user sees and edits; the first rule that
matches wins, in this order: churned, dormant, half-dormant (by days since the last
purchase), new (by days since the first), VIP (top spenders of the last year who buy
often), otherwise active.
"""
from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd

from .. import store
from ..errors import InputError, unknown
from ..model.segments import Segment, with_changes

# name: (default, lo, hi, zh, en)
RULES = {
    "half_dormant_days": (90, 1, 3650, "超过多少天未购买算半睡", "Days without a purchase before half-dormant"),
    "dormant_days": (180, 1, 3650, "超过多少天未购买算沉睡", "Days without a purchase before dormant"),
    "churned_days": (365, 1, 3650, "超过多少天未购买算流失", "Days without a purchase before churned"),
    "new_days": (90, 0, 3650, "首次购买在多少天内算新客", "Days since the first purchase to count as new"),
    "vip_min_frequency": (4, 0, 10000, "大客户最少复购天数", "Fewest repeat purchase days of a VIP"),
    "vip_top_share": (0.10, 0.0, 1.0, "大客户占比（按近一年消费排名）", "Share of top spenders (last 365 days) that are VIP"),
}
DATA_STAGES = ("new", "active", "vip", "half_dormant", "dormant", "churned")
HORIZON_WEEKS = 13


def make_rules(d: dict | None = None) -> dict:
    """Validated rules: defaults for missing keys, did-you-mean for unknown ones, thresholds in order."""
    d = dict(d or {})
    for k in d:
        if k not in RULES:
            raise unknown("segment rule", "分群规则", k, list(RULES), field=k)
    out = {}
    for k, (default, lo, hi, zh, en) in RULES.items():
        v = d.get(k, default)
        try:
            x = float(v)
        except (TypeError, ValueError):
            raise InputError(f"Rule '{en}' must be a number, got '{v}'.", f"规则「{zh}」必须是数字，收到「{v}」。",
                             field=k) from None
        if not lo <= x <= hi:
            raise InputError(f"Rule '{en}' = {v} is outside {lo:g} to {hi:g}.", f"规则「{zh}」= {v} 超出 {lo:g} 至 {hi:g}。",
                             field=k)
        out[k] = x if isinstance(default, float) else int(round(x))
    if not out["half_dormant_days"] < out["dormant_days"] < out["churned_days"]:
        raise InputError("Days before half-dormant < dormant < churned must rise: e.g. 90, 180, 365.",
                         "半睡 < 沉睡 < 流失 的天数必须依次增大，例如 90、180、365。", field="dormant_days")
    return out


def classify(rfm: pd.DataFrame, rules: dict) -> tuple[np.ndarray, float]:
    """Stage of each customer of an RFM frame (``store.rfm``) and the yearly spend a VIP needs.

    VIPs are the top ``vip_top_share`` by spend in the last 365 days among customers who are
    awake, past the new stage and have at least ``vip_min_frequency`` repeat purchase days.
    """
    r = make_rules(rules)
    since, age = rfm["days_since_last"].to_numpy(), rfm["T"].to_numpy()
    freq, spend = rfm["frequency"].to_numpy(), rfm["spend_year"].to_numpy()
    often = freq >= r["vip_min_frequency"]
    pool = spend[(since <= r["half_dormant_days"]) & (age > r["new_days"]) & often]
    vip_min = float(np.quantile(pool, 1 - r["vip_top_share"])) if len(pool) and r["vip_top_share"] > 0 else np.inf
    stage = np.select(
        [since > r["churned_days"], since > r["dormant_days"], since > r["half_dormant_days"], age <= r["new_days"],
         often & (spend >= vip_min) & (spend > 0)],
        ["churned", "dormant", "half_dormant", "new", "vip"], default="active")
    return stage, vip_min


def customer_segments(con, rules: dict | None = None, as_of=None) -> pd.DataFrame:
    """RFM per customer plus its ``segment``; ``attrs`` has observation_end and vip_min_spend."""
    rules = make_rules(rules if rules is not None else store.get_segment_rules(con))
    df = store.rfm(con, as_of)
    stage, vip_min = classify(df, rules)
    df["segment"] = stage
    df.attrs.update(vip_min_spend=vip_min, rules=rules)
    return df


def measure(con, rules: dict | None = None, as_of=None, horizon_weeks: int = HORIZON_WEEKS) -> pd.DataFrame:
    """Per stage: size, weekly purchase probability, average order value, yearly spend per customer.

    The weekly probability is measured forward, as the simulator uses it: customers are put
    into stages as of ``horizon_weeks`` weeks before the end, and the share of their weeks
    with a purchase over the following ``horizon_weeks`` weeks is counted (measuring the
    last weeks of today's stages would give dormant customers 0 by definition). An order is
    a customer's purchase day (the RFM convention); its value is the day's total.
    """
    now = customer_segments(con, rules, as_of)
    info = dict(now.attrs)
    end = info["observation_end"]
    start = end - timedelta(weeks=horizon_weeks)
    before = store.rfm(con, start)
    past = pd.DataFrame({"customer_id": before["customer_id"], "stage": classify(before, info["rules"])[0]})
    past = past.merge(store.purchase_weeks(con, start, horizon_weeks), on="customer_id", how="left").fillna({"weeks": 0})
    year = store.daily_values(con, end - timedelta(days=365), end)
    now = now.merge(year, on="customer_id", how="left").fillna({"days": 0, "value": 0.0})
    rows = []
    for s in DATA_STAGES:
        m, p = now[now["segment"] == s], past[past["stage"] == s]
        days = m["days"].sum()
        aov = m["value"].sum() / days if days else (m["spend"].sum() / (m["frequency"] + 1).sum() if len(m) else np.nan)
        rows.append({"segment": s, "size": len(m), "p_week": p["weeks"].sum() / (len(p) * horizon_weeks) if len(p) else np.nan,
                     "p_week_basis": len(p), "aov": aov, "spend_per_customer": m["spend_year"].mean() if len(m) else 0.0,
                     "value": m["spend_year"].sum()})
    out = pd.DataFrame(rows)
    out.attrs.update(info, horizon_weeks=horizon_weeks, measured_from=start)
    return out


def segments_from(measured: pd.DataFrame, base) -> tuple[Segment, ...]:
    """``base`` segments with size, p_week and AOV replaced by the measured ones (affinity, margin etc. kept).

    A stage without customers keeps size 0; a figure that could not be measured keeps the base value.
    """
    by = measured.set_index("segment")
    out = []
    for seg in base:
        if seg.key not in by.index:
            out.append(seg)
            continue
        m = by.loc[seg.key]
        changes = {"size": float(m["size"])}
        if pd.notna(m["p_week"]):
            changes["p_week"] = float(min(max(m["p_week"], 0.0), 1.0))
        if pd.notna(m["aov"]) and m["aov"] >= 0.01:
            changes["aov"] = float(m["aov"])
        out.append(with_changes(seg, **changes))
    return tuple(out)


RECENCY_BINS = (0, 30, 90, 180, 365, np.inf)  # days since the last purchase
FREQUENCY_BINS = (0, 1, 2, 4, 8, 16, np.inf)  # repeat purchase days


def rf_grid(rfm: pd.DataFrame) -> pd.DataFrame:
    """Customers by days since the last purchase (rows) × repeat purchase days (columns), for the R×F heatmap."""
    def label(bins, i):
        lo, hi = bins[i], bins[i + 1]
        return f"{lo:g}+" if np.isinf(hi) else (f"{lo:g}" if hi - lo == 1 else f"{lo:g}–{hi - 1:g}")
    r = pd.cut(rfm["days_since_last"], RECENCY_BINS, right=False,
               labels=[label(RECENCY_BINS, i) for i in range(len(RECENCY_BINS) - 1)])
    f = pd.cut(rfm["frequency"], FREQUENCY_BINS, right=False,
               labels=[label(FREQUENCY_BINS, i) for i in range(len(FREQUENCY_BINS) - 1)])
    return pd.crosstab(r, f, dropna=False).rename_axis(index="days_since_last", columns="frequency")
