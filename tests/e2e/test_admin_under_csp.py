"""Staff set up two-factor authentication before they reach the Wagtail admin, under the CSP."""

import base64
import re
import time

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from playwright.sync_api import expect
from wagtail.admin.models import EditingSession

from aanspreekpunt.pages.models import HomePage
from tests.factories import PASSWORD, UserFactory
from tests.totp import totp_code

pytestmark = pytest.mark.e2e

ACTIVATE_TOTP = re.compile(r"/accounts/2fa/totp/activate/(\?next=/admin/)?$")


def test_totp_code_matches_rfc_6238_test_vector():
    # RFC 6238, appendix B: SHA1 with the ASCII secret "12345678901234567890"
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert totp_code(secret, at=59, digits=8) == "94287082"
    assert totp_code(secret, at=1111111109, digits=8) == "07081804"


def wait_until(condition, *, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the server"
        time.sleep(0.1)


def log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    form = page.locator("main form")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/profiel/$"))


def reauthenticate_if_asked(page) -> None:
    """allauth asks for the password again when the last login is no longer recent."""
    if "/accounts/reauthenticate/" in page.url:
        page.locator("main form input[name=password]").fill(PASSWORD)
        page.locator("main form button[type=submit]").click()


def activate_totp(page, user) -> None:
    reauthenticate_if_asked(page)
    expect(page).to_have_url(ACTIVATE_TOTP)
    # The secret is shown as text (it wraps on a phone), under the explanation of why.
    secret = page.locator("#authenticator_secret").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]{16,}=*", secret), secret
    # The QR code is an inline SVG data URI, which the policy allows for images.
    expect(page.locator("main img[src^='data:image/svg+xml']")).to_be_visible()

    page.locator("main form input[name=code]").fill(totp_code(secret))
    page.locator("main form button[type=submit]").click()
    # allauth shows the fresh recovery codes once TOTP is active.
    expect(page).to_have_url(re.compile(r"/accounts/2fa/"))
    expect(page.locator("main")).not_to_contain_text(re.compile(r"ongeldig|incorrect", re.I))
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def test_superuser_sets_up_totp_then_edits_the_home_page_in_the_admin(page):
    user = UserFactory(is_superuser=True, is_staff=True)
    log_in(page, user.email)

    page.goto("/admin/")
    activate_totp(page, user)

    # the recovery codes page leads on to where the user was going
    page.locator("main").get_by_role("link", name="Verder").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page).to_have_title(re.compile(r"^Dashboard\b"))
    expect(page.get_by_role("heading", level=1)).to_have_text(settings.WAGTAIL_SITE_NAME)

    # the pages explorer, opened from the sidebar: the root lists the site's home page
    home = HomePage.objects.get()
    main_menu = page.get_by_role("navigation", name=re.compile(r"Hoofdmenu|Main menu"))
    main_menu.get_by_role("button", name=re.compile(r"^(Pagina's|Pages)$")).click()
    explorer = main_menu.get_by_role("dialog")
    expect(explorer).to_be_visible()
    explorer.locator("a[href='/admin/pages/']").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/(\d+/)?$"))
    listing = page.locator("main table")
    expect(listing).to_contain_text(home.title)

    # the home page's edit form, with its rich text editor for the introduction
    listing.locator(f"a[href='/admin/pages/{home.pk}/edit/']").first.click()
    expect(page).to_have_url(re.compile(rf"/admin/pages/{home.pk}/edit/$"))
    expect(page.locator("form#page-edit-form")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value(home.title)
    expect(page.locator(".Draftail-Editor").first).to_be_visible()
    page.wait_for_load_state("networkidle")

    # Leaving the editor ends its editing session with a beacon; wait for it, so that it
    # does not reach the server after the test.
    assert EditingSession.objects.filter(user=user).exists()
    page.goto("/admin/")
    wait_until(lambda: not EditingSession.objects.filter(user=user).exists())
