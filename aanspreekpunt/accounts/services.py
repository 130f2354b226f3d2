"""Writes on accounts and profiles, and the export and deletion of an account."""

import json
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from aanspreekpunt.core import contributions
from aanspreekpunt.core.contributions import DataSubject
from aanspreekpunt.core.models import AuditEntry
from aanspreekpunt.core.permissions import requires_two_factor
from aanspreekpunt.core.services import audit_record

from .models import Profile

PROFILE_FIELDS = ("community_role", "sector", "organisation_name")
USER_FIELDS = ("first_name", "last_name")


def profile_get_or_create(*, user) -> Profile:
    """The user's profile, created empty the first time it is needed."""
    profile, _ = Profile.objects.select_related("sector").get_or_create(user=user)
    return profile


@transaction.atomic
def profile_update(*, user, actor, data: dict) -> Profile:
    """Change the user's name and profile fields in ``data``, and audit what changed."""
    profile = profile_get_or_create(user=user)
    changes = {}
    for target, fields in ((user, USER_FIELDS), (profile, PROFILE_FIELDS)):
        for field in fields:
            if field in data and getattr(target, field) != data[field]:
                changes[field] = str(data[field] or "")
                setattr(target, field, data[field])
    if changes:
        changed_user_fields = [field for field in USER_FIELDS if field in changes]
        if changed_user_fields:
            user.save(update_fields=changed_user_fields)
        profile.save()
        audit_record(actor=actor, action="accounts.profile.updated", obj=profile, changes=changes)
    return profile


@transaction.atomic
def user_create(
    *, email: str, password: str, groups: list[str] = (), superuser: bool = False, **names
):
    """Create a user whose e-mail address is already verified (for demo data and set-up)."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Group

    User = get_user_model()
    user, created = User.objects.get_or_create(email=email, defaults=names)
    if created:
        user.set_password(password)
        user.is_superuser = user.is_staff = superuser
        user.save()
        audit_record(actor=None, action="accounts.user.created", obj=user, changes={"email": email})
    user.groups.add(*Group.objects.filter(name__in=groups))
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    profile_get_or_create(user=user)
    return user


# --- Privacy: export and deletion of an account -----------------------------------------

ERASED = "erased"
DEACTIVATED = "deactivated"


def data_subject(*, user, pseudonym: str = "") -> DataSubject:
    """What identifies ``user`` in the data of every app, read before anything changes."""
    from allauth.account.models import EmailAddress

    addresses = EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    emails = sorted({address.lower() for address in [user.email, *addresses] if address})
    full_name = user.get_full_name().strip()
    records = tuple(
        (queryset.model._meta.label_lower, str(pk))
        for provider in contributions.personal_records
        for queryset in provider.run(user)
        for pk in queryset.values_list("pk", flat=True)
    )
    return DataSubject(
        user=user,
        emails=tuple(emails),
        names=(full_name,) if full_name else (),
        pseudonym=pseudonym,
        records=records,
    )


def account_export(*, user) -> dict:
    """Everything the platform holds about ``user``: one section per registered exporter."""
    subject = data_subject(user=user)
    return {
        "description": gettext(
            "Your personal data on the platform of the contact point for online help."
        ),
        "exported_at": timezone.now(),
        "data": {
            exporter.name: exporter.run(subject)
            for exporter in contributions.personal_data_exporters
        },
    }


@transaction.atomic
def account_delete(*, user, actor) -> str:
    """Erase a member's account (``ERASED``), or deactivate a staff account (``DEACTIVATED``).

    A member's personal data goes, through every registered eraser; what they wrote and the
    history of their requests stay, without them, and their audit entries keep a pseudonym.
    Administrators, coordinators and editors act for the contact point, which must account
    for its public task: their account is deactivated and their name stays with their work.
    """
    user = get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if user is None:  # deleted by a request that committed first
        return ERASED
    if requires_two_factor(user):  # the staff roles of core.permissions
        user.is_active = False
        user.save(update_fields=["is_active"])
        sessions = sessions_delete(user=user)
        audit_record(
            actor=actor,
            action="accounts.user.deactivated",
            obj=user,
            changes={"reason": "deletion requested", "sessions": str(sessions)},
        )
        return DEACTIVATED
    pseudonym = f"{contributions.DELETED_MEMBER} #{secrets.token_hex(4)}"
    subject = data_subject(user=user, pseudonym=pseudonym)
    # Written first, so the audit eraser pseudonymises it like every entry about the member.
    entry = audit_record(actor=actor, action="accounts.user.erased", obj=user)
    changes = {}
    for eraser in contributions.personal_data_erasers:
        for key, count in eraser.run(subject).items():
            changes[f"{eraser.name}.{key}"] = count
    AuditEntry.objects.filter(pk=entry.pk).update(changes=changes)
    return ERASED


def sessions_delete(*, user, emails: tuple[str, ...] = ()) -> int:
    """Delete every stored session of ``user``, and every session that holds one of their
    ``emails`` (a sign-up or login under way). The database keeps sessions encoded, so each
    is read: a scan, acceptable for a deletion or deactivation, which is rare."""
    from django.contrib.auth import SESSION_KEY
    from django.contrib.sessions.models import Session

    doomed = []
    for session in Session.objects.iterator(chunk_size=1000):
        data = session.get_decoded()
        text = json.dumps(data, default=str).lower()
        if data.get(SESSION_KEY) == str(user.pk) or any(email in text for email in emails):
            doomed.append(session.session_key)
    deleted, _ = Session.objects.filter(session_key__in=doomed).delete()
    return deleted
