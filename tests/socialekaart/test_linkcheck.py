"""The link check, against a real HTTP server on 127.0.0.1: nothing leaves this machine."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.utils.translation import gettext

from aanspreekpunt.core.models import AuditEntry
from socialekaart import linkcheck, tasks
from socialekaart.linkcheck import HttpLinkChecker, LinkResult
from socialekaart.models import Offering

from .factories import OfferingFactory

SLOW_SECONDS = 1.0


class Handler(BaseHTTPRequestHandler):
    """200, 404, 500, a server that refuses HEAD, redirect chains, a loop and a slow page."""

    def do_HEAD(self):
        if self.path == "/no-head":
            self._answer(405)
        else:
            self._route()

    def do_GET(self):
        self._route()

    def _route(self):
        path = self.path
        if path in ("/ok", "/no-head"):
            self._answer(200)
        elif path == "/missing":
            self._answer(404)
        elif path == "/error":
            self._answer(500)
        elif path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            self._answer(302, location="/ok" if left == 0 else f"/hop/{left - 1}")
        elif path == "/loop-a":
            self._answer(301, location="/loop-b")
        elif path == "/loop-b":
            self._answer(302, location="/loop-a")
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._answer(200)
        else:
            self._answer(404)

    def _answer(self, status, location=None):
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args):
        pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # the client hung up on the slow page on purpose


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def _local_links(settings):
    settings.LINK_CHECK_ALLOW_PRIVATE_ADDRESSES = True
    settings.LINK_CHECK_TIMEOUT = 0.3


def check(url) -> LinkResult:
    return HttpLinkChecker().check(url)


# --- The checker ------------------------------------------------------------------------------


def test_a_page_that_answers_200_is_ok(server):
    assert check(f"{server}/ok") == LinkResult(ok=True)


@pytest.mark.parametrize(("path", "reason"), [("/missing", "HTTP 404"), ("/error", "HTTP 500")])
def test_an_error_status_is_broken_with_the_status_as_reason(server, path, reason):
    assert check(f"{server}{path}") == LinkResult(ok=False, reason=reason)


def test_a_server_that_refuses_head_is_asked_with_get(server):
    assert check(f"{server}/no-head").ok


def test_a_chain_of_up_to_five_redirects_is_followed(server):
    assert check(f"{server}/hop/4").ok  # 5 redirects: /hop/4 .. /hop/0 -> /ok


def test_more_than_five_redirects_is_broken(server):
    assert check(f"{server}/hop/5") == LinkResult(ok=False, reason=gettext("too many redirects"))


def test_a_redirect_loop_is_named_as_such(server):
    assert check(f"{server}/loop-a") == LinkResult(ok=False, reason=gettext("redirect loop"))


def test_a_slow_page_is_a_time_out(server):
    started = time.monotonic()
    assert check(f"{server}/slow") == LinkResult(ok=False, reason=gettext("time-out"))
    assert time.monotonic() - started < SLOW_SECONDS


def test_a_closed_port_is_connection_refused():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert check(f"http://127.0.0.1:{port}/") == LinkResult(
        ok=False, reason=gettext("connection refused")
    )


def test_only_web_addresses_are_fetched():
    assert check("file:///etc/passwd") == LinkResult(ok=False, reason=gettext("not a web address"))


def test_addresses_on_the_local_network_are_not_fetched_by_default(settings, server):
    settings.LINK_CHECK_ALLOW_PRIVATE_ADDRESSES = False
    assert check(f"{server}/ok") == LinkResult(ok=False, reason=gettext("not a public address"))


def test_the_checker_is_chosen_by_a_setting(settings):
    settings.LINK_CHECKER = "tests.socialekaart.test_linkcheck.AlwaysBroken"
    assert isinstance(linkcheck.get_link_checker(), AlwaysBroken)


class AlwaysBroken:
    def check(self, url):
        return LinkResult(ok=False, reason="nep")


# --- The service and the task ------------------------------------------------------------------


@pytest.fixture
def offering(organisation, representative, server):
    return OfferingFactory(organisation=organisation, access_url=f"{server}/missing")


@pytest.mark.django_db
def test_a_broken_link_is_stored_and_representatives_are_told_once(
    offering, representative, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        linkcheck.offering_check_link(offering=offering)
    offering.refresh_from_db()
    assert offering.link_status == Offering.LinkStatus.BROKEN
    assert offering.link_error == "HTTP 404"
    assert offering.link_checked_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [representative.email]
    assert offering.name in mail.outbox[0].subject
    assert "HTTP 404" in mail.outbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        linkcheck.offering_check_link(offering=offering)
    assert len(mail.outbox) == 1  # still broken: no second e-mail


@pytest.mark.django_db
def test_a_repaired_link_is_ok_again_and_a_new_break_is_told_again(
    offering, server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        linkcheck.offering_check_link(offering=offering)
        offering.access_url = f"{server}/ok"
        linkcheck.offering_check_link(offering=offering)
    offering.refresh_from_db()
    assert offering.link_status == Offering.LinkStatus.OK
    assert offering.link_error == ""
    with django_capture_on_commit_callbacks(execute=True):
        offering.access_url = f"{server}/error"
        linkcheck.offering_check_link(offering=offering)
    assert len(mail.outbox) == 2
    actions = list(
        AuditEntry.objects.filter(object_id=str(offering.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions[-3:] == [
        "socialekaart.offering.link_broken",
        "socialekaart.offering.link_ok",
        "socialekaart.offering.link_broken",
    ]


@pytest.mark.django_db
def test_a_link_check_does_not_touch_the_offerings_last_change(offering):
    before = offering.updated_at
    linkcheck.offering_check_link(offering=offering)
    offering.refresh_from_db()
    assert offering.updated_at == before


@pytest.mark.django_db
def test_daily_task_checks_every_offering_with_a_web_address_except_archived_ones(
    organisation, server, django_capture_on_commit_callbacks
):
    working = OfferingFactory(organisation=organisation, access_url=f"{server}/ok")
    broken = OfferingFactory(organisation=organisation, access_url=f"{server}/missing")
    draft = OfferingFactory(organisation=organisation, access_url=f"{server}/error", draft=True)
    archived = OfferingFactory(
        organisation=organisation,
        access_url=f"{server}/missing",
        moderation_state=Offering.Moderation.ARCHIVED,
        is_public=False,
    )
    without = OfferingFactory(organisation=organisation, access_url="")
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.check_links.delay().get() == 3
    status = dict(Offering.objects.values_list("pk", "link_status"))
    assert status[working.pk] == Offering.LinkStatus.OK
    assert status[broken.pk] == Offering.LinkStatus.BROKEN
    assert status[draft.pk] == Offering.LinkStatus.BROKEN
    assert status[archived.pk] == Offering.LinkStatus.UNCHECKED
    assert status[without.pk] == Offering.LinkStatus.UNCHECKED


@pytest.mark.django_db
def test_per_offering_task_skips_an_offering_that_is_gone():
    tasks.check_offering_link.delay(999999).get()
