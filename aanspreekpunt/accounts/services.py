"""Writes on accounts and profiles."""

from django.db import transaction

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
    from django.contrib.auth import get_user_model
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
