"""Scheduling sessions: the rules of Basisvorming-nota (2015) for teasers and training days,
the status table, and telling registrants when a session is moved or cancelled."""

import secrets

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.services import audit_describe, audit_record, email_enqueue_each

from .. import messages as msg
from ..models import HALF_DAY_MAX_MINUTES, TEASER_MAX_MINUTES, Meeting, Registration, Session
from .pipeline import meeting_follow_session

Status = Session.Status

ALLOWED_STATUS_MOVES = {
    Status.PLANNED: {Status.CONFIRMED, Status.CANCELLED, Status.HELD},
    Status.CONFIRMED: {Status.HELD, Status.CANCELLED, Status.PLANNED},
    Status.HELD: set(),
    Status.CANCELLED: set(),
}

SESSION_FIELDS = (
    "kind",
    "title",
    "description",
    "sector",
    "meeting",
    "start",
    "end",
    "second_start",
    "second_end",
    "mode",
    "place",
    "online_link",
    "capacity",
    "registration_opens",
    "registration_closes",
    "trainers",
    "co_organisers",
    "is_demo",
)
SESSION_M2M = ("elements", "topics")
TIME_FIELDS = ("start", "end", "second_start", "second_end")


def _minutes(start, end) -> float:
    return (end - start).total_seconds() / 60


def session_errors(session: Session) -> dict[str, str]:
    """What breaks the rules in ``session``, per field: empty when it may be saved."""
    errors: dict[str, str] = {}
    teaser = session.kind == Session.Kind.TEASER
    if session.start and session.end:
        if session.end <= session.start:
            errors["end"] = msg.END_BEFORE_START
        elif teaser and _minutes(session.start, session.end) > TEASER_MAX_MINUTES:
            errors["end"] = msg.TEASER_TOO_LONG
        elif not teaser and _minutes(session.start, session.end) > HALF_DAY_MAX_MINUTES:
            errors["end"] = msg.HALF_DAY_TOO_LONG
    second = (session.second_start, session.second_end)
    if any(second):
        if teaser:
            errors["second_start"] = msg.TEASER_ONE_PART
        elif not all(second):
            errors["second_end" if session.second_start else "second_start"] = (
                msg.SECOND_PART_INCOMPLETE
            )
        elif session.second_end <= session.second_start:
            errors["second_end"] = msg.END_BEFORE_START
        elif _minutes(session.second_start, session.second_end) > HALF_DAY_MAX_MINUTES:
            errors["second_end"] = msg.HALF_DAY_TOO_LONG
        elif session.end and session.second_start < session.end:
            errors["second_start"] = msg.SECOND_PART_BEFORE_FIRST
    if teaser and not session.meeting_id:
        errors["meeting"] = msg.TEASER_NEEDS_MEETING
    if not teaser and session.meeting_id:
        errors["meeting"] = msg.MEETING_ONLY_FOR_TEASER
    if session.capacity is None or session.capacity < 1:
        errors["capacity"] = msg.CAPACITY_TOO_SMALL
    opens, closes = session.registration_opens, session.registration_closes
    if opens and closes and closes <= opens:
        errors["registration_closes"] = msg.WINDOW_REVERSED
    elif closes and session.start and closes > session.start:
        errors["registration_closes"] = msg.WINDOW_AFTER_START
    if session.mode != Session.Mode.ONLINE and not session.place.strip():
        errors["place"] = msg.PLACE_OR_LINK
    if session.mode != Session.Mode.IN_PERSON and not session.online_link:
        errors["online_link"] = msg.PLACE_OR_LINK
    return errors


def _check(session: Session) -> None:
    errors = session_errors(session)
    if errors:
        raise DomainError(next(iter(errors.values())))


def _assign(session: Session, data: dict) -> None:
    for field in SESSION_FIELDS:
        if field in data:
            value = data[field]
            if value is None and field in {
                "title",
                "description",
                "place",
                "online_link",
                "trainers",
                "co_organisers",
            }:
                value = ""
            setattr(session, field, value)
    if session.kind == Session.Kind.TEASER and session.meeting_id and not session.sector_id:
        session.sector_id = Meeting.objects.values_list("platform__sector", flat=True).get(
            pk=session.meeting_id
        )


def _unique_slug(session: Session) -> str:
    base = slugify(f"{session.title} {session.start:%Y-%m-%d}")[:200] or "sessie"
    if not Session.objects.filter(slug=base).exclude(pk=session.pk).exists():
        return base
    return f"{base}-{secrets.token_hex(3)}"


@transaction.atomic
def session_create(*, data: dict, actor) -> Session:
    session = Session(created_by=actor if getattr(actor, "is_authenticated", False) else None)
    _assign(session, data)
    _check(session)
    for _attempt in range(3):
        session.slug = _unique_slug(session)
        try:
            with transaction.atomic():
                session.save(force_insert=True)
            break
        except IntegrityError:
            session.pk = None
    for field in SESSION_M2M:
        if field in data:
            getattr(session, field).set(data[field] or [])
    audit_record(
        actor=actor, action="vorming.session.created", obj=session, changes=audit_describe(data)
    )
    if session.meeting_id:
        meeting_follow_session(
            meeting=session.meeting, to_state=Meeting.State.SCHEDULED, actor=actor
        )
    return session


@transaction.atomic
def session_update(*, session: Session, data: dict, actor) -> Session:
    """Change a session; when its times change, its registrants are e-mailed."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.status in (Status.CANCELLED, Status.HELD) and any(
        field in data and data[field] != getattr(session, field) for field in TIME_FIELDS
    ):
        raise DomainError(msg.CANCELLED_CANNOT_MOVE)
    before = {field: getattr(session, field) for field in TIME_FIELDS}
    _assign(session, data)
    _check(session)
    session.save()
    for field in SESSION_M2M:
        if field in data:
            getattr(session, field).set(data[field] or [])
    moved = {
        field: str(getattr(session, field))
        for field in TIME_FIELDS
        if getattr(session, field) != before[field]
    }
    audit_record(
        actor=actor, action="vorming.session.updated", obj=session, changes=audit_describe(data)
    )
    if moved:
        _tell_registrants(session, template="vorming_session_moved")
    return session


@transaction.atomic
def session_set_status(*, session: Session, to_status: str, actor) -> Session:
    """Move a session through the status table; registrants hear of a cancellation, and the
    meeting of a teaser that was held counts as given."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    from_status = session.status
    if to_status not in ALLOWED_STATUS_MOVES[from_status]:
        raise DomainError(msg.STATUS_NOT_ALLOWED, code="not_allowed")
    session.status = to_status
    session.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action=f"vorming.session.{to_status}",
        obj=session,
        changes={"from": from_status, "to": to_status},
    )
    if to_status == Status.CANCELLED:
        _tell_registrants(session, template="vorming_session_cancelled")
    if to_status == Status.HELD:
        from .evaluations import evaluation_invite

        evaluation_invite(session=session)
    if to_status == Status.HELD and session.meeting_id:
        meeting_follow_session(meeting=session.meeting, to_state=Meeting.State.GIVEN, actor=actor)
    return session


def _tell_registrants(session: Session, *, template: str) -> None:
    addresses = list(
        session.registrations.filter(status__in=Registration.ACTIVE).values_list("email", flat=True)
    )
    email_enqueue_each(to=addresses, template=template, context={"session": session})
