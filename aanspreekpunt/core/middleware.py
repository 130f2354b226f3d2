"""Site-wide request policies: the content security policy and two-factor for staff."""

from allauth.mfa.utils import is_mfa_enabled
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

ADMIN_PREFIX = "/admin/"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The site-wide policy, widened under /admin/ for the Wagtail admin's inline code."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIX):
            parts.update = {**(parts.update or {}), **settings.CSP_ADMIN_EXTRA}
        return parts


def requires_two_factor(user) -> bool:
    """Administrators, coordinators and editors must use two-factor authentication."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return user.groups.filter(name__in=settings.STAFF_GROUPS_REQUIRING_2FA).exists()


AFTER_TWO_FACTOR_SETUP = "after_two_factor_setup"


def two_factor_setup_redirect(request):
    """To the TOTP set-up, remembering where the user was going: allauth ends the set-up on
    the recovery codes page, which then links back there (templates/mfa/recovery_codes)."""
    path = request.get_full_path()
    if path.startswith("/") and not path.startswith("//"):
        request.session[AFTER_TWO_FACTOR_SETUP] = path
    return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")


class StaffTwoFactorMiddleware:
    """Send staff without an authenticator to the TOTP set-up before they reach /admin/."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path_info.startswith(ADMIN_PREFIX)
            and requires_two_factor(request.user)
            and not is_mfa_enabled(request.user)
        ):
            return two_factor_setup_redirect(request)
        # Arrived: the link has done its job. Requests without a session cookie (visitors,
        # API clients) are not made to load a session, nor to vary on the cookie.
        if (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            and request.session.get(AFTER_TWO_FACTOR_SETUP) == request.get_full_path()
        ):
            del request.session[AFTER_TWO_FACTOR_SETUP]
        return self.get_response(request)
