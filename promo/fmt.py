"""Every number the app shows, one rule per kind, in the reader's locale (babel): pages, reports and exports
all format through here, so the same figure reads the same everywhere.

The rules (one test each in tests/test_fmt.py):

- money: whole units from 10 up (¥1,234), cents below (¥0.05, ¥9.50), so a cost per send of 0.05 is not ¥0;
  exactly zero is ¥0;
- count: people, orders, weeks, times are whole numbers with separators (20,000 人, 3 次);
- quantity: a parameter value such as an elasticity or a multiplier: at most two decimals, trailing zeros
  dropped (3.6, 1.25, 4);
- share: a percentage of something, up to one decimal (25%, 12.5%);
- prob: a probability, whole percent; "< 1%" above 0 and below 1 %, "> 99%" above 99 % and below 100 %; 0% and
  100% only when exact;
- ratio: ROI as a multiple (2.35×); "—" when undefined (None: nothing was spent), explained by ``roi_note``;
- cap: a budget cap where 0 means none, said in words ("no cap" / "不设上限").
"""
from __future__ import annotations

import decimal
import math
from functools import lru_cache

from babel import Locale
from babel.numbers import format_compact_decimal, parse_pattern

# parsed once: babel otherwise re-reads the locale data and the pattern on every call (~160 µs a number)
_LOCALE = {"zh": Locale.parse("zh_CN"), "en": Locale.parse("en_US")}
NONE = "—"
CENTS_BELOW = 10.0
WORDS = {"no_cap": ("不设上限", "no cap"), "roi_note": ("未花费成本，回报率无定义", "nothing spent: ROI is undefined")}
# parameter and setting units → the kind of number (units as in the model's registry and campaign settings)
UNIT_KINDS = {"yuan": "money", "share": "share", "people": "count", "count": "count", "times": "count",
              "weeks": "quantity", "ratio": "quantity"}


def words(key: str, lang: str) -> str:
    zh, en = WORDS[key]
    return zh if lang == "zh" else en


def _bad(x) -> bool:
    return x is None or not math.isfinite(float(x))


@lru_cache(maxsize=32)
def _pattern(digits: int, percent: bool = False, optional: bool = False):
    frac = ("." + ("#" if optional else "0") * digits) if digits else ""
    return parse_pattern("#,##0" + frac + ("%" if percent else ""))


def _apply(pattern, x, lang: str) -> str:
    """Half up, as people round (babel would round half to even: 12.5 → 12)."""
    with decimal.localcontext() as ctx:
        ctx.rounding = decimal.ROUND_HALF_UP
        return pattern.apply(decimal.Decimal(repr(float(x))), _LOCALE[lang])


def num(x, lang: str, digits: int = 0) -> str:
    if _bad(x):
        return NONE
    return _apply(_pattern(digits), x, lang)


def count(x, lang: str) -> str:
    """People, orders, weeks, times: a whole number."""
    return num(x, lang, 0)


def quantity(x, lang: str, digits: int = 2) -> str:
    """A parameter value: up to ``digits`` decimals, none shown when they are zero (4, 2.5, 3.6)."""
    if _bad(x):
        return NONE
    return _apply(_pattern(digits, optional=True), x, lang)


def money(x, lang: str, currency: str = "¥", digits: int | None = None) -> str:
    """Whole units from 10 up, cents below (``digits`` overrides)."""
    if _bad(x):
        return NONE
    x = float(x)
    if digits is None:
        digits = 2 if abs(x) > 0 and round(abs(x), 2) < CENTS_BELOW else 0
    sign = "-" if x < 0 and round(abs(x), digits) > 0 else ""
    return f"{sign}{currency}{num(abs(x), lang, digits)}"


def pct(x, lang: str, digits: int = 0) -> str:
    """A percentage with exactly ``digits`` decimals (the probability of a loss goes through ``prob``)."""
    if _bad(x):
        return NONE
    return _apply(_pattern(digits, percent=True), x, lang)


def share(x, lang: str, digits: int = 1) -> str:
    """A share of something as a percentage, up to ``digits`` decimals, none when they are zero (15%, 12.5%)."""
    if _bad(x):
        return NONE
    return _apply(_pattern(digits, percent=True, optional=True), x, lang)


def prob(x, lang: str) -> str:
    """A probability: whole percent, with "< 1%" and "> 99%" for what would round to 0 or 100 without being it."""
    if _bad(x):
        return NONE
    x = float(x)
    if 0 < x < 0.01:
        return "< " + pct(0.01, lang)
    if 0.99 < x < 1:
        return "> " + pct(0.99, lang)
    return pct(x, lang)


def ratio(x, lang: str) -> str:
    """ROI as a multiple of the cost, e.g. 2.35×; "—" when undefined (nothing spent)."""
    if _bad(x):
        return NONE
    return f"{num(x, lang, 2)}×"


def roi_note(lang: str) -> str:
    """What "—" in an ROI means."""
    return words("roi_note", lang)


def cap(x, lang: str, currency: str = "¥") -> str:
    """A budget cap: 0 means no cap."""
    if not _bad(x) and float(x) == 0:
        return words("no_cap", lang)
    return money(x, lang, currency)


def money_short(x, lang: str, currency: str = "¥") -> str:
    """Money for a narrow KPI tile: ¥4.1万 / ¥41K above ten thousand, ``money`` below."""
    if _bad(x):
        return NONE
    if abs(float(x)) < 10_000:
        return money(x, lang, currency)
    sign = "-" if float(x) < 0 else ""
    short = format_compact_decimal(abs(float(x)), locale=_LOCALE[lang], fraction_digits=1)
    return f"{sign}{currency}{short}"


def value(x, kind: str, lang: str, currency: str = "¥") -> str:
    """Any figure by its kind (money, count, quantity, share, prob, ratio, cap); text is shown as it is."""
    if kind in ("money", "cap"):
        return (money if kind == "money" else cap)(x, lang, currency)
    fn = {"count": count, "quantity": quantity, "share": share, "prob": prob,
          "ratio": ratio}.get(kind)
    if fn is None:
        return "" if x is None else str(x)
    return fn(x, lang)


def kind_of(unit: str, name: str = "") -> str:
    """The kind of a parameter's or setting's number from its unit (the budget cap is a cap)."""
    return "cap" if name == "budget_cap" else UNIT_KINDS.get(unit, "quantity")


__all__ = ["NONE", "UNIT_KINDS", "cap", "count", "kind_of", "money", "money_short", "num", "pct", "prob",
           "quantity", "ratio", "roi_note", "share", "value", "words"]
