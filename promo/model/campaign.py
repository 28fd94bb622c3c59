"""A campaign: one promotion type with its parameters, aimed at segments, with its limits."""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

from ..errors import InputError, unknown
from .registry import Param
from .segments import Field
from .types import TYPES


@dataclass(frozen=True)
class Setting(Field):
    """A campaign-level setting: a field with a default (datasette's ``Setting`` by example)."""

    default: float = 0.0
    integer: bool = False


SETTINGS = {s.key: s for s in (
    Setting("duration_weeks", "持续周数", "Duration", "weeks", 1, 52, "活动持续的周数。", "Weeks the campaign runs.",
            default=4, integer=True),
    Setting("reach", "渠道触达率", "Channel reach", "share", 0.0, 1.0,
            "目标客群中能被告知活动的比例。", "Share of the target segment the announcement reaches.", default=0.6),
    Setting("cap_per_customer", "每人限用次数", "Redemptions per customer", "times", 1, 100,
            "每位顾客最多享受优惠的次数（会员积分按每笔订单累计，不受此限）。",
            "Most times one customer may use the offer (membership points accrue on every order regardless).",
            default=3, integer=True),
    Setting("budget_cap", "预算上限", "Budget cap", "yuan", 0.0, 1e10,
            "活动最多花费（0 = 不设上限）；达到后停止。",
            "Most the campaign may spend (0 = no cap); it stops when reached.", default=0.0),
    Setting("runs_last_52w", "近 52 周已办次数", "Runs in the last 52 weeks", "times", 0, 52,
            "同类促销过去一年办过几次，越多顾客越疲劳。",
            "How often this type ran in the past year; more runs tire customers.", default=0, integer=True),
    Setting("season", "季节系数", "Season multiplier", "ratio", 0.1, 5.0,
            "该时段需求相对平常的倍数（节日 > 1）。", "Demand in this period relative to normal (festivals > 1).",
            default=1.0),
)}


@dataclass(frozen=True)
class Campaign:
    type: str
    params: dict = field(hash=False)
    segments: tuple[str, ...]
    # defaults from SETTINGS, the one place that also gives their ranges and help
    duration_weeks: int = SETTINGS["duration_weeks"].default
    reach: float = SETTINGS["reach"].default
    cap_per_customer: int = SETTINGS["cap_per_customer"].default
    budget_cap: float = SETTINGS["budget_cap"].default  # 0 = none
    runs_last_52w: int = SETTINGS["runs_last_52w"].default
    season: float = SETTINGS["season"].default

    def to_dict(self) -> dict:
        d = asdict(self)
        d["segments"] = list(self.segments)
        return d


def _bad_range(name: str, value, lo, hi) -> InputError:
    return InputError(f"{name} = {value} is outside the allowed range {lo:g} to {hi:g}.",
                      f"{name} = {value} 超出允许范围 {lo:g} 至 {hi:g}。", field=name)


def check_number(name: str, value, lo: float, hi: float, integer: bool = False) -> float:
    """A finite number inside [lo, hi], or an InputError naming the field, the value and the range."""
    if isinstance(value, bool):
        value = int(value)
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{name} must be a number from {lo:g} to {hi:g}, got '{value}'.",
                         f"{name} 必须是 {lo:g} 至 {hi:g} 之间的数字，收到「{value}」。", field=name) from None
    if not math.isfinite(x):
        raise InputError(f"{name} must be a finite number from {lo:g} to {hi:g}, got '{value}'.",
                         f"{name} 必须是 {lo:g} 至 {hi:g} 之间的有限数字，收到「{value}」。", field=name)
    if not lo <= x <= hi:
        raise _bad_range(name, value, lo, hi)
    if integer:
        if x != int(x):
            raise InputError(f"{name} must be a whole number from {lo:g} to {hi:g}, got '{value}'.",
                             f"{name} 必须是 {lo:g} 至 {hi:g} 之间的整数，收到「{value}」。", field=name)
        return int(x)
    return x


def check_param(p: Param, value):
    if p.is_choice:
        keys = [c.key for c in p.choices]
        if value not in keys:
            raise unknown(f"value for {p.key}", f"{p.key} 取值", value, keys, field=p.key)
        return value
    return check_number(p.key, value, p.lo, p.hi)


def full_params(type_key: str, params: dict | None = None) -> dict:
    """Defaults of the type overlaid with ``params``, each checked; unknown names are errors."""
    if type_key not in TYPES:
        raise unknown("promotion type", "促销类型", type_key, list(TYPES), field="type")
    t = TYPES[type_key]
    out = t.defaults()
    for k, v in (params or {}).items():
        if k not in t.param_index:
            raise unknown(f"parameter for {type_key}", f"{t.zh}的参数", k, list(t.param_index), field=k)
        out[k] = check_param(t.param(k), v)
    if t.checks is not None:
        t.checks(out)
    return out


def make_campaign(type_key: str, segments, params: dict | None = None, **settings) -> Campaign:
    """Build a validated Campaign; every value is checked against its allowed range."""
    params = full_params(type_key, params)
    if isinstance(segments, str):
        segments = (segments,)
    segs = tuple(str(s) for s in segments)
    if not segs:
        raise InputError("Choose at least one segment.", "请至少选择一个客群。", field="segment")
    if len(set(segs)) != len(segs):
        raise InputError("A segment is listed twice.", "同一个客群被重复选择。", field="segment")
    values = {}
    for k, v in settings.items():
        if k not in SETTINGS:
            raise unknown("campaign setting", "活动设置", k, list(SETTINGS), field=k)
        spec = SETTINGS[k]
        values[k] = check_number(k, v, spec.lo, spec.hi, integer=spec.integer)
    return Campaign(type=type_key, params=params, segments=segs, **values)


def campaign_from_dict(d: dict) -> Campaign:
    """Inverse of ``Campaign.to_dict`` (saved scenarios, plan files), validated again."""
    d = dict(d)
    try:
        type_key, segs = d.pop("type"), d.pop("segments")
    except KeyError as e:
        raise InputError(f"A campaign needs '{e.args[0]}'.", f"活动缺少「{e.args[0]}」。", field=e.args[0]) from None
    return make_campaign(type_key, segs, d.pop("params", None), **d)
