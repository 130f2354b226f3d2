"""Weekly opening hours and the exceptions per date."""

from datetime import date, time
from itertools import pairwise

from django.db import transaction
from django.db.models import Q

from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.services import (
    audit_record,
)

from .. import messages as msg
from ..feed import offerings_touch
from ..models import (
    Offering,
    OpeningException,
    OpeningHours,
)


def opening_hours_replace(*, offering: Offering, rows: list[dict]) -> None:
    """Replace the weekly hours by ``rows`` (weekday, opens, closes), after checking them."""
    validate_opening_rows(rows)
    offering.opening_hours.all().delete()
    OpeningHours.objects.bulk_create(
        OpeningHours(offering=offering, weekday=r["weekday"], opens=r["opens"], closes=r["closes"])
        for r in rows
    )
    offerings_touch(condition=Q(pk=offering.pk))  # bulk_create sends no signals (feed.py)


@transaction.atomic
def opening_exception_set(
    *, offering: Offering, actor, day: date, closed: bool, opens=None, closes=None, note=""
) -> OpeningException:
    """Other hours (or closed) on one date, e.g. open on a public holiday; the one exception
    per date is a constraint that ``update_or_create`` respects under simultaneous requests."""
    if not closed and (opens is None or closes is None or opens == closes):
        raise DomainError(msg.EXCEPTION_HOURS_REQUIRED)
    if closed:
        opens = closes = None
    exception, _ = OpeningException.objects.update_or_create(
        offering=offering,
        date=day,
        defaults={"closed": closed, "opens": opens, "closes": closes, "note": note},
    )
    audit_record(
        actor=actor,
        action="socialekaart.offering.exception_set",
        obj=offering,
        changes={"date": day.isoformat(), "closed": closed},
    )
    return exception


@transaction.atomic
def opening_exception_delete(*, offering: Offering, actor, exception_id: int) -> None:
    """Remove one of ``offering``'s exceptions; another offering's is never touched, and of
    two simultaneous removals only one is audited."""
    exception = offering.opening_exceptions.select_for_update().filter(pk=exception_id).first()
    if exception is None:
        return
    exception.delete()
    audit_record(
        actor=actor,
        action="socialekaart.offering.exception_removed",
        obj=offering,
        changes={"date": exception.date.isoformat()},
    )


def validate_opening_rows(rows: list[dict]) -> None:
    """No empty windows, and no two windows that overlap (also across midnight)."""
    spans = []
    for row in rows:
        if row["opens"] == row["closes"]:
            raise DomainError(msg.HOURS_EMPTY)
        spans.extend(_week_spans(row["weekday"], row["opens"], row["closes"]))
    spans.sort()
    for (_start, end), (next_start, _next_end) in pairwise(spans):
        if next_start < end:
            raise DomainError(msg.HOURS_OVERLAP)


def _week_spans(weekday: int, opens: time, closes: time) -> list[tuple[int, int]]:
    """The window as minutes of the week; one past Sunday midnight wraps to Monday."""
    week = 7 * 24 * 60
    start = weekday * 24 * 60 + opens.hour * 60 + opens.minute
    length = (closes.hour * 60 + closes.minute) - (opens.hour * 60 + opens.minute)
    end = start + (length if length > 0 else length + 24 * 60)
    if end <= week:
        return [(start, end)]
    return [(start, week), (0, end - week)]
