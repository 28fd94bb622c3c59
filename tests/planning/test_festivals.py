"""Festival dates against published dates, the ISO week convention and the default season."""
from datetime import date

import pytest

from promo.errors import InputError
from promo.planning.festivals import default_season, festival_weeks, festivals, week_start, weeks_in_year


def _on(year):
    return {f.key: f for f in festivals(year)}


@pytest.mark.parametrize("year, key, start", [
    (2025, "spring_festival", date(2025, 1, 29)),
    (2026, "spring_festival", date(2026, 2, 17)),
    (2027, "spring_festival", date(2027, 2, 6)),
    (2025, "lantern", date(2025, 2, 12)),
    (2026, "lantern", date(2026, 3, 3)),
    (2025, "mid_autumn", date(2025, 10, 6)),
    (2026, "mid_autumn", date(2026, 9, 25)),
    (2027, "mid_autumn", date(2027, 9, 15)),
    (2025, "qixi", date(2025, 8, 29)),
    (2026, "qixi", date(2026, 8, 19)),
    (2025, "black_friday", date(2025, 11, 28)),
    (2026, "black_friday", date(2026, 11, 27)),
    (2027, "black_friday", date(2027, 11, 26)),
    (2025, "mothers_day", date(2025, 5, 11)),
    (2026, "mothers_day", date(2026, 5, 10)),
    (2027, "mothers_day", date(2027, 5, 9)),
    (2026, "valentines", date(2026, 2, 14)),
    (2026, "womens_day", date(2026, 3, 8)),
    (2026, "618", date(2026, 6, 18)),
    (2026, "double_11", date(2026, 11, 11)),
    (2026, "double_12", date(2026, 12, 12)),
    (2026, "christmas", date(2026, 12, 25)),
])
def test_festival_dates(year, key, start):
    assert _on(year)[key].start == start


def test_golden_weeks_follow_the_official_days_off():
    assert (_on(2025)["national_day"].start, _on(2025)["national_day"].end) == (date(2025, 10, 1), date(2025, 10, 8))
    assert _on(2026)["national_day"].end == date(2026, 10, 7)
    assert (_on(2025)["may_day"].start, _on(2025)["may_day"].end) == (date(2025, 5, 1), date(2025, 5, 5))


def test_iso_weeks():
    assert weeks_in_year(2025) == 52 and weeks_in_year(2026) == 53 and weeks_in_year(2027) == 52
    assert week_start(2026, 1) == date(2025, 12, 29)  # ISO week 1 of 2026 starts in 2025
    assert _on(2025)["spring_festival"].week == 5
    assert _on(2025)["national_day"].weeks == (40, 41)  # Wed 1 Oct to Wed 8 Oct crosses a Monday
    assert [f.key for f in festival_weeks(2025)[41]] == ["national_day", "mid_autumn"]


def test_names_in_both_languages():
    f = _on(2026)["mid_autumn"]
    assert (f.name("zh"), f.name("en")) == ("中秋节", "Mid-Autumn Festival")
    assert len(festivals(2026)) == 14


def test_default_season():
    s = default_season(2027)
    assert len(s) == 52
    assert s[45 - 1] == 1.6  # Double 11, 2027 week 45
    assert s[44 - 1] == 1.3  # its pre-sale week
    assert s[3 - 1] == 1.4 and s[4 - 1] == 1.4  # gift buying before Spring Festival (week 5)
    assert s[30 - 1] == 1.0
    assert min(s) == 1.0


@pytest.mark.parametrize("year", [1999, 2100, "20x5", 2025.5])
def test_year_outside_the_range(year):
    with pytest.raises(InputError) as e:
        festivals(year)
    assert "year" in str(e.value) and str(year) in str(e.value)
    assert "年份" in e.value.zh
