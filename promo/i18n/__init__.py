"""Every interface text in Chinese and English: ``t(key, lang, **values)``.

Texts live in one module per area (core, app, data, plan, share), each a dict
key → (中文, English); a test checks both languages are present for every key.
"""
from __future__ import annotations

from .. import fmt
from . import app, calendar, core, data, deals, plan, share

LANGS = ("zh", "en")
TEXTS: dict[str, tuple[str, str]] = {}
for _module in (core, app, data, deals, plan, share, calendar):
    _dup = TEXTS.keys() & _module.TEXTS.keys()
    assert not _dup, f"text keys defined twice: {sorted(_dup)}"
    TEXTS.update(_module.TEXTS)


__all__ = ["LANGS", "TEXTS", "t", "unit", "warning"]


def t(key: str, lang: str, /, **values) -> str:
    """The text of ``key`` in ``lang`` with ``values`` filled in; a value given as {"zh": …, "en": …} (names in a
    model warning, say) is filled in the text's language."""
    zh, en = TEXTS[key]
    text = zh if lang == "zh" else en
    if not values:
        return text
    return text.format(**{k: v[lang] if isinstance(v, dict) and v.keys() == {"zh", "en"} else v
                          for k, v in values.items()})


def unit(code: str, lang: str, currency: str = "¥") -> str:
    """Label of a parameter unit; money shows the business's currency symbol."""
    if code == "yuan":
        return currency
    return t(f"unit.{code}", lang)


def warning(code: str, data: dict, lang: str, currency: str = "¥") -> str:
    """A model warning in words, each figure formatted by ``promo.fmt`` by its kind (``core.WARNING_KINDS``)."""
    kinds = core.WARNING_KINDS.get(code, {})
    return t(f"warn.{code}", lang, **{k: fmt.value(v, kinds.get(k, "quantity"), lang, currency)
                                      if isinstance(v, (int, float)) else v for k, v in data.items()})

