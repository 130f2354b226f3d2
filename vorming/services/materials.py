"""Materials of a session: a document or a link, public or for its participants."""

from django.db import transaction

from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.services import audit_record

from .. import messages as msg
from ..models import Material, Registration


@transaction.atomic
def material_add(*, session, data: dict, actor) -> Material:
    if bool(data.get("link")) == bool(data.get("file")):
        raise DomainError(msg.MATERIAL_LINK_OR_FILE)
    material = Material.objects.create(
        session=session,
        title=data["title"],
        link=data.get("link") or "",
        file=data.get("file"),
        is_public=data.get("is_public", False),
    )
    audit_record(
        actor=actor,
        action="vorming.material.added",
        obj=material,
        changes={"session": session.pk, "public": material.is_public},
    )
    return material


def material_may_be_served(material: Material, user, *, as_coordinator: bool) -> bool:
    """Public material to everyone; the rest to coordinators and the session's participants
    (a place confirmed, by account or by a verified address)."""
    if material.is_public or as_coordinator:
        return True
    if not user.is_authenticated:
        return False
    from allauth.account.models import EmailAddress

    addresses = list(
        EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    )
    participants = Registration.objects.filter(
        session_id=material.session_id, status=Registration.Status.CONFIRMED
    )
    by_address = participants.none()
    for address in addresses:
        by_address = by_address | participants.filter(email__iexact=address)
    return participants.filter(user=user).exists() or by_address.exists()
