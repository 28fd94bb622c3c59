"""Numbers and money for the reader's locale (babel), so 中文 and English pages read naturally."""
from __future__ import annotations

import math
from functools import lru_cache

from babel import Locale
from babel.numbers import format_compact_decimal, parse_pattern

# parsed once: babel otherwise re-reads the locale data and the pattern on every call (~160 µs a number)
_LOCALE = {"zh": Locale.parse("zh_CN"), "en": Locale.parse("en_US")}


@lru_cache(maxsize=32)
def _pattern(digits: int, percent: bool = False):
    return parse_pattern("#,##0" + ("." + "0" * digits if digits else "") + ("%" if percent else ""))


def num(x, lang: str, digits: int = 0) -> str:
    if x is None or not math.isfinite(float(x)):
        return "—"
    return _pattern(digits).apply(float(x), _LOCALE[lang])


def money(x, lang: str, currency: str = "¥", digits: int = 0) -> str:
    if x is None or not math.isfinite(float(x)):
        return "—"
    sign = "-" if float(x) < 0 else ""
    return f"{sign}{currency}{num(abs(float(x)), lang, digits)}"


def pct(x, lang: str, digits: int = 0) -> str:
    if x is None or not math.isfinite(float(x)):
        return "—"
    return _pattern(digits, percent=True).apply(float(x), _LOCALE[lang])


def ratio(x, lang: str) -> str:
    """ROI as a multiple of the cost, e.g. 2.35×."""
    if x is None or not math.isfinite(float(x)):
        return "—"
    return f"{num(x, lang, 2)}×"


def money_short(x, lang: str, currency: str = "¥") -> str:
    """Money for a narrow KPI tile: ¥4.1万 / ¥41K above ten thousand, exact below."""
    if x is None or not math.isfinite(float(x)):
        return "—"
    if abs(float(x)) < 10_000:
        return money(x, lang, currency)
    sign = "-" if float(x) < 0 else ""
    short = format_compact_decimal(abs(float(x)), locale=_LOCALE[lang], fraction_digits=1)
    return f"{sign}{currency}{short}"
