"""Offerings: creation, proposed changes and the moderation steps."""

import copy
from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.services import (
    audit_describe,
    audit_record,
    email_enqueue_each,
)

from .. import messages as msg
from ..models import (
    Modality,
    ModerationEvent,
    Offering,
    Organisation,
)
from ..selectors import coordinator_emails, map_changed, representative_emails
from ._common import (
    assign_fields,
    assign_m2m,
    field_default,
    insert_with_slug,
    note_check,
    save_checked,
)
from .hours import opening_hours_replace, validate_opening_rows
from .quality import quality_has_pending, quality_publish_pending

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
    "cost_note",
    "age_min",
    "age_max",
    "access",
    "waiting_time",
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


def offering_name_conflict(offering: Offering) -> DomainError | None:
    """The error for a name another offering of the same organisation already has."""
    taken = (
        Offering.objects.annotate(lower_name=Lower("name"))
        .filter(organisation_id=offering.organisation_id, lower_name=offering.name.lower())
        .exclude(pk=offering.pk)
        .exists()
    )
    return DomainError(msg.OFFERING_NAME_TAKEN, code="conflict") if taken else None


@transaction.atomic
def offering_create(
    *, organisation: Organisation, actor, data: dict, hours: list[dict] | None = None
) -> Offering:
    """A new offering of ``organisation``, as a draft that only its representatives see.

    An organisation has one offering of a name: a second one, also from a simultaneous
    request such as a double click, is a DomainError."""
    offering = Offering(organisation=organisation)
    assign_fields(offering, data, (*OFFERING_FIELDS, "hours_modality", "sources", "is_demo"))
    offering.full_clean(exclude=["slug"], validate_constraints=False)
    insert_with_slug(
        offering, text=offering.name, conflict=lambda: offering_name_conflict(offering)
    )
    assign_m2m(offering, data, OFFERING_M2M)
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
        assign_fields(offering, data, (*OFFERING_FIELDS, "hours_modality"))
        offering.full_clean(validate_constraints=False)
        save_checked(offering, conflict=lambda: offering_name_conflict(offering))
        assign_m2m(offering, data, OFFERING_M2M)
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
    assign_fields(proposed, data, (*OFFERING_FIELDS, "hours_modality"))
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
    if (
        offering.moderation_state == Moderation.PUBLISHED
        and not offering.pending_changes
        and not quality_has_pending(offering)
    ):
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
    quality_publish_pending(offering=offering, actor=actor, now=now)
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
    if offering.moderation_state == Moderation.ARCHIVED:
        raise DomainError(msg.ALREADY_ARCHIVED)
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
        setattr(offering, field, value if value is not None else field_default(offering, field))
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


def representatives_notify(*, offering: Offering, template: str) -> None:
    """E-mail ``templates/emails/<template>/`` to the approved representatives of the offering."""
    email_enqueue_each(
        to=representative_emails(organisation=offering.organisation),
        template=template,
        context={"offering": offering},
    )


@transaction.atomic
def offering_notice_set(*, offering: Offering, actor, text: str, until: date | None) -> Offering:
    """Set (or with an empty ``text`` remove) the short notice visitors see until ``until``.
    It applies at once, like an exception to the hours: it is urgent, and it is audited."""
    from ..opening import local_now

    offering = Offering.objects.select_for_update().get(pk=offering.pk)
    text = (text or "").strip()
    if text and until is None:
        raise DomainError(msg.NOTICE_END_REQUIRED)
    if text and until < local_now().date():
        raise DomainError(msg.NOTICE_END_IN_PAST)
    before = {"notice": offering.notice, "notice_until": offering.notice_until}
    offering.notice = text
    offering.notice_until = until if text else None
    offering.save(update_fields=["notice", "notice_until", "updated_at"])
    audit_record(
        actor=actor,
        action="socialekaart.offering.notice",
        obj=offering,
        changes={
            "before": {k: str(v) if v else "" for k, v in before.items()},
            "after": {"notice": offering.notice, "notice_until": str(offering.notice_until or "")},
        },
    )
    if offering.is_public:
        transaction.on_commit(map_changed)
    return offering
