"""Measured figures as simulator defaults: response rates of past campaigns and the deal effects of the log.

``response_rates.calibrate`` gives the tables of the Data page; the simulator needs one number
for the segments a user picked, pooled over those segments (responders / targeted of the
targeted customers of every campaign of that type, each customer in the segment it was in
the day before the campaign started), with the Beta interval and the text of a badge.
``deal_effects`` reads what ``customers.deals`` measures from the store; ``offers`` turns the
measured figures into parameter values (shrunk toward the defaults when they rest on little,
``customers.shrink``), and ``card_measurements`` gives the model card its measured column.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import pandas as pd

from .. import store
from ..errors import InputError
from ..i18n import t
from ..model import TYPES, make_campaign, match_param
from . import deals, shrink
from .response_rates import LEVEL, beta_interval, segments_at_start
from .rules import make_rules

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
    from ..model import TYPES

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


# --- deal effects -------------------------------------------------------------------------------

def stages(con, rules: dict | None = None) -> pd.DataFrame:
    """customer_id, since, segment: each customer's stage at the first of every quarter of the log (``--by
    segment`` puts a sale in the stage its customer was in when the quarter began)."""
    first, last, *_ = store.log_span(con)
    rules = make_rules(rules if rules is not None else store.get_segment_rules(con))
    parts = []
    for since in deals.stage_periods(first, last):
        try:
            rfm = store.rfm(con, since - timedelta(days=1), rules=rules)
        except InputError:  # nobody had bought yet
            continue
        parts.append(pd.DataFrame({"customer_id": rfm["customer_id"], "since": since, "segment": rfm["segment"]}))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["customer_id", "since", "segment"])


def deal_data(con, by: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(product weeks, deal buyers) of the log, grouped ``by`` category, store or segment (one group 'all' without)."""
    if by is not None and by not in store.GROUPS:
        raise InputError(f"--by must be one of {', '.join(store.GROUPS)}, not '{by}'.",
                         f"--by 只能是 {', '.join(store.GROUPS)} 之一，而不是「{by}」。", field="by")
    if store.transaction_summary(con)["rows"] == 0:
        raise InputError("There are no transactions yet: import a line-item log first.",
                         "还没有交易数据：请先导入交易明细。", field="transactions")
    st = stages(con) if by == "segment" else None
    return store.product_weeks(con, by, st), store.deal_buyers(con, deals.WEEKS_BEFORE, by, st)


def deal_effects(con, by: str | None = None):
    """The measured deal effects (``deals.Effects``), or with ``by`` a dict group → Effects (or the InputError that
    says why a group cannot be measured)."""
    rows, buyers = deal_data(con, by)
    return deals.measure(rows, buyers) if by is None else deals.measure_groups(rows, buyers)


def pooled(rows: pd.DataFrame, buyers: pd.DataFrame, groups) -> deals.Effects | None:
    """The effects measured over several groups together (the segments a user picked), None if nothing to measure."""
    groups = [str(g) for g in groups]
    r = rows[rows["group"].astype(str).isin(groups)]
    b = buyers[buyers["group"].astype(str).isin(groups)]
    if r.empty:
        return None
    r = r.groupby(["product", "week"], as_index=False)[["units", "deal_units", "list", "deal_list", "discount"]].sum()
    b = b.groupby("customer", as_index=False)[["deal_units", "subsidised_units"]].sum()
    try:
        return deals.measure(r.assign(group="pooled"), b.assign(group="pooled"))
    except InputError:
        return None


def coupon_regulars(con) -> dict | None:
    """Redeemers of past coupon campaigns who had bought in the ``deals.WEEKS_BEFORE`` weeks before: the coupon's
    subsidised share, per channel where the targets file named one; None without coupon history."""
    df = store.coupon_redeemers(con, deals.WEEKS_BEFORE)
    if df.empty or df["redeemers"].sum() == 0:
        return None
    k, n = int(df["regulars"].sum()), int(df["redeemers"].sum())
    return {"share": k / n, "interval": list(beta_interval(k, n)), "redeemers": n, "regulars": k,
            "campaigns": len(df), "rows": df.to_dict("records")}


def _params_of(type_key: str) -> dict:
    return {p.key: p for p in TYPES[type_key].params}


def offers(type_key: str, chosen, segments, effects: deals.Effects | None, coupon: dict | None, params: dict,
           settings: dict, lang: str = "en") -> dict:
    """param → measured offer for the simulator: ``value`` (shrunk toward the default when it rests on little),
    ``raw`` (as measured), ``n`` and ``kind`` (what it rests on), ``few`` (flag), ``interval``, ``share`` (the
    measured subsidised share a parameter was solved from) and ``badge``.

    Discount: ``elasticity`` and ``dip`` (pull-forward share) from the deal effects, ``new_buyer_rate`` solved so
    the simulated subsidised share equals the measured one. Coupon: ``regulars_ratio`` from the share of
    redeemers who had bought before.
    """
    spec = _params_of(type_key)
    out = {}

    def add(param, raw, n, kind, interval, share=None):
        if param not in spec or raw is None:
            return
        p = spec[param]
        value = min(max(shrink.toward(raw, n, float(p.default), kind), p.lo), p.hi)
        out[param] = {"param": param, "value": value, "raw": raw, "n": int(n), "kind": kind, "few": shrink.few(n, kind),
                      "interval": interval, "share": share, "badge": t(f"data.badge.{kind}", lang, n=f"{int(n):,}")}

    if type_key == "discount" and effects is not None:
        e, d = effects.elasticity, effects.dip
        add("elasticity", e["estimate"], e["product_weeks"], "product_weeks", [e["p10"], e["p90"]])
        if d["measurable"]:
            add("dip", d["estimate"], effects.info.get("deals", 0), "deals", [d["p10"], d["p90"]])
        share = effects.subsidised_share
        if share["estimate"] is not None:
            add("new_buyer_rate", _solve(type_key, chosen, segments, "new_buyer_rate", share["estimate"], params,
                                         settings), share["customers"], "customers", None, share["estimate"])
    if type_key == "coupon" and coupon is not None:
        add("regulars_ratio", _solve(type_key, chosen, segments, "regulars_ratio", coupon["share"], params, settings),
            coupon["redeemers"], "customers", None, coupon["share"])
    return out


def _solve(type_key, chosen, segments, param, share, params, settings) -> float | None:
    if param not in _params_of(type_key):
        return None
    try:
        campaign = make_campaign(type_key, list(chosen), {**params, param: _params_of(type_key)[param].default},
                                 **settings)
    except InputError:
        return None
    return match_param(campaign, segments, param, "subsidised_share", share)


def card_measurements(con, lang: str = "en") -> dict:
    """benchmark key → {"value", "n", "note"}: the measured counterparts of the model card's published figures, for
    the card to show side by side. price_cut_20: the units lift at 20% off from the fitted elasticity; bump_dip: the
    dip as a share of the extra units; subsidised_share: discounted units bought by full-price buyers; coupon_<channel>
    (or coupon_all when the targets named no channel): redemption of past coupon campaigns. Keys without data are
    left out."""
    out = {}
    try:
        effects = deal_effects(con)
    except InputError:
        effects = None
    if effects is not None:
        e, d, s = effects.elasticity, effects.dip, effects.subsidised_share
        if e["estimate"] is not None:
            out["price_cut_20"] = {"value": effects.lift_at(0.2), "n": e["product_weeks"],
                                   "note": t("data.card.price_cut_20", lang, e=e["estimate"], lo=e["p10"], hi=e["p90"])}
        if d["estimate"] is not None:
            out["bump_dip"] = {"value": d["estimate"], "n": effects.info.get("deals", 0),
                               "note": t("data.card.dip." + ("ok" if d["measurable"] else "noise"), lang)}
        if s["estimate"] is not None:
            out["subsidised_share"] = {"value": s["estimate"], "n": s["customers"],
                                       "note": t("data.card.subsidised", lang)}
    for r in _coupon_rates(con):
        out[f"coupon_{r['channel']}"] = {"value": r["rate"], "n": r["targeted"],
                                         "note": t("data.card.coupon", lang, campaigns=r["campaigns"])}
    return out


def _coupon_rates(con) -> list[dict]:
    df = store.coupon_redeemers(con, deals.WEEKS_BEFORE)
    if df.empty:
        return []
    df = df.assign(channel=df["channel"].map(_channel_key).fillna("all"))
    g = df.groupby("channel").agg(targeted=("targeted", "sum"), redeemers=("redeemers", "sum"),
                                  campaigns=("campaign_id", "count")).reset_index()
    return [{"channel": r.channel, "rate": r.redeemers / r.targeted, "targeted": int(r.targeted),
             "campaigns": int(r.campaigns)} for r in g.itertuples() if r.targeted]


def _channel_key(text) -> str | None:
    """A channel as written in a targets file (短信, WeChat, 店内派发 …) → the model's channel key, None if unknown."""
    if not isinstance(text, str) or not text.strip():
        return None
    from ..model import TYPES

    low = text.strip().lower()
    for c in TYPES["coupon"].param("channel").choices:
        if low in (c.key, c.en.lower(), c.zh.lower()) or low in c.zh.lower().split("/"):
            return c.key
    return None


__all__ = ["targeted", "calibrated_param", "stages", "deal_data", "deal_effects", "pooled", "coupon_regulars", "offers",
           "card_measurements"]
