"""Numbers and money for the reader's locale (babel), so 中文 and English pages read naturally."""
from __future__ import annotations

import math

from babel.numbers import format_compact_decimal, format_decimal, format_percent

LOCALES = {"zh": "zh_CN", "en": "en_US"}


def num(x, lang: str, digits: int = 0) -> str:
    if x is None or not math.isfinite(float(x)):
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(float(x), format=pattern, locale=LOCALES[lang])


def money(x, lang: str, currency: str = "¥", digits: int = 0) -> str:
    if x is None or not math.isfinite(float(x)):
        return "—"
    sign = "-" if float(x) < 0 else ""
    return f"{sign}{currency}{num(abs(float(x)), lang, digits)}"


def pct(x, lang: str, digits: int = 0) -> str:
    if x is None or not math.isfinite(float(x)):
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
    return format_percent(float(x), format=pattern, locale=LOCALES[lang])


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
    short = format_compact_decimal(abs(float(x)), locale=LOCALES[lang], fraction_digits=1)
    return f"{sign}{currency}{short}"
