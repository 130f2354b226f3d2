"""Browser journeys in Debian's Chromium against a live server, under the site's real CSP.

Every page a test opens is watched: a console message or page error that reports a
Content Security Policy violation fails the test at teardown, so each journey also
proves that the platform works under its strict policy.
"""

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API keeps an event loop in the main thread from the first browser test
# to the end of the session; Django's ORM would otherwise refuse every query made by the
# tests (and their fixtures) that run while it exists.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 15_000
CSP_VIOLATION = re.compile(r"Content Security Policy|Refused to", re.IGNORECASE)


@dataclass
class BrowserLog:
    """What the browser reported while a test ran."""

    console: list[tuple[str, str, str]] = field(default_factory=list)  # (type, text, url)
    page_errors: list[str] = field(default_factory=list)
    pages: list = field(default_factory=list)

    def csp_violations(self) -> list[str]:
        found = [
            f"console {kind}: {text} ({url})"
            for kind, text, url in self.console
            if kind == "error" and CSP_VIOLATION.search(text)
        ]
        found += [
            f"page error: {error}" for error in self.page_errors if CSP_VIOLATION.search(error)
        ]
        return list(dict.fromkeys(found))  # once each, in the order they happened

    def watch(self, page) -> None:
        if page in self.pages:
            return
        self.pages.append(page)
        page.on(
            "console",
            lambda msg: self.console.append((msg.type, msg.text, msg.location.get("url", ""))),
        )
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))


def _is_transactional(item) -> bool:
    """Whether pytest-django runs ``item`` in a transactional (flushed) database."""
    from django.test import TestCase, TransactionTestCase
    from pytest_django.fixtures import validate_django_db

    test_class = getattr(item, "cls", None)
    if test_class is not None and issubclass(test_class, TransactionTestCase):
        return not issubclass(test_class, TestCase)
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        transaction, reset_sequences, *_ = validate_django_db(marker)
        if transaction or reset_sequences:
            return True
    fixtures = getattr(item, "fixturenames", ())
    return "transactional_db" in fixtures or "live_server" in fixtures


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Run the browser tests first among the transactional tests.

    pytest-django has already put the tests in Django's order (plain database tests,
    then transactional ones, then the rest). Moving the browser tests to the front of the
    transactional ones means that the database still holds what the migrations created
    when the first of them runs (see ``migrated_data``).
    """
    browser_tests = [item for item in items if item.get_closest_marker("e2e")]
    others = [item for item in items if not item.get_closest_marker("e2e")]
    if not browser_tests or not others:
        return
    first_transactional = next(
        (index for index, item in enumerate(others) if _is_transactional(item)), len(others)
    )
    items[:] = others[:first_transactional] + browser_tests + others[first_transactional:]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so the page fixture knows whether it failed."""
    report = yield
    setattr(item, f"e2e_report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, with static files served as in production.

    pytest-django serves /static/ from the source folders, which knows nothing of the
    hashed names the manifest storage puts in the pages (DEBUG is off in the tests).
    Here the requests reach the site's own middleware instead, so WhiteNoise serves the
    collected files from STATIC_ROOT, with the same headers as in production.
    """
    from django.conf import settings
    from django.test.testcases import LiveServerThread
    from pytest_django.live_server_helper import LiveServer

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.exists():
        pytest.fail(
            f"{manifest} is missing: run `manage.py collectstatic` before the browser tests "
            "(`make test` does).",
            pytrace=False,
        )
    address = (
        request.config.getvalue("liveserver")
        or os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(_address_of_this_worker(address), start=False)
    server.thread = LiveServerThread(
        server.thread.host,
        static_handler=lambda application: application,
        connections_override=server.thread.connections_override,
        port=server.thread.port,
    )
    server.thread.daemon = True
    server.start()
    yield server
    server.stop()


def _address_of_this_worker(address: str) -> str:
    """Without a port the system picks a free one; a fixed port goes up by the worker number.

    Each pytest-xdist worker runs its own live server, so they must not share a port.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    host, _, port = address.rpartition(":")
    if not (worker and host and port.isdigit()):
        return address
    return f"{host}:{int(port) + int(worker.removeprefix('gw'))}"


@pytest.fixture(scope="session")
def playwright_driver():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver):
    if not CHROMIUM.exists():
        reason = (
            f"Chromium is missing at {CHROMIUM}: the browser tests need Debian's Chromium. "
            "Install it with `sudo apt-get install chromium` (or `make browser`)."
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(f"!!! SKIPPING THE BROWSER TESTS !!! {reason}")
    browser = playwright_driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def browser_log():
    return BrowserLog()


def _open_page(request, browser, live_server, log: BrowserLog, tmp_path, **context_options):
    """A page in a fresh context on the live server; yields it, then checks the log."""
    context = browser.new_context(base_url=live_server.url, locale="nl-BE", **context_options)
    context.set_default_timeout(TIMEOUT_MS)
    context.on("page", log.watch)
    page = context.new_page()
    log.watch(page)
    yield page
    call_report = getattr(request.node, "e2e_report_call", None)
    if call_report is not None and call_report.failed and not page.is_closed():
        try:
            page.screenshot(path=tmp_path / "failure.png", full_page=True)
            (tmp_path / "failure.html").write_text(page.content(), encoding="utf-8")
            print(f"Screenshot and HTML of the failing page: {tmp_path}")
        except Exception as error:  # a crashed page must not hide the test's own failure
            print(f"Could not save the failing page: {error}")
    context.close()
    violations = log.csp_violations()
    if violations:
        pytest.fail(
            "The browser reported Content Security Policy violations:\n" + "\n".join(violations),
            pytrace=False,
        )


@pytest.fixture(scope="session")
def migrated_data(django_db_setup, django_db_blocker):
    """The database as the migrations left it (home page, role groups ...), serialized once.

    It is taken at the first browser test, which runs before any other transactional test
    (see pytest_collection_modifyitems), so nothing has flushed the database yet.
    """
    from django.db import connection

    from aanspreekpunt.pages.models import HomePage

    with django_db_blocker.unblock():
        if not HomePage.objects.exists():
            pytest.fail(
                "The database no longer holds what the migrations created: another "
                "transactional test flushed it before the first browser test.",
                pytrace=False,
            )
        objects = json.loads(connection.creation.serialize_db_to_string())
    # Content types first: Wagtail's models look theirs up while they are being built, and
    # would otherwise create them anew, clashing with the rows restored after them.
    objects.sort(key=lambda obj: obj["model"] != "contenttypes.contenttype")
    return json.dumps(objects)


@pytest.fixture
def site(live_server, migrated_data):
    """The live server's address, with the database as the migrations left it.

    The live server needs a transactional database, which is flushed after each test
    (and then holds only content types and permissions); the migrated data is put back
    here. This is Django's serialized rollback, made independent of the state in which
    the previous test left the database.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    call_command(
        "flush",
        verbosity=0,
        interactive=False,
        reset_sequences=False,
        inhibit_post_migrate=True,
    )
    ContentType.objects.clear_cache()
    connection.creation.deserialize_db_from_string(migrated_data)
    return live_server.url


@pytest.fixture
def page(request, browser, site, live_server, browser_log, tmp_path):
    """A desktop-sized page (1280x800) with JavaScript."""
    yield from _open_page(request, browser, live_server, browser_log, tmp_path, viewport=DESKTOP)


@pytest.fixture
def phone_page(request, browser, site, live_server, browser_log, tmp_path):
    """A phone-sized page (390x844) with touch, as on a small smartphone."""
    yield from _open_page(
        request,
        browser,
        live_server,
        browser_log,
        tmp_path,
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
    )


@pytest.fixture
def no_js_page(request, browser, site, live_server, browser_log, tmp_path):
    """A desktop-sized page with JavaScript switched off: every form must still work."""
    yield from _open_page(
        request,
        browser,
        live_server,
        browser_log,
        tmp_path,
        viewport=DESKTOP,
        java_script_enabled=False,
    )


def log_in_member(page):
    """A new member signs in through the login page and lands on their profile."""
    from tests.factories import PASSWORD, UserFactory

    user = UserFactory()
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/profiel/")
    return user
