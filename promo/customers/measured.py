"""Measured response rates as simulator defaults: the value for a (type, segments) choice and its badge.

``response_rates.calibrate`` gives the tables of the Data page; the simulator needs one number
for the segments a user picked, pooled over those segments (responders / targeted of the
targeted customers of every campaign of that type, each customer in the segment it was in
the day before the campaign started), with the Beta interval and the text of a badge.
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .. import store
from ..i18n import t
from ..model.types import TYPES
from .response_rates import LEVEL, beta_interval, segments_at_start

COLUMNS = ["campaign_id", "promo_type", "customer_id", "segment", "responded"]


def targeted(con, rules: dict | None = None) -> pd.DataFrame:
    """One row per targeted (not held-out) customer of every campaign, with its segment at the start.

    Empty (with the columns) when there is no campaign history.
    """
    out = store.outcomes(con)
    if out.empty:
        return pd.DataFrame(columns=COLUMNS)
    has_log = store.transaction_summary(con)["rows"] > 0
    seg = segments_at_start(con, out["start_date"].unique(), rules)
    out = out[~out["holdout"]].merge(seg, on=["customer_id", "start_date"], how="left")
    out["segment"] = out["segment"].fillna("prospects" if has_log else "unknown")
    return out[COLUMNS].reset_index(drop=True)


def calibrated_param(frame: pd.DataFrame, type_key: str, segments: Iterable[str], lang: str = "en") -> dict | None:
    """The measured default of ``type_key`` for customers in ``segments``, or None without history.

    Returns ``param`` (the parameter the rate stands for, None for types without a single
    take-up rate such as discount), ``value`` (the rate clipped to the parameter's range,
    None when ``param`` is None), ``rate``, ``interval`` (central 90% Beta), ``campaigns``,
    ``customers``, ``responders`` and ``badge`` (text in ``lang``).
    """
    segments = list(segments)
    sub = frame[(frame["promo_type"] == type_key) & frame["segment"].isin(segments)]
    if sub.empty:
        return None
    n, k = len(sub), int(sub["responded"].sum())
    c = int(sub["campaign_id"].nunique())
    rate = k / n
    param = TYPES[type_key].response_param
    value = None
    if param is not None:
        spec = next((p for p in TYPES[type_key].params if p.key == param), None)
        value = min(max(rate, spec.lo), spec.hi) if spec is not None else rate
    return {"param": param, "value": value, "rate": rate, "interval": beta_interval(k, n), "level": LEVEL,
            "campaigns": c, "customers": n, "responders": k, "segments": segments,
            "badge": t("data.badge", lang, campaigns=c, customers=f"{n:,}")}


__all__ = ["targeted", "calibrated_param"]
