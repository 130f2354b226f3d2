"""A newcomer signs up, confirms the e-mail address (which logs them in), fills the profile,
logs out and in again.

The labels are matched in Dutch and in English: strings without a Dutch translation in
the catalogue still show their English msgid, and the tests must not depend on that.
"""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from aanspreekpunt.accounts.models import Profile, User

pytestmark = pytest.mark.e2e

PASSWORD = "Kwaliteitsvol-onlinehulp-2026"
CONFIRM_PATH = re.compile(r"/accounts/confirm-email/[^/\s]+/")


def label(*names: str) -> re.Pattern:
    """Exactly one of ``names`` (regular expressions), ignoring case and a trailing colon."""
    return re.compile(r"^\s*(?:" + "|".join(names) + r")\s*:?\s*$", re.IGNORECASE)


def header_account_nav(page):
    return page.locator("header nav.account-nav")


def sign_up(page, email: str) -> None:
    page.goto("/")
    signup_link = header_account_nav(page).get_by_role("link", name=label("Registreren", "Sign up"))
    expect(signup_link).to_have_attribute("href", "/accounts/signup/")
    signup_link.click()
    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))

    form = page.locator("main form")
    form.get_by_label(label("E-mail")).fill(email)
    form.get_by_label(label("Wachtwoord", "Password")).fill(PASSWORD)
    form.get_by_label(label(r"Wachtwoord \(bevestigen\)", r"Password \(again\)")).fill(PASSWORD)
    form.get_by_role("button", name=label("Registreren", "Sign up")).click()

    # allauth's "verification sent" page
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"Verifieer|Bevestig|Verify", re.IGNORECASE)
    )


def confirm_email(page, email: str) -> None:
    messages = [message for message in mail.outbox if email in message.to]
    assert len(messages) == 1, [(m.to, m.subject) for m in mail.outbox]
    match = CONFIRM_PATH.search(messages[0].body)
    assert match, f"No confirmation link in the e-mail:\n{messages[0].body}"
    assert messages[0].subject.startswith(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX)

    page.goto(match.group(0))
    page.locator("main form").get_by_role("button", name=label("Bevestig(en)?", "Confirm")).click()
    # Confirming in the browser that signed up logs the new member in (LOGIN_REDIRECT_URL).
    expect(page).to_have_url(re.compile(r"/accounts/profiel/$"))
    expect(page.locator("main")).to_contain_text(email)


def log_in(page, email: str) -> None:
    if not page.url.endswith("/accounts/login/"):
        page.goto("/")
        header_account_nav(page).get_by_role(
            "link", name=label("Inloggen", "Aanmelden", "Log in")
        ).click()
    form = page.locator("main form")
    form.get_by_label(label("E-mail")).fill(email)
    form.get_by_label(label("Wachtwoord", "Password")).fill(PASSWORD)
    form.get_by_role("button", name=label("Aanmelden", "Inloggen", "Sign in", "Log in")).click()
    # LOGIN_REDIRECT_URL is the profile page.
    expect(page).to_have_url(re.compile(r"/accounts/profiel/$"))
    expect(page.locator("main")).to_contain_text(email)


def log_out(page) -> None:
    header_account_nav(page).get_by_role(
        "button", name=label("Afmelden", "Uitloggen", "Log out")
    ).click()
    expect(
        header_account_nav(page).get_by_role("link", name=label("Inloggen", "Aanmelden", "Log in"))
    ).to_be_visible()
    expect(header_account_nav(page).get_by_role("button")).to_have_count(0)


def sign_up_and_log_in(page, email: str) -> None:
    sign_up(page, email)
    confirm_email(page, email)
    user = User.objects.get(email=email)
    assert user.emailaddress_set.get(email=email).verified


def test_account_journey_with_javascript(page):
    call_command("loaddata", settings.BASE_DIR / "fixtures" / "sectors.json", verbosity=0)
    email = "nieuw.lid@example.org"

    sign_up_and_log_in(page, email)

    # the profile, straight after logging in
    form = page.locator("main form")
    form.get_by_label(label("Voornaam", "First name")).fill("Noor")
    form.get_by_label(label("Achternaam", "Last name")).fill("Nieuwkomer")
    form.get_by_label(label("Rol in de community", "Role in the community")).select_option(
        "practitioner"
    )
    form.get_by_label(label("Sector")).select_option(label="Algemeen welzijnswerk")
    form.get_by_label(label("Organisatie", "Organisation")).fill("CAW Oost-Vlaanderen")
    form.get_by_role(
        "button", name=label("Profiel bewaren", "Profiel opslaan", "Save profile")
    ).click()

    expect(page).to_have_url(re.compile(r"/accounts/profiel/$"))
    expect(page.get_by_role("status")).to_contain_text(
        re.compile(r"profiel is bewaard|profiel is opgeslagen|profile was saved", re.IGNORECASE)
    )

    page.reload()
    expect(page.get_by_role("status")).to_have_count(0)  # the message was shown once
    form = page.locator("main form")
    expect(form.get_by_label(label("Voornaam", "First name"))).to_have_value("Noor")
    expect(form.get_by_label(label("Achternaam", "Last name"))).to_have_value("Nieuwkomer")
    expect(form.get_by_label(label("Rol in de community", "Role in the community"))).to_have_value(
        "practitioner"
    )
    expect(form.get_by_label(label("Sector")).locator("option:checked")).to_have_text(
        "Algemeen welzijnswerk"
    )
    expect(form.get_by_label(label("Organisatie", "Organisation"))).to_have_value(
        "CAW Oost-Vlaanderen"
    )

    profile = Profile.objects.select_related("user", "sector").get(user__email=email)
    assert (profile.user.first_name, profile.user.last_name) == ("Noor", "Nieuwkomer")
    assert profile.community_role == "practitioner"
    assert profile.sector.slug == "algemeen-welzijnswerk"
    assert profile.organisation_name == "CAW Oost-Vlaanderen"

    # log out with the button in the header, and back in with the password
    log_out(page)
    page.goto("/accounts/profiel/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/accounts/profiel/$"))
    log_in(page, email)


def test_sign_up_log_out_and_log_in_without_javascript(no_js_page):
    email = "zonder.javascript@example.org"
    sign_up_and_log_in(no_js_page, email)
    log_out(no_js_page)
    log_in(no_js_page, email)
