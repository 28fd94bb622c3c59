"""Retail festivals of a plan year and the default seasonal demand multiplier per week.

Week convention: ISO 8601 weeks (Monday to Sunday; week 1 is the week holding the year's
first Thursday), so a plan year has 52 or 53 weeks and week numbers match what
spreadsheets and ``date.isocalendar()`` show. Every festival below falls inside its own
ISO year (the earliest, Spring Festival, is after 20 January; Christmas is before 29
December).

Dates come from calendar libraries, not a typed table: ``lunardate`` for the lunar
festivals, ``holidays`` for China's official May Day and National Day days off and the US
Thanksgiving (Black Friday is the day after).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import holidays
from lunardate import LunarDate

from ..errors import InputError
from ..i18n.plan import FESTIVALS

YEAR_RANGE = (2001, 2099)  # the official holiday rules and the lunar table both cover these
LIFT_SOURCE = "model assumption: typical retail uplift around the festival; replace with your own sales history"


@dataclass(frozen=True)
class Festival:
    key: str
    start: date
    end: date
    lift: float  # demand multiplier in the festival's weeks
    lead_weeks: int  # weeks of gift buying or pre-sales before it
    lead_lift: float

    @property
    def week(self) -> int:
        return self.start.isocalendar().week

    @property
    def weeks(self) -> tuple[int, ...]:
        """ISO weeks the festival touches (a golden week can cross a Monday)."""
        return tuple(range(self.week, self.end.isocalendar().week + 1))

    @property
    def zh(self) -> str:
        return FESTIVALS[self.key][0]

    @property
    def en(self) -> str:
        return FESTIVALS[self.key][1]

    def name(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def check_year(year) -> int:
    try:
        y = int(str(year).strip())
    except ValueError:
        raise InputError(f"year must be a whole number, got '{year}'.", f"年份必须是整数，收到「{year}」。",
                         field="year") from None
    if not YEAR_RANGE[0] <= y <= YEAR_RANGE[1]:
        raise InputError(f"year = {year} is outside the supported range {YEAR_RANGE[0]} to {YEAR_RANGE[1]}.",
                         f"年份 {year} 超出支持范围 {YEAR_RANGE[0]} 至 {YEAR_RANGE[1]}。", field="year")
    return y


def weeks_in_year(year: int) -> int:
    """52 or 53: the ISO week of 28 December is always the year's last week."""
    return date(check_year(year), 12, 28).isocalendar().week


def week_start(year: int, week: int) -> date:
    """Monday of ISO week ``week`` of ``year``."""
    return date.fromisocalendar(year, week, 1)


def _lunar(year: int, month: int, day: int) -> date:
    return LunarDate(year, month, day).to_solar_date()


def _days_off(year: int, first: date, last: date) -> tuple[date, date]:
    """The official run of days off in China starting on ``first`` (weekends between them included)."""
    off = [d for d in holidays.China(years=year) if first <= d <= last]
    return first, max(off) if off else first


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    d = date(year, month, 1)
    d += timedelta(days=(weekday - d.weekday()) % 7)
    return d + timedelta(weeks=n - 1)


def _black_friday(year: int) -> date:
    us = holidays.US(years=year)
    thanksgiving = next(d for d, n in us.items() if "Thanksgiving" in n)
    return thanksgiving + timedelta(days=1)


def festivals(year: int) -> tuple[Festival, ...]:
    """The retail festivals of ``year`` in date order."""
    y = check_year(year)
    one = lambda d: (d, d)
    spec = [
        ("spring_festival", one(_lunar(y, 1, 1)), 1.3, 2, 1.4),
        ("lantern", one(_lunar(y, 1, 15)), 1.15, 0, 1.0),
        ("valentines", one(date(y, 2, 14)), 1.2, 0, 1.0),
        ("womens_day", one(date(y, 3, 8)), 1.25, 0, 1.0),
        ("may_day", _days_off(y, date(y, 5, 1), date(y, 5, 7)), 1.2, 0, 1.0),
        ("mothers_day", one(_nth_weekday(y, 5, 6, 2)), 1.2, 0, 1.0),
        ("618", one(date(y, 6, 18)), 1.4, 1, 1.15),
        ("qixi", one(_lunar(y, 7, 7)), 1.2, 0, 1.0),
        ("mid_autumn", one(_lunar(y, 8, 15)), 1.3, 1, 1.2),
        ("national_day", _days_off(y, date(y, 10, 1), date(y, 10, 10)), 1.3, 0, 1.0),
        ("double_11", one(date(y, 11, 11)), 1.6, 1, 1.3),
        ("black_friday", one(_black_friday(y)), 1.2, 0, 1.0),
        ("double_12", one(date(y, 12, 12)), 1.3, 0, 1.0),
        ("christmas", one(date(y, 12, 25)), 1.3, 1, 1.15),
    ]
    out = [Festival(k, s, e, lift, lead, lead_lift) for k, (s, e), lift, lead, lead_lift in spec]
    return tuple(sorted(out, key=lambda f: f.start))


def default_season(year: int) -> tuple[float, ...]:
    """Demand multiplier per ISO week (index 0 = week 1): 1 on ordinary weeks, the festival's lift in its
    weeks and its lead lift in the weeks before; where festivals meet, the larger multiplier wins."""
    n = weeks_in_year(year)
    season = [1.0] * n
    for f in festivals(year):
        for w in f.weeks:
            season[w - 1] = max(season[w - 1], f.lift)
        for w in range(max(1, f.week - f.lead_weeks), f.week):
            season[w - 1] = max(season[w - 1], f.lead_lift)
    return tuple(season)


def festival_weeks(year: int) -> dict[int, tuple[Festival, ...]]:
    """Week → festivals in it, for labelling a calendar."""
    out: dict[int, list[Festival]] = {}
    for f in festivals(year):
        for w in f.weeks:
            out.setdefault(w, []).append(f)
    return {w: tuple(fs) for w, fs in out.items()}
