"""The link check: does each offering's web address still open?

The checker is chosen by the ``LINK_CHECKER`` setting (a dotted path to a class with a
``check(url) -> LinkResult`` method), so tests and other deployments can bring their own.
``HttpLinkChecker`` asks with HEAD, falls back to GET for servers that refuse HEAD, and
follows at most five redirects itself, so it can tell a loop from a long chain.
"""

import ipaddress
import logging
import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from aanspreekpunt.core.services import audit_record

from .models import Offering
from .services import representatives_notify

logger = logging.getLogger(__name__)

MAX_REDIRECTS = 5
REDIRECT_CODES = {301, 302, 303, 307, 308}
USER_AGENT = "AanspreekpuntOnlinehulp-LinkCheck/1.0 (+{site})"


@dataclass(frozen=True)
class LinkResult:
    ok: bool
    reason: str = ""  # why the link is broken, in words for the representative


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hand 3xx answers back to the checker, which follows them itself."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class HttpLinkChecker:
    """Checks a web address over HTTP(S) with the standard library."""

    def __init__(self, *, timeout: float | None = None, max_redirects: int = MAX_REDIRECTS):
        self.timeout = timeout if timeout is not None else settings.LINK_CHECK_TIMEOUT
        self.max_redirects = max_redirects
        self.allow_private = settings.LINK_CHECK_ALLOW_PRIVATE_ADDRESSES
        self.user_agent = USER_AGENT.format(site=settings.SITE_URL)
        self.opener = urllib.request.build_opener(_NoRedirects)

    def check(self, url: str) -> LinkResult:
        visited = {url}
        for _hop in range(self.max_redirects + 1):
            problem = self._refuse(url)
            if problem:
                return LinkResult(ok=False, reason=problem)
            status, location = self._status(url)
            if isinstance(status, str):
                return LinkResult(ok=False, reason=status)
            if status not in REDIRECT_CODES or not location:
                ok = status < 400
                return LinkResult(ok=ok, reason="" if ok else f"HTTP {status}")
            url = urljoin(url, location)
            if url in visited:
                return LinkResult(ok=False, reason=_("redirect loop"))
            visited.add(url)
        return LinkResult(ok=False, reason=_("too many redirects"))

    def _refuse(self, url: str) -> str:
        """Why this address is not fetched at all: not web, or not on the public internet."""
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            return _("not a web address")
        if self.allow_private:
            return ""
        try:
            addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, None)}
        except (socket.gaierror, UnicodeError):
            return _("unknown host")
        if not all(ipaddress.ip_address(a.split("%")[0]).is_global for a in addresses):
            return _("not a public address")
        return ""

    def _status(self, url: str) -> tuple[int | str, str]:
        """The HTTP status and Location of ``url`` (HEAD, else GET), or why there is none."""
        status, location = self._request(url, "HEAD")
        if isinstance(status, int) and status >= 400:
            status, location = self._request(url, "GET")
        return status, location

    def _request(self, url: str, method: str) -> tuple[int | str, str]:
        request = urllib.request.Request(
            url, method=method, headers={"User-Agent": self.user_agent, "Accept": "*/*"}
        )
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return response.status, ""
        except urllib.error.HTTPError as error:
            error.close()
            return error.code, error.headers.get("Location", "")
        except (urllib.error.URLError, OSError, ValueError) as error:
            return _failure_reason(getattr(error, "reason", error)), ""


def _failure_reason(reason) -> str:
    if isinstance(reason, TimeoutError):  # socket.timeout is the same class
        return _("time-out")
    if isinstance(reason, ssl.SSLError | ssl.CertificateError):
        return _("certificate problem")
    if isinstance(reason, socket.gaierror):
        return _("unknown host")
    if isinstance(reason, ConnectionRefusedError):
        return _("connection refused")
    return _("unreachable")


def get_link_checker():
    """The checker the ``LINK_CHECKER`` setting names."""
    return import_string(settings.LINK_CHECKER)()


# --- Reads and writes ------------------------------------------------------------------------


def offerings_to_check() -> QuerySet[Offering]:
    """Offerings with a web address that are not archived, least recently checked first."""
    return (
        Offering.objects.exclude(access_url="")
        .exclude(moderation_state=Offering.Moderation.ARCHIVED)
        .order_by(F("link_checked_at").asc(nulls_first=True), "pk")
    )


def offering_check_link(*, offering: Offering, checker=None) -> Offering:
    """Check the offering's web address and store the result; representatives hear of it
    when the link has just broken, not on every check."""
    result = (checker or get_link_checker()).check(offering.access_url)
    was_broken = offering.link_status == Offering.LinkStatus.BROKEN
    offering.link_status = Offering.LinkStatus.OK if result.ok else Offering.LinkStatus.BROKEN
    offering.link_error = "" if result.ok else str(result.reason)[:300]
    offering.link_checked_at = timezone.now()
    with transaction.atomic():
        # Not ``updated_at``: a check does not change what the offering says.
        offering.save(update_fields=["link_status", "link_error", "link_checked_at"])
        if was_broken == result.ok:  # the status changed
            audit_record(
                actor=None,
                action=f"socialekaart.offering.link_{offering.link_status}",
                obj=offering,
                changes={"url": offering.access_url, "reason": offering.link_error},
            )
        if not result.ok and not was_broken:
            representatives_notify(offering=offering, template="broken_link")
    return offering
