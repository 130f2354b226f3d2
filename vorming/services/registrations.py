"""Registrations: a place held at once or a waiting-list number, never more places than the
session has, whatever arrives at the same moment.

Every write that takes or frees a place locks the session's row first
(``select_for_update``), so the count of places taken and the next waiting number are read
and written by one request at a time per session. Places are freed by a cancellation or a
hold that lapsed; in the same transaction the first on the waiting list gets the place,
except within 24 hours of the start, when the coordinators are told instead.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.services import audit_record, email_enqueue, email_enqueue_each
from socialekaart.selectors import coordinator_emails

from .. import messages as msg
from ..calendar import session_ics
from ..models import HOLD_HOURS, Registration, Session

RStatus = Registration.Status
LINK_SALT = {
    "confirm": "vorming.registration.confirm",
    "cancel": "vorming.registration.cancel",
    "evaluate": "vorming.registration.evaluate",
}
LINK_URL = {
    "confirm": "vorming:registration_confirm",
    "cancel": "vorming:registration_cancel",
    "evaluate": "vorming:evaluation",
}
NO_PROMOTION_WITHIN = timedelta(hours=24)
REMINDER_BEFORE = timedelta(days=2)


def registration_open(session: Session, now=None) -> bool:
    now = now or timezone.now()
    if session.status not in (Session.Status.PLANNED, Session.Status.CONFIRMED):
        return False
    if session.start <= now:
        return False
    if session.registration_opens and now < session.registration_opens:
        return False
    return not (session.registration_closes and now >= session.registration_closes)


def registration_link(registration: Registration, purpose: str) -> str:
    """The address of the signed link that confirms or cancels ``registration``."""
    value = signing.dumps([registration.pk, registration.token], salt=LINK_SALT[purpose])
    return settings.SITE_URL.rstrip("/") + reverse(LINK_URL[purpose], args=[value])


def registration_from_link(value: str, purpose: str) -> Registration:
    """The registration a link names; a forged, mangled or outdated link is a DomainError."""
    try:
        pk, token = signing.loads(value, salt=LINK_SALT[purpose])
        return Registration.objects.select_related("session").get(pk=int(pk), token=str(token))
    except (signing.BadSignature, ValueError, TypeError, Registration.DoesNotExist):
        raise DomainError(msg.LINK_INVALID, code="invalid_link") from None


def places_taken(session: Session) -> int:
    return session.registrations.filter(status__in=Registration.TAKING_PLACE).count()


def waiting_position(registration: Registration) -> int | None:
    """1 for the first on the waiting list; None for a registration that is not waiting."""
    if registration.status != RStatus.WAITING:
        return None
    ahead = Registration.objects.filter(
        session_id=registration.session_id,
        status=RStatus.WAITING,
        waiting_number__lt=registration.waiting_number,
    ).count()
    return ahead + 1


def _lock(session: Session) -> Session:
    return Session.objects.select_for_update().get(pk=session.pk)


@transaction.atomic
def registration_create(*, session: Session, data: dict, user=None, now=None) -> Registration:
    """Hold a place for the registrant, or put them on the waiting list when the session is
    full; the first e-mail asks them to confirm their address."""
    now = now or timezone.now()
    session = _lock(session)
    if not registration_open(session, now):
        raise DomainError(msg.REGISTRATION_CLOSED, code="closed")
    email = data["email"].strip()
    active = session.registrations.filter(status__in=Registration.ACTIVE)
    if active.filter(email__iexact=email).exists():
        raise DomainError(msg.ALREADY_REGISTERED, code="duplicate")
    registration = Registration(
        session=session,
        user=user if getattr(user, "is_authenticated", False) else None,
        name=data["name"].strip(),
        email=email,
        organisation=data["organisation"].strip(),
        function=data["function"],
        token=secrets.token_urlsafe(32),
    )
    if places_taken(session) < session.capacity:
        registration.status = RStatus.HELD
        registration.hold_expires_at = now + timedelta(hours=HOLD_HOURS)
    else:
        registration.status = RStatus.WAITING
        last = session.registrations.aggregate(last=Max("waiting_number"))["last"] or 0
        registration.waiting_number = last + 1
    try:
        with transaction.atomic():
            registration.save(force_insert=True)
    except IntegrityError:
        raise DomainError(msg.ALREADY_REGISTERED, code="duplicate") from None
    audit_record(
        actor=user,
        action="vorming.registration.created",
        obj=registration,
        changes={"session": session.pk, "status": registration.status},
    )
    email_enqueue(
        to=[registration.email],
        template="vorming_registration_received",
        context=_mail_context(registration),
    )
    return registration


def _mail_context(registration: Registration) -> dict:
    return {
        "registration": registration,
        "session": registration.session,
        "position": waiting_position(registration),
        "confirm_url": registration_link(registration, "confirm"),
        "cancel_url": registration_link(registration, "cancel"),
    }


def _ics_attachment(registration: Registration) -> list:
    return [("vorming.ics", session_ics(registration.session), "text/calendar")]


@transaction.atomic
def registration_confirm(*, registration: Registration, now=None) -> Registration:
    """The registrant confirmed their address: a held place becomes theirs (e-mailed with
    the .ics); a waiting entry stays waiting. Confirming twice changes nothing."""
    now = now or timezone.now()
    _lock(registration.session)
    registration = Registration.objects.select_related("session").get(pk=registration.pk)
    if registration.status not in Registration.ACTIVE:
        raise DomainError(msg.ALREADY_CANCELLED, code="inactive")
    if registration.email_confirmed_at:
        return registration
    registration.email_confirmed_at = now
    if registration.status == RStatus.HELD:
        registration.status = RStatus.CONFIRMED
        registration.hold_expires_at = None
    registration.save(
        update_fields=["email_confirmed_at", "status", "hold_expires_at", "updated_at"]
    )
    audit_record(actor=registration.user, action="vorming.registration.confirmed", obj=registration)
    if registration.status == RStatus.CONFIRMED:
        email_enqueue(
            to=[registration.email],
            template="vorming_registration_confirmed",
            context=_mail_context(registration),
            attachments=_ics_attachment(registration),
        )
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, actor=None, now=None) -> Registration:
    """Cancel and, in the same transaction, give the freed place to the first on the waiting
    list (or, within 24 hours of the start, tell the coordinators)."""
    now = now or timezone.now()
    session = _lock(registration.session)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status not in Registration.ACTIVE:
        raise DomainError(msg.ALREADY_CANCELLED, code="inactive")
    freed = registration.status in Registration.TAKING_PLACE
    registration.status = RStatus.CANCELLED
    registration.hold_expires_at = None
    registration.save(update_fields=["status", "hold_expires_at", "updated_at"])
    audit_record(actor=actor, action="vorming.registration.cancelled", obj=registration)
    if freed:
        _fill_free_places(session, now=now)
    return registration


def _fill_free_places(session: Session, *, now) -> list[Registration]:
    """Inside the session's lock: promote from the waiting list into the free places."""
    free = session.capacity - places_taken(session)
    waiting = session.registrations.filter(status=RStatus.WAITING).order_by("waiting_number")
    if free <= 0 or not waiting.exists():
        return []
    if session.start - now <= NO_PROMOTION_WITHIN:
        email_enqueue_each(
            to=coordinator_emails(),
            template="vorming_place_freed_late",
            context={"session": session, "free": free},
        )
        return []
    promoted = list(waiting[:free])
    for registration in promoted:
        if registration.email_confirmed_at:
            registration.status = RStatus.CONFIRMED
            registration.hold_expires_at = None
        else:
            registration.status = RStatus.HELD
            registration.hold_expires_at = now + timedelta(hours=HOLD_HOURS)
        registration.save(update_fields=["status", "hold_expires_at", "updated_at"])
        audit_record(actor=None, action="vorming.registration.promoted", obj=registration)
        email_enqueue(
            to=[registration.email],
            template="vorming_registration_promoted",
            context=_mail_context(registration),
            attachments=_ics_attachment(registration)
            if registration.status == RStatus.CONFIRMED
            else None,
        )
    return promoted


def holds_lapse(*, now=None) -> int:
    """Free the places held for 48 hours without a confirmed address (a beat task); each
    session's lapses and promotions in one transaction under its lock."""
    now = now or timezone.now()
    session_ids = set(
        Registration.objects.filter(status=RStatus.HELD, hold_expires_at__lte=now).values_list(
            "session_id", flat=True
        )
    )
    lapsed = 0
    for session_id in sorted(session_ids):
        with transaction.atomic():
            session = Session.objects.select_for_update().get(pk=session_id)
            expired = list(
                session.registrations.filter(status=RStatus.HELD, hold_expires_at__lte=now)
            )
            for registration in expired:
                registration.status = RStatus.LAPSED
                registration.hold_expires_at = None
                registration.save(update_fields=["status", "hold_expires_at", "updated_at"])
                audit_record(actor=None, action="vorming.registration.lapsed", obj=registration)
            lapsed += len(expired)
            if session.start > now:
                _fill_free_places(session, now=now)
    return lapsed


def reminders_send(*, now=None) -> int:
    """E-mail every confirmed registrant two days before; exactly once per registration.

    The mark and the queued e-mail are written in one transaction, and the mark is taken
    with a conditional update: a second run, a run beside this one, or a run after a worker
    died half-way sends nothing twice and misses nobody."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=RStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        session__status__in=[Session.Status.PLANNED, Session.Status.CONFIRMED],
        session__start__gt=now,
        session__start__lte=now + REMINDER_BEFORE,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            marked = Registration.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if not marked:
                continue
            registration = Registration.objects.select_related("session").get(pk=pk)
            email_enqueue(
                to=[registration.email],
                template="vorming_reminder",
                context=_mail_context(registration),
            )
            sent += 1
    return sent


@transaction.atomic
def attendance_record(*, session: Session, present: set[int], actor) -> int:
    """Mark who came: the registrations with a place whose ids are in ``present`` attended,
    the others with a place did not."""
    session = _lock(session)
    placed = session.registrations.filter(status__in=Registration.TAKING_PLACE)
    came = placed.filter(pk__in=present).update(attended=True)
    placed.exclude(pk__in=present).update(attended=False)
    if session.status == Session.Status.HELD:
        from .evaluations import evaluation_invite

        evaluation_invite(session=session)
    audit_record(
        actor=actor, action="vorming.session.attendance", obj=session, changes={"present": came}
    )
    return came
