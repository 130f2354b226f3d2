"""Organisations and the requests to represent them."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.services import (
    audit_describe,
    audit_record,
    email_enqueue,
    email_enqueue_each,
)

from .. import messages as msg
from ..models import (
    Organisation,
    Representation,
)
from ..selectors import coordinator_emails, map_changed
from ._common import (
    assign_fields,
    assign_m2m,
    changed_fields,
    changed_m2m,
    insert_with_slug,
    note_check,
    save_checked,
)

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


@transaction.atomic
def organisation_create(*, actor, data: dict) -> Organisation:
    """Create an organisation from cleaned form ``data``; an enterprise number that is taken
    is a DomainError, also when another request takes it at the same moment."""
    organisation = Organisation()
    assign_fields(organisation, data, ORGANISATION_FIELDS)
    organisation.full_clean(exclude=["slug"], validate_constraints=False)
    insert_with_slug(
        organisation,
        text=organisation.name,
        conflict=lambda: enterprise_number_conflict(organisation),
    )
    assign_m2m(organisation, data, ORGANISATION_M2M)
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
    changes = changed_fields(stored, data, ORGANISATION_FIELDS) | changed_m2m(
        stored, data, ORGANISATION_M2M
    )
    assign_fields(organisation, data, ORGANISATION_FIELDS)
    organisation.full_clean(validate_constraints=False)
    save_checked(organisation, conflict=lambda: enterprise_number_conflict(organisation))
    assign_m2m(organisation, data, ORGANISATION_M2M)
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
