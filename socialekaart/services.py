"""Writes on the service map: organisations, representatives, offerings and their moderation."""

import copy
import secrets
from collections.abc import Callable
from datetime import date, time
from itertools import pairwise

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.services import (
    audit_describe,
    audit_record,
    email_enqueue,
    email_enqueue_each,
)

from . import messages as msg
from .models import (
    NOTE_MAX_LENGTH,
    Modality,
    ModerationEvent,
    Offering,
    OpeningException,
    OpeningHours,
    Organisation,
    Representation,
)
from .selectors import coordinator_emails, map_changed, representative_emails

Moderation = Offering.Moderation

# Which moderation steps are allowed from each state (style rule 6).
ALLOWED_MOVES = {
    Moderation.DRAFT: {Moderation.SUBMITTED, Moderation.ARCHIVED},
    Moderation.SUBMITTED: {Moderation.PUBLISHED, Moderation.DRAFT, Moderation.ARCHIVED},
    Moderation.PUBLISHED: {Moderation.SUBMITTED, Moderation.ARCHIVED},
    Moderation.ARCHIVED: {Moderation.DRAFT},
}

OFFERING_FIELDS = (
    "name",
    "description",
    "target_group_note",
    "anonymity",
    "cost",
    "staffed_by",
    "languages",
    "access_url",
    "phone",
    "email",
    "status",
    "start_date",
    "since_note",
    "always_available",
    "hours_note",
    "hours_as_of",
)
OFFERING_M2M = ("modalities", "target_groups", "themes")
ORGANISATION_FIELDS = (
    "name",
    "enterprise_number",
    "website",
    "email",
    "phone",
    "street",
    "postcode",
    "city",
    "serves_all_flanders",
    "serves_brussels",
    "description",
)
ORGANISATION_M2M = ("sectors", "provinces", "municipalities")
OPEN_REQUEST = (Representation.Status.REQUESTED, Representation.Status.APPROVED)
# Simultaneous requests may pick the same free slug; after this many tries a random
# suffix makes the next one free.
SLUG_TRIES = 3


def unique_slug(model, text: str, *, exclude_pk=None, random_suffix: bool = False) -> str:
    """A slug from ``text`` that no other row of ``model`` uses."""
    base = slugify(text)[:200] or "item"
    if random_suffix:
        return f"{base}-{secrets.token_hex(3)}"
    slug, number = base, 2
    others = model.objects.exclude(pk=exclude_pk)
    while others.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def save_checked(instance, *, conflict: Callable[[], DomainError | None], **save_options) -> None:
    """Save ``instance`` unless ``conflict()`` names a rule the row breaks.

    The rule is also a constraint in the database. When two requests pass the check at
    the same time, the database lets one row in and refuses the other; the check then
    runs again, sees the row that won and names the conflict to the user."""
    error = conflict()
    if error is not None:
        raise error
    try:
        with transaction.atomic():
            instance.save(**save_options)
    except IntegrityError:
        error = conflict()
        if error is None:
            raise
        raise error from None


def insert_with_slug(instance, *, text: str, conflict: Callable[[], DomainError | None]) -> None:
    """Insert ``instance`` under a free slug made from ``text`` (see ``save_checked``); a
    slug taken in the meantime by a simultaneous request is replaced by the next free one."""
    model = type(instance)
    for attempt in range(SLUG_TRIES + 1):
        instance.slug = unique_slug(model, text, random_suffix=attempt == SLUG_TRIES)
        try:
            save_checked(instance, conflict=conflict, force_insert=True)
        except IntegrityError:
            if attempt == SLUG_TRIES or not model.objects.filter(slug=instance.slug).exists():
                raise
        else:
            return


def enterprise_number_conflict(organisation: Organisation) -> DomainError | None:
    """The error for an enterprise number another organisation already has."""
    number = organisation.enterprise_number
    existing = (
        Organisation.objects.filter(enterprise_number=number).exclude(pk=organisation.pk).first()
        if number
        else None
    )
    if existing is None:
        return None
    return DomainError(msg.ENTERPRISE_NUMBER_TAKEN % {"name": existing.name}, code="conflict")


def offering_name_conflict(offering: Offering) -> DomainError | None:
    """The error for a name another offering of the same organisation already has."""
    taken = (
        Offering.objects.annotate(lower_name=Lower("name"))
        .filter(organisation_id=offering.organisation_id, lower_name=offering.name.lower())
        .exclude(pk=offering.pk)
        .exists()
    )
    return DomainError(msg.OFFERING_NAME_TAKEN, code="conflict") if taken else None


# --- Organisations and representatives -------------------------------------------------


@transaction.atomic
def organisation_create(*, actor, data: dict) -> Organisation:
    """Create an organisation from cleaned form ``data``; an enterprise number that is taken
    is a DomainError, also when another request takes it at the same moment."""
    organisation = Organisation()
    _assign(organisation, data, ORGANISATION_FIELDS)
    organisation.full_clean(exclude=["slug"], validate_constraints=False)
    insert_with_slug(
        organisation,
        text=organisation.name,
        conflict=lambda: enterprise_number_conflict(organisation),
    )
    _assign_m2m(organisation, data, ORGANISATION_M2M)
    transaction.on_commit(map_changed)
    audit_record(
        actor=actor,
        action="socialekaart.organisation.created",
        obj=organisation,
        changes=audit_describe(data),
    )
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, actor, data: dict) -> Organisation:
    """Change an organisation's details; the audit entry lists the changed fields.

    The stored row is the reference: a model form has already copied its data onto the
    instance it was given. The row stays locked until the change is committed, so two
    simultaneous changes are applied one after the other."""
    stored = (
        Organisation.objects.select_for_update()
        .prefetch_related(*ORGANISATION_M2M)
        .get(pk=organisation.pk)
    )
    changes = _changed(stored, data, ORGANISATION_FIELDS) | _changed_m2m(
        stored, data, ORGANISATION_M2M
    )
    _assign(organisation, data, ORGANISATION_FIELDS)
    organisation.full_clean(validate_constraints=False)
    save_checked(organisation, conflict=lambda: enterprise_number_conflict(organisation))
    _assign_m2m(organisation, data, ORGANISATION_M2M)
    transaction.on_commit(map_changed)
    audit_record(
        actor=actor,
        action="socialekaart.organisation.updated",
        obj=organisation,
        changes=changes,
    )
    return organisation


@transaction.atomic
def representation_request(
    *,
    user,
    organisation: Organisation | None = None,
    proposed_name: str = "",
    proposed_enterprise_number: str = "",
    proposed_sector=None,
    motivation: str = "",
) -> Representation:
    """A member asks to represent an existing organisation or a new one; coordinators are told.

    One open request per member and organisation, and one per new enterprise number: the
    database holds both rules, so simultaneous requests also leave a single one."""
    if organisation is None and not proposed_name:
        raise DomainError(msg.ORGANISATION_REQUIRED)
    representation = Representation(
        user=user,
        organisation=organisation,
        proposed_name=proposed_name,
        proposed_enterprise_number=proposed_enterprise_number,
        proposed_sector=proposed_sector,
        motivation=motivation,
    )
    representation.full_clean(validate_constraints=False)
    save_checked(representation, conflict=lambda: representation_conflict(representation))
    audit_record(actor=user, action="socialekaart.representation.requested", obj=representation)
    email_enqueue_each(
        to=coordinator_emails(),
        template="representation_requested",
        context={"representation": representation},
    )
    return representation


def representation_conflict(representation: Representation) -> DomainError | None:
    """The error for a request that repeats an open one or names a known enterprise number."""
    open_requests = Representation.objects.filter(
        user_id=representation.user_id, status__in=OPEN_REQUEST
    ).exclude(pk=representation.pk)
    if representation.organisation_id is not None:
        if open_requests.filter(organisation_id=representation.organisation_id).exists():
            return DomainError(msg.ALREADY_REQUESTED, code="conflict")
        return None
    new_requests = Representation.objects.filter(
        organisation__isnull=True, status=Representation.Status.REQUESTED
    ).exclude(pk=representation.pk)
    if (
        new_requests.filter(user_id=representation.user_id)
        .annotate(lower_name=Lower("proposed_name"))
        .filter(lower_name=representation.proposed_name.lower())
        .exists()
    ):
        return DomainError(msg.ALREADY_REQUESTED, code="conflict")
    number = representation.proposed_enterprise_number
    if number:
        error = enterprise_number_conflict(Organisation(enterprise_number=number))
        if error is not None:
            return error
        if new_requests.filter(proposed_enterprise_number=number).exists():
            return DomainError(msg.KBO_ALREADY_REQUESTED, code="conflict")
    return None


@transaction.atomic
def representation_decide(
    *, representation: Representation, actor, approve: bool, note: str = ""
) -> Representation:
    """Approve (creating a proposed organisation) or refuse a request; the member is told.

    The request stays locked until the decision is committed: of two simultaneous
    decisions the second finds it decided and changes nothing."""
    note_check(note)
    representation = (
        Representation.objects.select_for_update(of=("self",))
        .select_related("user", "organisation")
        .get(pk=representation.pk)
    )
    if representation.status != Representation.Status.REQUESTED:
        raise DomainError(msg.ALREADY_DECIDED, code="conflict")
    if approve and representation.organisation is None:
        representation.organisation = organisation_create(
            actor=actor,
            data={
                "name": representation.proposed_name,
                "enterprise_number": representation.proposed_enterprise_number,
                "sectors": [representation.proposed_sector]
                if representation.proposed_sector
                else [],
            },
        )
    representation.status = (
        Representation.Status.APPROVED if approve else Representation.Status.REFUSED
    )
    representation.decided_by = actor
    representation.decided_at = timezone.now()
    representation.decision_note = note
    representation.save()
    if approve:
        representation.user.groups.add(Group.objects.get(name=roles.REPRESENTATIVES))
    audit_record(
        actor=actor,
        action=f"socialekaart.representation.{representation.status}",
        obj=representation,
        changes={"note": note},
    )
    email_enqueue(
        to=[representation.user.email],
        template="representation_decided",
        context={"representation": representation},
    )
    return representation


def note_check(note: str) -> None:
    """A coordinator's note fits its field and holds no NUL character, or nothing happens."""
    if len(note) > NOTE_MAX_LENGTH:
        raise DomainError(msg.NOTE_TOO_LONG % {"limit": NOTE_MAX_LENGTH}, code="invalid")
    if "\x00" in note:
        raise DomainError(msg.NUL_CHARACTER, code="invalid")


# --- Offerings --------------------------------------------------------------------------


@transaction.atomic
def offering_create(
    *, organisation: Organisation, actor, data: dict, hours: list[dict] | None = None
) -> Offering:
    """A new offering of ``organisation``, as a draft that only its representatives see.

    An organisation has one offering of a name: a second one, also from a simultaneous
    request such as a double click, is a DomainError."""
    offering = Offering(organisation=organisation)
    _assign(offering, data, (*OFFERING_FIELDS, "hours_modality", "sources", "is_demo"))
    offering.full_clean(exclude=["slug"], validate_constraints=False)
    insert_with_slug(
        offering, text=offering.name, conflict=lambda: offering_name_conflict(offering)
    )
    _assign_m2m(offering, data, OFFERING_M2M)
    opening_hours_replace(offering=offering, rows=hours or [])
    audit_record(
        actor=actor,
        action="socialekaart.offering.created",
        obj=offering,
        changes=audit_describe(data),
    )
    return offering


@transaction.atomic
def offering_update(
    *, offering: Offering, actor, data: dict, hours: list[dict] | None = None
) -> Offering:
    """Change an offering; visitors keep seeing a public one as published until review."""
    offering = Offering.objects.select_for_update().get(pk=offering.pk)
    if offering.moderation_state == Moderation.SUBMITTED:
        raise DomainError(msg.UNDER_REVIEW)
    if offering.is_public:
        _check_proposed_change(offering, data)
        validate_opening_rows(hours or [])
        offering.pending_changes = offering_snapshot(data=data, hours=hours or [])
        offering.save(update_fields=["pending_changes", "updated_at"])
        action = "socialekaart.offering.change_proposed"
    else:
        _assign(offering, data, (*OFFERING_FIELDS, "hours_modality"))
        offering.full_clean(validate_constraints=False)
        save_checked(offering, conflict=lambda: offering_name_conflict(offering))
        _assign_m2m(offering, data, OFFERING_M2M)
        opening_hours_replace(offering=offering, rows=hours or [])
        action = "socialekaart.offering.updated"
    changes = audit_describe(data)
    changes["hours"] = "; ".join(
        f"{row['weekday']} {row['opens']:%H:%M}-{row['closes']:%H:%M}" for row in hours or []
    )
    audit_record(actor=actor, action=action, obj=offering, changes=changes)
    return offering


def _check_proposed_change(offering: Offering, data: dict) -> None:
    """A change waiting for review must be publishable: the same field rules and name rule."""
    proposed = copy.copy(offering)
    _assign(proposed, data, (*OFFERING_FIELDS, "hours_modality"))
    proposed.full_clean(validate_constraints=False)
    error = offering_name_conflict(proposed)
    if error is not None:
        raise error


@transaction.atomic
def offering_transition(
    *, offering: Offering, actor, to_state: str, note: str = ""
) -> ModerationEvent:
    """Move ``offering`` to ``to_state`` if the table allows it, with a history row and audit."""
    note_check(note)
    from_state = offering.moderation_state
    if to_state not in ALLOWED_MOVES[from_state]:
        raise DomainError(msg.MOVE_NOT_ALLOWED)
    offering.moderation_state = to_state
    offering.save(update_fields=["moderation_state", "updated_at"])
    audit_record(
        actor=actor,
        action=f"socialekaart.offering.{to_state}",
        obj=offering,
        changes={"from": from_state, "to": to_state, "note": note},
    )
    return ModerationEvent.objects.create(
        offering=offering, actor=actor, from_state=from_state, to_state=to_state, note=note
    )


@transaction.atomic
def offering_submit(*, offering: Offering, actor) -> Offering:
    """Send an offering (or the pending change to a public one) to the coordinators' queue."""
    offering = Offering.objects.select_for_update().get(pk=offering.pk)
    if offering.moderation_state == Moderation.PUBLISHED and not offering.pending_changes:
        raise DomainError(msg.NOTHING_TO_SUBMIT)
    offering_transition(offering=offering, actor=actor, to_state=Moderation.SUBMITTED)
    offering.submitted_at = timezone.now()
    offering.moderation_note = ""
    offering.save(update_fields=["submitted_at", "moderation_note"])
    email_enqueue_each(
        to=coordinator_emails(), template="offering_submitted", context={"offering": offering}
    )
    return offering


@transaction.atomic
def offering_publish(*, offering: Offering, actor, note: str = "") -> Offering:
    """Publish a submitted offering, applying a pending change; representatives are told."""
    offering = Offering.objects.select_for_update().get(pk=offering.pk)
    offering_transition(offering=offering, actor=actor, to_state=Moderation.PUBLISHED, note=note)
    if offering.pending_changes:
        _apply_snapshot(offering, offering.pending_changes)
    now = timezone.now()
    offering.pending_changes = None
    offering.is_public = True
    offering.published_at = now
    offering.last_reviewed_at = now
    offering.moderation_note = note
    save_checked(offering, conflict=lambda: offering_name_conflict(offering))
    transaction.on_commit(map_changed)
    representatives_notify(offering=offering, template="offering_published")
    return offering


@transaction.atomic
def offering_send_back(*, offering: Offering, actor, note: str) -> Offering:
    """Return a submitted offering to its representatives with a note; a public version stays."""
    if not note.strip():
        raise DomainError(msg.NOTE_REQUIRED)
    offering = Offering.objects.select_for_update().get(pk=offering.pk)
    offering_transition(offering=offering, actor=actor, to_state=Moderation.DRAFT, note=note)
    offering.moderation_note = note
    offering.save(update_fields=["moderation_note"])
    representatives_notify(offering=offering, template="offering_sent_back")
    return offering


@transaction.atomic
def offering_archive(*, offering: Offering, actor, note: str = "") -> Offering:
    """Take an offering off the map."""
    offering = Offering.objects.select_for_update().get(pk=offering.pk)
    offering_transition(offering=offering, actor=actor, to_state=Moderation.ARCHIVED, note=note)
    offering.is_public = False
    offering.save(update_fields=["is_public"])
    transaction.on_commit(map_changed)
    return offering


@transaction.atomic
def offering_confirm_current(*, offering: Offering, actor) -> Offering:
    """The representative confirms the offering is still correct (the yearly review)."""
    offering.last_reviewed_at = timezone.now()
    offering.review_reminder_sent_at = None
    offering.save(update_fields=["last_reviewed_at", "review_reminder_sent_at", "updated_at"])
    audit_record(actor=actor, action="socialekaart.offering.confirmed", obj=offering)
    return offering


def opening_hours_replace(*, offering: Offering, rows: list[dict]) -> None:
    """Replace the weekly hours by ``rows`` (weekday, opens, closes), after checking them."""
    validate_opening_rows(rows)
    offering.opening_hours.all().delete()
    OpeningHours.objects.bulk_create(
        OpeningHours(offering=offering, weekday=r["weekday"], opens=r["opens"], closes=r["closes"])
        for r in rows
    )


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


# --- Snapshots of a proposed change -------------------------------------------------------


def offering_snapshot(*, data: dict, hours: list[dict]) -> dict:
    """The cleaned form data and hours as JSON, to keep as a change awaiting review."""
    snapshot = {field: data[field] for field in OFFERING_FIELDS if field in data}
    if isinstance(snapshot.get("start_date"), date):
        snapshot["start_date"] = snapshot["start_date"].isoformat()
    if "hours_modality" in data:
        modality = data["hours_modality"]
        snapshot["hours_modality"] = modality.pk if modality else None
    for field in OFFERING_M2M:
        if field in data:
            snapshot[field] = sorted(term.pk for term in data[field] or [])
    snapshot["hours"] = [
        {
            "weekday": row["weekday"],
            "opens": row["opens"].isoformat(),
            "closes": row["closes"].isoformat(),
        }
        for row in hours
    ]
    return snapshot


def _apply_snapshot(offering: Offering, snapshot: dict) -> None:
    """Apply the fields the change holds; fields it does not mention keep their value."""
    for field in OFFERING_FIELDS:
        if field not in snapshot:
            continue
        value = snapshot[field]
        if field == "start_date" and value:
            value = date.fromisoformat(value)
        setattr(offering, field, value if value is not None else _default(offering, field))
    if "hours_modality" in snapshot:
        offering.hours_modality = Modality.objects.filter(pk=snapshot["hours_modality"]).first()
    try:
        offering.full_clean()
    except ValidationError as error:
        raise DomainError(msg.CHANGE_INVALID % {"errors": "; ".join(error.messages)}) from error
    for field in OFFERING_M2M:
        if field in snapshot:
            getattr(offering, field).set(snapshot[field])
    opening_hours_replace(offering=offering, rows=snapshot_hours(snapshot))


def snapshot_hours(snapshot: dict) -> list[dict]:
    """The weekly rows a proposed change holds, with times again."""
    return [
        {
            "weekday": row["weekday"],
            "opens": time.fromisoformat(row["opens"]),
            "closes": time.fromisoformat(row["closes"]),
        }
        for row in snapshot.get("hours", [])
    ]


# --- helpers ------------------------------------------------------------------------------


def _default(instance, field: str):
    return instance._meta.get_field(field).get_default()


def _assign(instance, data: dict, fields) -> None:
    for field in fields:
        if field in data:
            value = data[field]
            setattr(instance, field, _default(instance, field) if value is None else value)


def _assign_m2m(instance, data: dict, fields) -> None:
    for field in fields:
        if field in data:
            getattr(instance, field).set(data[field] or [])


def _changed(instance, data: dict, fields) -> dict:
    return {
        field: str(data[field])
        for field in fields
        if field in data and getattr(instance, field) != data[field]
    }


def _changed_m2m(instance, data: dict, fields) -> dict:
    changes = {}
    for field in fields:
        if field in data:
            old = {item.pk for item in getattr(instance, field).all()}
            new = data[field] or []
            if old != {item.pk for item in new}:
                changes[field] = ", ".join(str(item) for item in new)
    return changes


def representatives_notify(*, offering: Offering, template: str) -> None:
    """E-mail ``templates/emails/<template>/`` to the approved representatives of the offering."""
    email_enqueue_each(
        to=representative_emails(organisation=offering.organisation),
        template=template,
        context={"offering": offering},
    )
