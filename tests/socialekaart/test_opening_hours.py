"""'Nu open': Brussels wall time, overnight windows, exceptions, public holidays, DST."""

from datetime import date, datetime, time
from types import SimpleNamespace as Row
from zoneinfo import ZoneInfo

import pytest

from socialekaart.models import Offering, OpeningException
from socialekaart.opening import OpenState, belgian_public_holidays, open_now_q, open_state

from .conftest import make_offering

BRUSSELS = ZoneInfo("Europe/Brussels")
MON, TUE, WED, SAT, SUN = 0, 1, 2, 5, 6


def at(year, month, day, hour, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


def state(rules, when, exceptions=(), always=False):
    return open_state(always_available=always, rules=rules, exceptions=exceptions, at=when)


EVENING = [Row(weekday=d, opens=time(18), closes=time(22)) for d in range(7)]
NIGHT = [Row(weekday=d, opens=time(22), closes=time(2)) for d in range(7)]


def test_belgian_public_holidays_of_2026():
    holidays = belgian_public_holidays(2026)
    assert date(2026, 4, 6) in holidays  # Easter Monday
    assert date(2026, 5, 14) in holidays  # Ascension
    assert date(2026, 5, 25) in holidays  # Whit Monday
    assert date(2026, 7, 21) in holidays
    assert date(2026, 11, 11) in holidays
    assert len(holidays) == 10


def test_chat_open_from_18_to_22_is_open_at_2159_and_closed_at_2200():
    assert state(EVENING, at(2026, 11, 24, 21, 59)).status == OpenState.OPEN
    assert state(EVENING, at(2026, 11, 24, 22, 0)).status == OpenState.CLOSED


def test_before_opening_it_says_when_it_opens_today():
    result = state(EVENING, at(2026, 11, 24, 9))
    assert result.status == OpenState.OPENS_LATER
    assert result.opens_at == time(18)


def test_overnight_window_is_open_on_both_sides_of_midnight():
    assert state(NIGHT, at(2026, 11, 24, 23, 30)).is_open
    assert state(NIGHT, at(2026, 11, 25, 1, 59)).is_open
    assert not state(NIGHT, at(2026, 11, 25, 2, 0)).is_open


def test_overnight_window_of_sunday_runs_into_monday():
    sunday_night = [Row(weekday=SUN, opens=time(22), closes=time(2))]
    assert state(sunday_night, at(2026, 11, 30, 1)).is_open  # Monday 01:00
    assert not state(sunday_night, at(2026, 11, 24, 1)).is_open  # Tuesday 01:00


def test_public_holiday_is_closed_unless_an_exception_opens_it():
    christmas = at(2026, 12, 25, 19)
    assert state(EVENING, christmas).status == OpenState.CLOSED
    opened = [Row(date=date(2026, 12, 25), closed=False, opens=time(18), closes=time(20))]
    assert state(EVENING, christmas, exceptions=opened).is_open


def test_exception_closes_a_normal_day():
    closed = [Row(date=date(2026, 11, 24), closed=True, opens=None, closes=None)]
    assert state(EVENING, at(2026, 11, 24, 19), exceptions=closed).status == OpenState.CLOSED


def test_always_available_is_open_at_any_hour_and_on_holidays():
    assert state([], at(2026, 12, 25, 3), always=True).is_open


def test_no_hours_at_all_is_unknown_not_closed():
    assert state([], at(2026, 11, 24, 12)).status == OpenState.UNKNOWN


def test_wall_clock_hours_hold_across_daylight_saving_changes():
    # 29 March 2026: clocks go from 02:00 to 03:00; 25 October 2026: from 03:00 to 02:00.
    assert state(EVENING, at(2026, 3, 29, 21, 30)).is_open
    assert state(EVENING, at(2026, 10, 25, 21, 30)).is_open
    utc_evening = datetime(2026, 3, 29, 20, 30, tzinfo=ZoneInfo("UTC"))  # 22:30 in Brussels
    assert not state(EVENING, utc_evening).is_open
    utc_winter = datetime(2026, 10, 25, 20, 30, tzinfo=ZoneInfo("UTC"))  # 21:30 in Brussels
    assert state(EVENING, utc_winter).is_open


MOMENTS = [
    at(2026, 11, 24, 17, 59),
    at(2026, 11, 24, 18, 0),
    at(2026, 11, 24, 21, 59),
    at(2026, 11, 24, 22, 0),
    at(2026, 11, 24, 23, 30),
    at(2026, 11, 25, 1, 30),
    at(2026, 11, 25, 2, 0),
    at(2026, 12, 25, 19, 0),
    at(2026, 12, 26, 1, 0),
    at(2026, 11, 29, 16, 0),
    at(2026, 11, 25, 2, 30),
    at(2026, 12, 19, 0, 30),
    at(2026, 12, 26, 0, 30),
]


@pytest.mark.django_db
@pytest.mark.parametrize("when", MOMENTS, ids=lambda m: m.strftime("%a-%d-%m-%H%M"))
def test_database_filter_agrees_with_the_page(organisation, coordinator, when):
    evening = make_offering(
        organisation,
        coordinator,
        name="Avondchat",
        hours=[{"weekday": d, "opens": time(18), "closes": time(22)} for d in range(7)],
    )
    night = make_offering(
        organisation,
        coordinator,
        name="Nachtlijn",
        hours=[{"weekday": d, "opens": time(22), "closes": time(2)} for d in range(7)],
    )
    friday = make_offering(
        organisation,
        coordinator,
        name="Vrijdagnacht",
        hours=[{"weekday": 4, "opens": time(20), "closes": time(2)}],
    )
    OpeningException.objects.create(
        offering=friday, date=date(2026, 11, 24), closed=False, opens=time(22), closes=time(3)
    )
    make_offering(organisation, coordinator, name="Altijd", always_available=True)
    make_offering(organisation, coordinator, name="Zonder uren")
    OpeningException.objects.create(
        offering=evening, date=date(2026, 11, 29), closed=False, opens=time(15), closes=time(17)
    )
    OpeningException.objects.create(offering=night, date=date(2026, 11, 24), closed=True)
    expected = set()
    for offering in Offering.objects.prefetch_related("opening_hours", "opening_exceptions"):
        result = open_state(
            always_available=offering.always_available,
            rules=list(offering.opening_hours.all()),
            exceptions=list(offering.opening_exceptions.all()),
            at=when,
        )
        if result.is_open:
            expected.add(offering.name)
    from_database = set(Offering.objects.filter(open_now_q(when)).values_list("name", flat=True))
    assert from_database == expected


def test_after_midnight_part_of_a_holiday_evening_stays_closed():
    friday_night = [Row(weekday=4, opens=time(20), closes=time(2))]
    assert not state(friday_night, at(2026, 12, 25, 21)).is_open  # Christmas, a Friday
    assert not state(friday_night, at(2026, 12, 26, 0, 30)).is_open
    assert state(friday_night, at(2026, 12, 19, 0, 30)).is_open  # an ordinary Friday night


def test_exception_window_past_midnight_is_open_after_midnight():
    late = [Row(date=date(2026, 11, 24), closed=False, opens=time(22), closes=time(3))]
    assert state(EVENING, at(2026, 11, 24, 23), exceptions=late).is_open
    assert state(EVENING, at(2026, 11, 25, 2, 30), exceptions=late).is_open
    assert not state(EVENING, at(2026, 11, 25, 3, 0), exceptions=late).is_open


def test_exception_with_other_hours_replaces_yesterdays_overnight_window():
    other = [Row(date=date(2026, 11, 24), closed=False, opens=time(10), closes=time(12))]
    assert not state(NIGHT, at(2026, 11, 25, 1), exceptions=other).is_open
