"""Segment rules: the thresholds that put a customer into a lifecycle stage, as the user sees and edits them.

Kept apart from ``lifecycle`` (pandas, numpy) so that ``python -m promo rfm`` can validate them without those;
the stages themselves are computed in SQL with the RFM (``store.rfm(…, rules=…)``).
"""
from __future__ import annotations

from ..errors import InputError, unknown

# name: (default, lo, hi, zh, en)
RULES = {
    "half_dormant_days": (90, 1, 3650, "超过多少天未购买算半睡", "Days without a purchase before half-dormant"),
    "dormant_days": (180, 1, 3650, "超过多少天未购买算沉睡", "Days without a purchase before dormant"),
    "churned_days": (365, 1, 3650, "超过多少天未购买算流失", "Days without a purchase before churned"),
    "new_days": (90, 0, 3650, "首次购买在多少天内算新客", "Days since the first purchase to count as new"),
    "vip_min_frequency": (4, 0, 10000, "大客户最少复购天数", "Fewest repeat purchase days of a VIP"),
    "vip_top_share": (0.10, 0.0, 1.0, "大客户占比（按近一年消费排名）",
                      "Share of top spenders (last 365 days) that are VIP"),
}


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
            raise InputError(f"Rule '{en}' = {v} is outside {lo:g} to {hi:g}.",
                             f"规则「{zh}」= {v} 超出 {lo:g} 至 {hi:g}。", field=k)
        out[k] = x if isinstance(default, float) else round(x)
    if not out["half_dormant_days"] < out["dormant_days"] < out["churned_days"]:
        raise InputError("Days before half-dormant < dormant < churned must rise: e.g. 90, 180, 365.",
                         "半睡 < 沉睡 < 流失 的天数必须依次增大，例如 90、180、365。", field="dormant_days")
    return out
