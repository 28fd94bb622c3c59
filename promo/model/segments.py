"""Customer segments are data: a default table shipped as JSON, edited by users, derived from their log."""
from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from ..errors import InputError, unknown
from .types import TYPE_KEYS

STAGES = ("prospects", "new", "active", "vip", "half_dormant", "dormant", "churned")
WAKE_STAGES = ("half_dormant", "dormant", "churned")  # incremental buyers here are reactivations

@dataclass(frozen=True)
class Field:
    """A numeric segment field with its range and help."""

    key: str
    zh: str
    en: str
    unit: str
    lo: float
    hi: float
    help_zh: str
    help_en: str

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def help(self, lang: str) -> str:
        return self.help_zh if lang == "zh" else self.help_en


FIELDS = {f.key: f for f in (
    Field("size", "人数", "Size", "people", 0.0, 1e9, "客群人数。", "Number of customers in the segment."),
    Field("p_week", "周购买概率", "Weekly purchase probability", "share", 0.0, 1.0,
          "无促销时每周至少购买一次的概率。", "Chance of buying at least once in a week without a promotion."),
    Field("aov", "客单价", "Average order value", "yuan", 0.01, 1e6, "平均每单金额。", "Average value of one order."),
    Field("margin", "毛利率", "Gross margin", "share", 0.0, 0.99,
          "扣除商品成本后的毛利比例。", "Share of revenue left after cost of goods."),
    Field("deal_sensitivity", "促销敏感度", "Deal sensitivity", "ratio", 0.0, 5.0,
          "对优惠的反应强度，1 = 一般。", "How strongly the segment reacts to offers; 1 = typical."),
    Field("retention", "年留存率", "Yearly retention", "share", 0.0, 0.99,
          "一年后仍在购买的比例。", "Share still buying a year later."),
)}
AFFINITY_RANGE = (0.0, 5.0)


@dataclass(frozen=True)
class Segment:
    key: str
    zh: str
    en: str
    size: float
    p_week: float
    aov: float
    margin: float
    deal_sensitivity: float
    retention: float
    affinity: dict = field(default_factory=dict, hash=False)

    @property
    def stage(self) -> str:
        """Lifecycle stage the model uses (reactivation, acquisition); unknown keys act as active."""
        return self.key if self.key in STAGES else "active"

    def name(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def to_dict(self) -> dict:
        return asdict(self)


_DEFAULT_FILE = Path(__file__).with_name("segments.json")


def _number(seg_key: str, name: str, value, lo: float, hi: float) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise InputError(f"Segment '{seg_key}': {name} must be a number from {lo:g} to {hi:g}, got '{value}'.",
                         f"客群「{seg_key}」：{name} 必须是 {lo:g} 至 {hi:g} 之间的数字，收到「{value}」。",
                         field=name) from None
    if not math.isfinite(x) or not lo <= x <= hi:
        raise InputError(f"Segment '{seg_key}': {name} = {value} is outside the allowed range {lo:g} to {hi:g}.",
                         f"客群「{seg_key}」：{name} = {value} 超出允许范围 {lo:g} 至 {hi:g}。", field=name)
    return x


def make_segment(d: dict) -> Segment:
    """Validate one segment record (as stored or edited) and build a Segment."""
    key = str(d.get("key", "")).strip()
    if not key:
        raise InputError("A segment needs a key.", "客群需要一个代码（key）。", field="key")
    values = {f: _number(key, f, d.get(f), spec.lo, spec.hi) for f, spec in FIELDS.items()}
    raw_aff = d.get("affinity") or {}
    for t in raw_aff:
        if t not in TYPE_KEYS:
            raise unknown("promotion type", "促销类型", t, TYPE_KEYS, field="affinity")
    affinity = {t: _number(key, f"affinity.{t}", raw_aff.get(t, 1.0), *AFFINITY_RANGE) for t in TYPE_KEYS}
    return Segment(key=key, zh=str(d.get("zh") or key), en=str(d.get("en") or key), affinity=affinity, **values)


def default_segments() -> tuple[Segment, ...]:
    data = json.loads(_DEFAULT_FILE.read_text(encoding="utf-8"))
    return tuple(make_segment(d) for d in data["segments"])


DEFAULT_SOURCE = json.loads(_DEFAULT_FILE.read_text(encoding="utf-8"))["source"]


def pick(segments, keys) -> tuple[Segment, ...]:
    """The segments named by ``keys`` in that order; an unknown key is an InputError."""
    by_key = {s.key: s for s in segments}
    out = []
    for k in keys:
        if k not in by_key:
            raise unknown("segment", "客群", k, list(by_key), field="segment")
        out.append(by_key[k])
    if not out:
        raise InputError("Choose at least one segment.", "请至少选择一个客群。", field="segment")
    return tuple(out)


def with_changes(seg: Segment, **changes) -> Segment:
    return make_segment({**seg.to_dict(), **changes})


__all__ = ["Segment", "make_segment", "default_segments", "pick", "with_changes", "FIELDS", "STAGES",
           "WAKE_STAGES", "DEFAULT_SOURCE", "replace"]
