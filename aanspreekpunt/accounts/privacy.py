"""The member's account, profile, addresses and two-factor settings: their part of the
export and of an account's deletion (registered in ``AccountsConfig.ready()``)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth import get_user_model

from aanspreekpunt.core.contributions import DataSubject

from .models import Profile
from .services import sessions_delete


def records(user) -> list:
    """The rows about the member: the audit entries about these are theirs too."""
    return [get_user_model().objects.filter(pk=user.pk), Profile.objects.filter(user=user)]


def account_export(subject: DataSubject) -> dict:
    user = subject.user
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "joined_at": user.date_joined,
        "last_login": user.last_login,
        "roles": sorted(group.name for group in user.groups.all()),
        "administrator": user.is_superuser,
    }


def profile_export(subject: DataSubject) -> dict | None:
    profile = Profile.objects.select_related("sector").filter(user=subject.user).first()
    if profile is None:
        return None
    return {
        "role_in_the_community": profile.get_community_role_display(),
        "sector": profile.sector.name if profile.sector else "",
        "organisation": profile.organisation_name,
        "updated_at": profile.updated_at,
    }


def email_addresses_export(subject: DataSubject) -> list[dict]:
    addresses = EmailAddress.objects.filter(user=subject.user).order_by("-primary", "email")
    return [
        {"email": address.email, "verified": address.verified, "primary": address.primary}
        for address in addresses
    ]


def two_factor_export(subject: DataSubject) -> dict:
    """Whether two-factor authentication is on and since when; never a secret or a code."""
    authenticators = Authenticator.objects.filter(user=subject.user).order_by("created_at")
    return {
        "enabled": is_mfa_enabled(subject.user),
        "methods": [
            {"type": a.type, "created_at": a.created_at, "last_used_at": a.last_used_at}
            for a in authenticators
        ],
    }


def account_erase(subject: DataSubject) -> dict[str, int]:
    """Delete the sessions and the user row, and with it the addresses, authenticators,
    profile and role memberships. Runs last: other apps' erasers still need the user."""
    user = subject.user
    counts = {
        "sessions": sessions_delete(user=user, emails=subject.emails),
        "email_addresses": EmailAddress.objects.filter(user=user).count(),
        "authenticators": Authenticator.objects.filter(user=user).count(),
    }
    user.delete()
    return counts
