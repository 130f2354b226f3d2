"""When is an offering open? Weekly hours in Brussels time, exceptions, Belgian public holidays.

One rule set, two forms: ``open_state`` answers for one offering whose hours are already
loaded (detail pages), ``open_now_q`` expresses "open now" as a database filter (the list).
A window whose closing time is before its opening time runs past midnight.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil.easter import easter
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

BRUSSELS = ZoneInfo("Europe/Brussels")


@lru_cache(maxsize=32)
def belgian_public_holidays(year: int) -> frozenset[date]:
    """The ten legal public holidays of Belgium in ``year``."""
    easter_sunday = easter(year)
    return frozenset(
        {
            date(year, 1, 1),  # Nieuwjaar
            easter_sunday + timedelta(days=1),  # Paasmaandag
            date(year, 5, 1),  # Dag van de Arbeid
            easter_sunday + timedelta(days=39),  # Onze-Lieve-Heer-Hemelvaart
            easter_sunday + timedelta(days=50),  # Pinkstermaandag
            date(year, 7, 21),  # Nationale feestdag
            date(year, 8, 15),  # Onze-Lieve-Vrouw-Hemelvaart
            date(year, 11, 1),  # Allerheiligen
            date(year, 11, 11),  # Wapenstilstand
            date(year, 12, 25),  # Kerstmis
        }
    )


def is_public_holiday(day: date) -> bool:
    return day in belgian_public_holidays(day.year)


def local_now(at: datetime | None = None) -> datetime:
    """``at`` (or now) as wall-clock time in Brussels."""
    return (at or timezone.now()).astimezone(BRUSSELS)


@dataclass(frozen=True)
class OpenState:
    OPEN = "open"
    OPENS_LATER = "opens_later"
    CLOSED = "closed"
    UNKNOWN = "unknown"

    status: str
    opens_at: time | None = None
    closes_at: time | None = None

    @property
    def is_open(self) -> bool:
        return self.status == self.OPEN


def _inside(moment: time, opens: time, closes: time) -> bool:
    if opens < closes:
        return opens <= moment < closes
    return moment >= opens  # runs past midnight: the part before midnight


def _spills_into(moment: time, opens: time, closes: time) -> bool:
    """True when yesterday's window that runs past midnight still covers ``moment``."""
    return closes < opens and moment < closes


def open_state(
    *, always_available: bool, rules, exceptions, at: datetime | None = None
) -> OpenState:
    """Whether an offering is open at ``at``, or when it opens later today.

    ``rules`` are objects with weekday/opens/closes, ``exceptions`` objects with
    date/closed/opens/closes (both typically prefetched).
    """
    now = local_now(at)
    today, moment = now.date(), now.time()
    exception = next((e for e in exceptions if e.date == today), None)
    yesterday = today - timedelta(days=1)
    for rule in rules:  # an overnight window of yesterday belongs to yesterday
        if (
            rule.weekday == yesterday.weekday()
            and _spills_into(moment, rule.opens, rule.closes)
            and not _closed_by_exception(exceptions, yesterday)
        ):
            return OpenState(OpenState.OPEN, closes_at=rule.closes)
    if exception is not None:
        windows = [] if exception.closed else [(exception.opens, exception.closes)]
    elif always_available:
        return OpenState(OpenState.OPEN)
    elif is_public_holiday(today):
        windows = []
    else:
        windows = [(r.opens, r.closes) for r in rules if r.weekday == today.weekday()]
    if not windows and not rules and not always_available and exception is None:
        return OpenState(OpenState.UNKNOWN)
    for opens, closes in sorted(windows):
        if opens is not None and closes is not None and _inside(moment, opens, closes):
            return OpenState(OpenState.OPEN, closes_at=closes)
    later = sorted(opens for opens, _closes in windows if opens is not None and opens > moment)
    if later:
        return OpenState(OpenState.OPENS_LATER, opens_at=later[0])
    return OpenState(OpenState.CLOSED)


def _closed_by_exception(exceptions, day: date) -> bool:
    return any(e.date == day and e.closed for e in exceptions)


def open_now_q(at: datetime | None = None, *, prefix: str = "") -> Q:
    """A filter on offerings (or on a relation to them through ``prefix``) for "open now"."""
    from .models import OpeningException, OpeningHours

    now = local_now(at)
    today, moment = now.date(), now.time()
    yesterday = today - timedelta(days=1)
    pk = f"{prefix}pk" if prefix else "pk"

    def rules(**conditions):
        return Exists(OpeningHours.objects.filter(offering=OuterRef(pk), **conditions))

    def exception(**conditions):
        return Exists(OpeningException.objects.filter(offering=OuterRef(pk), **conditions))

    in_window_today = rules(weekday=today.weekday(), opens__lte=moment, closes__gt=moment) | rules(
        weekday=today.weekday(), opens__lte=moment, closes__lt=F("opens")
    )
    spill_from_yesterday = rules(
        weekday=yesterday.weekday(), closes__gt=moment, closes__lt=F("opens")
    ) & ~exception(date=yesterday, closed=True)
    open_by_exception = exception(
        date=today, closed=False, opens__lte=moment, closes__gt=moment
    ) | exception(date=today, closed=False, opens__lte=moment, closes__lt=F("opens"))
    has_exception_today = exception(date=today)

    always = Q(**{f"{prefix}always_available": True})
    regular_day = always if is_public_holiday(today) else always | Q(in_window_today)
    return (
        Q(spill_from_yesterday)
        | (Q(has_exception_today) & Q(open_by_exception))
        | (~Q(has_exception_today) & regular_day)
    )
