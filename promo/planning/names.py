"""Plan items in words, e.g. "优惠券 · 活跃老客 · 第 1 周 · 面额 ¥10", for every place a person reads them (the
calendar, the partner view, reports, the optimizer's output); ids such as ``coupon-active-w01-mid`` stay keys."""
from __future__ import annotations

from .. import fmt
from ..i18n import t, unit
from ..model.types import TYPES


def key_params(type_key: str) -> tuple[str, ...]:
    """The parameters that say what an item of this type is (the registry's ``key_params``; the first is the one the
    optimizer's levels vary), else its first parameter."""
    ptype = TYPES[type_key]
    return tuple(ptype.key_params) or (ptype.params[0].key,)


def param_text(type_key: str, key: str, value, lang: str, cur: str = "¥") -> str:
    """One parameter with its value in the reader's words: "面额 ¥10", "Discount depth 15%", "有效期 4 周"."""
    p = TYPES[type_key].param(key)
    if p.is_choice:
        choice = next((c for c in p.choices if c.key == value), None)
        shown = (choice.zh if lang == "zh" else choice.en) if choice else str(value)
        return f"{p.label(lang)} {shown}"
    kind = fmt.kind_of(p.unit)
    shown = fmt.value(value, kind, lang, cur)
    suffix = unit(p.unit, lang, cur) if kind in ("count", "quantity") else ""
    return f"{p.label(lang)} {shown}" + (f" {suffix}" if suffix else "")


def params_text(item, lang: str, cur: str = "¥") -> str:
    """Every key parameter of an item: "赠品单位成本 ¥8 · 感知价值 ¥20"."""
    return " · ".join(param_text(item.type, k, item.campaign.params[k], lang, cur) for k in key_params(item.type))


def item_name(item, segments, lang: str, cur: str = "¥") -> str:
    """Type · segments · start week · the parameter the levels vary, in ``lang``."""
    names = {s.key: s.name(lang) for s in segments}
    first = key_params(item.type)[0]
    return " · ".join((TYPES[item.type].name(lang), " + ".join(names.get(k, k) for k in item.segments),
                       t("plan.name.week", lang, week=item.start_week),
                       param_text(item.type, first, item.campaign.params[first], lang, cur)))


def item_names(items, segments, lang: str, cur: str = "¥") -> dict[str, str]:
    """Item id → name; two items that would read the same get their id added, so a list never repeats a name."""
    names = {it.id: item_name(it, segments, lang, cur) for it in items}
    seen: dict[str, int] = {}
    for n in names.values():
        seen[n] = seen.get(n, 0) + 1
    return {i: (f"{n} ({i})" if seen[n] > 1 else n) for i, n in names.items()}


__all__ = ["item_name", "item_names", "key_params", "param_text", "params_text"]
