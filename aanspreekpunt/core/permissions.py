"""Who may do what: the roles of product.md §2, checked on the server for every request.

One rule for every staff privilege: administrators, coordinators and editors act as staff
only in a session that passed two-factor authentication. Having an authenticator is not
enough; *this session* must have used it. allauth records every way a session
authenticated; a record with method ``mfa`` is written when the user answers the
two-factor challenge at login, re-authenticates with a code, or sets up their
authenticator app (``accounts.signals``).

Views ask through :func:`role_required` or :func:`request_has_role`; the Wagtail admin
through ``core.middleware.StaffTwoFactorMiddleware``; selectors that widen what staff see
are *given* the answer (``as_coordinator=...``) rather than asking the user object.
"""

from functools import wraps
from urllib.parse import quote

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from aanspreekpunt.accounts.roles import user_has_role

AFTER_TWO_FACTOR_SETUP = "after_two_factor_setup"


def requires_two_factor(user) -> bool:
    """Administrators, coordinators, editors and anyone admitted to the back office."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    if any(group.name in settings.STAFF_GROUPS_REQUIRING_2FA for group in user.groups.all()):
        return True
    return user.has_perm("wagtailadmin.access_admin")


def session_passed_two_factor(request) -> bool:
    """True when this session answered a two-factor challenge (allauth's records)."""
    user = request.user
    if not user.is_authenticated:
        return False
    cached = getattr(request, "_two_factor_passed", None)
    if cached is None:
        records = get_authentication_records(request, user)
        cached = any(record.get("method") == "mfa" for record in records)
        request._two_factor_passed = cached
    return cached


def staff_two_factor_missing(request) -> bool:
    """A user whose role needs two-factor, in a session that has not passed it."""
    return requires_two_factor(request.user) and not session_passed_two_factor(request)


def request_has_role(request, role: str) -> bool:
    """The one question every view asks: may this request act in ``role``?

    Staff roles (and everything an administrator may do by virtue of being one) count only
    in a session that passed two-factor authentication.
    """
    user = request.user
    if not user_has_role(user, role):
        return False
    if role in settings.STAFF_GROUPS_REQUIRING_2FA or user.is_superuser:
        return session_passed_two_factor(request)
    return True


def two_factor_redirect(request):
    """To the two-factor step this user needs, remembering where they were going.

    Without an authenticator: the TOTP set-up, which allauth ends on the recovery codes
    page (templates/mfa/recovery_codes links back). With one: allauth's re-authentication
    with a code, which returns to ``next`` itself.
    """
    path = request.get_full_path()
    if not is_mfa_enabled(request.user):
        if path.startswith("/") and not path.startswith("//"):
            request.session[AFTER_TWO_FACTOR_SETUP] = path
        return redirect(f"{reverse('mfa_activate_totp')}?next={quote(request.path)}")
    return redirect(f"{reverse('mfa_reauthenticate')}?next={quote(path, safe='/')}")


def role_required(role: str):
    """Visitors go to the login page; signed-in users without ``role`` get 403.

    Staff who hold the role but whose session has not passed two-factor authentication
    are sent to the two-factor step first.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user_has_role(request.user, role):
                raise PermissionDenied
            if not request_has_role(request, role):
                return two_factor_redirect(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
