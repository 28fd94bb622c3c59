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
from ..model.segments import Segment, with_changes
from . import shrink
from .rules import RULES, make_rules  # noqa: F401 (RULES: the Data page's rule inputs)

DATA_STAGES = ("new", "active", "vip", "half_dormant", "dormant", "churned")
HORIZON_WEEKS = 13


def classify(rfm: pd.DataFrame, rules: dict) -> tuple[np.ndarray, float]:
    """Stage of each customer of an RFM frame (``store.rfm``) and the yearly spend a VIP needs.

    VIPs are the top ``vip_top_share`` by spend in the last 365 days among customers who are
    awake, past the new stage and have at least ``vip_min_frequency`` repeat purchase days.
    The rules run as SQL in the store (``store.rfm(…, rules=…)`` gives the stages with the RFM).
    """
    return store.classify(rfm, make_rules(rules))


def customer_segments(con, rules: dict | None = None, as_of=None) -> pd.DataFrame:
    """RFM per customer plus its ``segment``; ``attrs`` has observation_end and vip_min_spend."""
    rules = make_rules(rules if rules is not None else store.get_segment_rules(con))
    df = store.rfm(con, as_of, rules=rules)
    df.attrs["rules"] = rules
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
    before = store.rfm(con, start, rules=info["rules"])
    past = pd.DataFrame({"customer_id": before["customer_id"], "stage": before["segment"]})
    past = past.merge(store.purchase_weeks(con, start, horizon_weeks), on="customer_id",
                      how="left").fillna({"weeks": 0})
    year = store.daily_values(con, end - timedelta(days=365), end)
    now = now.merge(year, on="customer_id", how="left").fillna({"days": 0, "value": 0.0})
    rows = []
    for s in DATA_STAGES:
        m, p = now[now["segment"] == s], past[past["stage"] == s]
        days = m["days"].sum()
        orders = days if days else (m["frequency"] + 1).sum()
        aov = m["value"].sum() / days if days else (m["spend"].sum() / orders if len(m) else np.nan)
        rows.append({"segment": s, "size": len(m),
                     "p_week": p["weeks"].sum() / (len(p) * horizon_weeks) if len(p) else np.nan,
                     "p_week_basis": len(p), "aov": aov, "aov_basis": int(orders),
                     "spend_per_customer": m["spend_year"].mean() if len(m) else 0.0, "value": m["spend_year"].sum()})
    out = pd.DataFrame(rows)
    out.attrs.update(info, horizon_weeks=horizon_weeks, measured_from=start)
    return out


def segments_from(measured: pd.DataFrame, base) -> tuple[Segment, ...]:
    """``base`` segments with size, p_week and AOV replaced by the measured ones (affinity, margin etc. kept).

    A stage without customers keeps size 0; a figure that could not be measured keeps the base value. A
    measured figure resting on few customers is pulled toward the shipped default of its segment (``shrink``:
    the weekly probability as if the default were worth 20 customers, the order value as if it were worth 20
    purchases); toward the default, not the current value, so that using the same measurement twice changes
    nothing the second time.
    """
    from ..model.segments import default_segments

    by = measured.set_index("segment")
    prior = {s.key: s for s in default_segments()}
    out = []
    for seg in base:
        if seg.key not in by.index:
            out.append(seg)
            continue
        m, d = by.loc[seg.key], prior.get(seg.key, seg)
        changes = {"size": float(m["size"])}
        if pd.notna(m["p_week"]):
            p_week = shrink.toward(float(m["p_week"]), int(m["p_week_basis"]), d.p_week, "customers")
            changes["p_week"] = float(min(max(p_week, 0.0), 1.0))
        if pd.notna(m["aov"]) and m["aov"] >= 0.01:
            changes["aov"] = float(shrink.toward(float(m["aov"]), int(m["aov_basis"]), d.aov, "purchase_days"))
        out.append(with_changes(seg, **changes))
    return tuple(out)


PREVIEW = ("size", "p_week", "aov")


def preview(measured: pd.DataFrame, current) -> list[dict]:
    """What using the measured segments changes, per stage that was measured: current and new values of
    ``PREVIEW``, the customers the weekly probability rests on, whether that is few (and so pulled toward the
    default) and whether anything changes."""
    new = segments_from(measured, current)
    by = measured.set_index("segment")
    rows = []
    for old, nw in zip(current, new, strict=True):
        if old.key not in by.index:
            continue
        basis = int(by.loc[old.key, "p_week_basis"])
        rows.append({"segment": old.key, "current": {f: getattr(old, f) for f in PREVIEW},
                     "new": {f: getattr(nw, f) for f in PREVIEW}, "basis": basis, "few": shrink.few(basis),
                     "changed": any(abs(getattr(old, f) - getattr(nw, f)) > 1e-9 for f in PREVIEW)})
    return rows


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
