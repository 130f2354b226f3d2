"""Site-wide request policies: the content security policy and two-factor for staff."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

from aanspreekpunt.core.permissions import (
    AFTER_TWO_FACTOR_SETUP,
    staff_two_factor_missing,
    two_factor_redirect,
)

ADMIN_PREFIX = "/admin/"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The site-wide policy, widened under /admin/ for the Wagtail admin's inline code."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIX):
            parts.update = {**(parts.update or {}), **settings.CSP_ADMIN_EXTRA}
        return parts


class StaffTwoFactorMiddleware:
    """Staff reach the back office only in a session that passed two-factor authentication.

    Without an authenticator they set one up; with one, they answer a code first. The
    views outside /admin/ ask the same question through ``core.permissions``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(ADMIN_PREFIX) and staff_two_factor_missing(request):
            return two_factor_redirect(request)
        # Arrived: the link has done its job. Requests without a session cookie (visitors,
        # API clients) are not made to load a session, nor to vary on the cookie.
        if (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            and request.session.get(AFTER_TWO_FACTOR_SETUP) == request.get_full_path()
        ):
            del request.session[AFTER_TWO_FACTOR_SETUP]
        return self.get_response(request)
