"""Response rates measured on past campaigns, with Beta posterior intervals, as defaults for the simulator.

A rate counts targeted customers (holdout left out) who responded inside the campaign
window. The interval is the central 90% of Beta(1 + responders, 1 + non-responders):
the posterior under a uniform prior. Segments are those of each customer as of the day
before the campaign started, by the current segment rules.
"""
from __future__ import annotations

from datetime import timedelta

import pandas as pd

from .. import store
from ..errors import InputError
from .rules import make_rules

LEVEL = 0.9


def beta_interval(responders: int, n: int, level: float = LEVEL) -> tuple[float, float]:
    """Central ``level`` interval of the Beta(1 + k, 1 + n − k) posterior."""
    a, b = 1 + responders, 1 + n - responders
    from scipy.special import betaincinv  # here: 0.3 s of import that measure-deals does without

    lo, hi = betaincinv(a, b, [(1 - level) / 2, (1 + level) / 2])  # the Beta quantiles (scipy.stats: +0.5 s import)
    return float(lo), float(hi)


def _rates(df: pd.DataFrame, keys: list[str]) -> list[dict]:
    g = df.groupby(keys, sort=True).agg(targeted=("responded", "size"), responders=("responded", "sum"),
                                        campaigns=("campaign_id", "nunique")).reset_index()
    rows = []
    for r in g.to_dict("records"):
        n, k = int(r["targeted"]), int(r["responders"])
        rows.append({**r, "targeted": n, "responders": k, "campaigns": int(r["campaigns"]),
                     "rate": k / n if n else None, "interval": list(beta_interval(k, n))})
    return rows


def segments_at_start(con, starts, rules: dict | None = None) -> pd.DataFrame:
    """customer_id, start_date, segment: each customer's stage the day before each start (prospects if no purchase
    yet)."""
    rules = make_rules(rules if rules is not None else store.get_segment_rules(con))
    if store.transaction_summary(con)["rows"] == 0:
        return pd.DataFrame(columns=["customer_id", "start_date", "segment"])
    parts = []
    for start in sorted(set(starts)):
        rfm = store.rfm(con, start - timedelta(days=1), rules=rules)
        parts.append(pd.DataFrame({"customer_id": rfm["customer_id"], "start_date": start,
                                   "segment": rfm["segment"].astype(object)}))
    return pd.concat(parts, ignore_index=True)


def calibrate(con, rules: dict | None = None) -> dict:
    """Per campaign and per promotion type × segment: targeted, responders, rate and its 90% interval."""
    out = store.outcomes(con)
    if out.empty:
        raise InputError("There is no campaign history yet: import targets and responses first.",
                         "还没有活动记录：请先导入目标客户和响应数据。", field="campaigns")
    has_log = store.transaction_summary(con)["rows"] > 0
    seg = segments_at_start(con, out["start_date"].unique(), rules)
    out = out.merge(seg, on=["customer_id", "start_date"], how="left")
    out["segment"] = out["segment"].fillna("prospects" if has_log else "unknown")
    targeted = out[~out["holdout"]]
    return {"level": LEVEL, "campaigns": _rates(targeted, ["campaign_id", "promo_type"]),
            "by_type_segment": _rates(targeted, ["promo_type", "segment"]), **store.response_exclusions(con)}


def calibrated_defaults(con, rules: dict | None = None) -> dict:
    """(promo type, segment) → measured rate, interval, the parameter it stands for and where it comes from."""
    from ..model import TYPES  # here: measure-deals reads this module without the model

    out = {}
    for r in calibrate(con, rules)["by_type_segment"]:
        n_c, n = r["campaigns"], r["targeted"]
        out[(r["promo_type"], r["segment"])] = {
            "param": TYPES[r["promo_type"]].response_param if r["promo_type"] in TYPES else None, "rate": r["rate"],
            "interval": r["interval"],
            "campaigns": n_c, "customers": n, "responders": r["responders"],
            "badge_en": f"measured: {n_c} campaign{'s' if n_c != 1 else ''}, {n:,} customers",
            "badge_zh": f"实测：{n_c} 次活动，{n:,} 位客户"}
    return out
