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


# How far ahead "opens Saturday at 18:00" looks for the next window.
LOOKAHEAD_DAYS = 14


@dataclass(frozen=True)
class OpenState:
    """Where an offering stands now. ``OPEN`` is a staffed window (chat, phone, video) that
    covers this moment; ``ALWAYS`` is an offering that needs nobody (self-help, a website)."""

    OPEN = "open"
    ALWAYS = "always"
    # The offering says it is closed for a while (status), whatever its hours.
    TEMPORARILY_CLOSED = "temporarily_closed"
    OPENS_LATER = "opens_later"
    CLOSED = "closed"
    UNKNOWN = "unknown"

    status: str
    opens_at: time | None = None
    closes_at: time | None = None
    # When it opens next (today or on a later day), for an offering that is not open.
    next_opening: datetime | None = None

    @property
    def is_open(self) -> bool:
        """Reachable now: staffed and open, or always available."""
        return self.status in (self.OPEN, self.ALWAYS)

    @property
    def is_staffed(self) -> bool:
        return self.status == self.OPEN

    @property
    def opens_tomorrow(self) -> bool:
        if self.next_opening is None:
            return False
        return self.next_opening.date() == local_now().date() + timedelta(days=1)

    @property
    def opens_within_a_week(self) -> bool:
        if self.next_opening is None:
            return False
        return (self.next_opening.date() - local_now().date()).days < 7


def _inside(moment: time, opens: time, closes: time) -> bool:
    if opens < closes:
        return opens <= moment < closes
    return moment >= opens  # runs past midnight: the part before midnight


def _spills_into(moment: time, opens: time, closes: time) -> bool:
    """True when yesterday's window that runs past midnight still covers ``moment``."""
    return closes < opens and moment < closes


def day_windows(*, day: date, rules, exceptions) -> list[tuple[time, time]] | None:
    """The opening windows of ``day``: its exception, else none on a holiday, else the weekly rows.

    ``None`` means the day has no exception and falls back to the weekly rows, which are
    empty on a public holiday.
    """
    exception = next((e for e in exceptions if e.date == day), None)
    if exception is not None:
        return [] if exception.closed else [(exception.opens, exception.closes)]
    if is_public_holiday(day):
        return []
    return [(r.opens, r.closes) for r in rules if r.weekday == day.weekday()]


def open_state(
    *, always_available: bool, rules, exceptions, at: datetime | None = None
) -> OpenState:
    """Whether an offering is open at ``at``, or when it opens later today.

    ``rules`` are objects with weekday/opens/closes, ``exceptions`` objects with
    date/closed/opens/closes (both typically prefetched). Yesterday's windows are built the
    same way as today's; the part of one that runs past midnight counts today.
    """
    now = local_now(at)
    today, moment = now.date(), now.time()
    yesterday = today - timedelta(days=1)
    for opens, closes in day_windows(day=yesterday, rules=rules, exceptions=exceptions):
        if _spills_into(moment, opens, closes):
            return OpenState(OpenState.OPEN, closes_at=closes)
    has_exception = any(e.date == today for e in exceptions)
    if always_available and not has_exception:
        return OpenState(OpenState.ALWAYS)
    if not rules and not always_available and not any(e.date >= today for e in exceptions):
        return OpenState(OpenState.UNKNOWN)
    windows = day_windows(day=today, rules=rules, exceptions=exceptions)
    for opens, closes in sorted(windows):
        if _inside(moment, opens, closes):
            return OpenState(OpenState.OPEN, closes_at=closes)
    later = sorted(opens for opens, _closes in windows if opens > moment)
    if later:
        return OpenState(
            OpenState.OPENS_LATER,
            opens_at=later[0],
            next_opening=datetime.combine(today, later[0], tzinfo=BRUSSELS),
        )
    return OpenState(OpenState.CLOSED, next_opening=next_opening(today, rules, exceptions))


def next_opening(today: date, rules, exceptions) -> datetime | None:
    """The start of the first window after ``today``, across holidays and exceptions."""
    for ahead in range(1, LOOKAHEAD_DAYS + 1):
        day = today + timedelta(days=ahead)
        windows = day_windows(day=day, rules=rules, exceptions=exceptions)
        if windows:
            return datetime.combine(day, min(opens for opens, _ in windows), tzinfo=BRUSSELS)
    return None


def open_now_q(at: datetime | None = None, *, prefix: str = "", staffed: bool = False) -> Q:
    """A filter on offerings (or on a relation to them through ``prefix``) for "open now".

    ``staffed``: only a weekly window or an exception that covers this moment, not an
    offering that is always available."""
    from .models import OpeningException, OpeningHours

    now = local_now(at)
    today, moment = now.date(), now.time()
    yesterday = today - timedelta(days=1)
    pk = f"{prefix}pk" if prefix else "pk"

    def rules(**conditions):
        return Exists(OpeningHours.objects.filter(offering=OuterRef(pk), **conditions))

    def exception(**conditions):
        return Exists(OpeningException.objects.filter(offering=OuterRef(pk), **conditions))

    def window_covers(model_filter, *, spill_only=False):
        """A window (weekly row or exception) covers the current moment."""
        if spill_only:  # the part after midnight of a window that started on ``day``
            return model_filter(closes__gt=moment, closes__lt=F("opens"))
        return model_filter(opens__lte=moment, closes__gt=moment) | model_filter(
            opens__lte=moment, closes__lt=F("opens")
        )

    def day_open(day, *, spill_only=False):
        weekly = (
            Q(**{f"{pk}__in": []})
            if is_public_holiday(day)
            else Q(
                window_covers(lambda **c: rules(weekday=day.weekday(), **c), spill_only=spill_only)
            )
        )
        by_exception = window_covers(
            lambda **c: exception(date=day, closed=False, **c), spill_only=spill_only
        )
        has_exception = exception(date=day)
        return (Q(has_exception) & Q(by_exception)) | (~Q(has_exception) & weekly)

    staffed_now = day_open(yesterday, spill_only=True) | day_open(today)
    if staffed:
        return staffed_now
    always_today = Q(**{f"{prefix}always_available": True}) & ~Q(exception(date=today))
    return staffed_now | always_today


# Offerings that cannot be reached whatever their hours: not started, closed for a while
# or for good (Offering.Status).
NOT_REACHABLE_STATUSES = ("planned", "closed", "stopped")


def staffed_now_q(at: datetime | None = None) -> Q:
    """Offerings whose staffed window (chat, phone, video) is open at this moment."""
    return open_now_q(at, staffed=True) & ~Q(status__in=NOT_REACHABLE_STATUSES)


def always_available_now_q(at: datetime | None = None) -> Q:
    """Offerings that need nobody to answer (self-help, information), available today."""
    from .models import OpeningException

    today = local_now(at).date()
    closed_today = Exists(OpeningException.objects.filter(offering=OuterRef("pk"), date=today))
    return Q(always_available=True) & ~Q(closed_today) & ~Q(status__in=NOT_REACHABLE_STATUSES)
