"""Working days in Belgium: Monday to Friday, without the ten legal public holidays."""

from datetime import date, timedelta
from functools import lru_cache

from dateutil.easter import easter


@lru_cache(maxsize=64)
def belgian_holidays(year: int) -> frozenset[date]:
    """New Year, Easter Monday, Labour Day, Ascension, Whit Monday, the national holiday,
    Assumption, All Saints, Armistice and Christmas."""
    easter_sunday = easter(year)
    return frozenset(
        {
            date(year, 1, 1),
            easter_sunday + timedelta(days=1),
            date(year, 5, 1),
            easter_sunday + timedelta(days=39),
            easter_sunday + timedelta(days=50),
            date(year, 7, 21),
            date(year, 8, 15),
            date(year, 11, 1),
            date(year, 11, 11),
            date(year, 12, 25),
        }
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in belgian_holidays(day.year)


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` <= ``start``)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
