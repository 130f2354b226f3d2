"""View decorators for the roles of product.md §2, checked on the server for every request."""

from functools import wraps

from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from aanspreekpunt.accounts.roles import user_has_role
from aanspreekpunt.core.middleware import requires_two_factor, two_factor_setup_redirect


def role_required(role: str):
    """Visitors go to the login page; signed-in users without ``role`` get 403.

    Staff (coordinators, editors, administrators) first set up two-factor authentication,
    as they must before the back office.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user_has_role(request.user, role):
                raise PermissionDenied
            if requires_two_factor(request.user) and not is_mfa_enabled(request.user):
                return two_factor_setup_redirect(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
