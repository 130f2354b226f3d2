"""A member finds the privacy page, downloads their data and deletes their account, with
and without JavaScript.

The labels are matched in Dutch and in English, as in test_account_journey.
"""

import json
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.e2e

EMAIL = "privacy.lid@example.org"


def label(*names: str) -> re.Pattern:
    """Exactly one of ``names``, ignoring case, a trailing colon and "(verplicht)"."""
    return re.compile(
        r"^\s*(?:" + "|".join(names) + r")\s*:?\s*(?:\((?:verplicht|required)\))?\s*$",
        re.IGNORECASE,
    )


def log_in(page) -> None:
    page.goto("/accounts/login/")
    form = page.locator("main form")
    form.get_by_label(label("E-mail")).fill(EMAIL)
    form.get_by_label(label("Wachtwoord", "Password")).fill(PASSWORD)
    form.get_by_role("button", name=label("Aanmelden", "Inloggen", "Sign in", "Log in")).click()
    expect(page).to_have_url(re.compile(r"/accounts/profiel/$"))


def download_and_delete(page) -> None:
    member = UserFactory(email=EMAIL, first_name="Pia", last_name="Privé")
    log_in(page)

    # the privacy page, from the footer
    page.locator("footer").get_by_role("link", name=label("Privacy")).click()
    expect(page).to_have_url(re.compile(r"/privacy/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(label("Privacy"))
    page.goto("/accounts/profiel/")

    # download: a JSON file with the member's own data
    with page.expect_download() as download:
        page.get_by_role("link", name=label("Mijn gegevens downloaden", "Download my data")).click()
    assert download.value.suggested_filename.startswith("mijn-gegevens-")
    export = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert export["data"]["account"]["email"] == EMAIL
    assert export["data"]["account"]["last_name"] == "Privé"

    # deletion: a wrong password is refused with the error summary, then the right one
    page.get_by_role("link", name=label("Mijn account verwijderen", "Delete my account")).click()
    expect(page).to_have_url(re.compile(r"/accounts/profiel/verwijderen/$"))
    expect(page.locator("main")).to_contain_text("verwijderd lid")
    form = page.locator("main form")
    form.get_by_label(label("Wachtwoord", "Password")).fill("niet-mijn-wachtwoord")
    delete = form.get_by_role(
        "button", name=label("Mijn account definitief verwijderen", "Delete my account permanently")
    )
    delete.click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(form.locator(".error")).to_contain_text(re.compile("wachtwoord", re.IGNORECASE))
    assert get_user_model().objects.filter(pk=member.pk).exists()

    form.get_by_label(label("Wachtwoord", "Password")).fill(PASSWORD)
    form.get_by_label(label("Wachtwoord", "Password")).press("Enter")  # the keyboard alone
    expect(page).to_have_url(re.compile(r"/accounts/verwijderd/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        label("Uw account is verwijderd", "Your account has been deleted")
    )
    expect(
        page.locator("header nav.account-nav").get_by_role(
            "link", name=label("Aanmelden", "Inloggen", "Log in")
        )
    ).to_be_visible()
    assert not get_user_model().objects.filter(pk=member.pk).exists()


def test_a_member_downloads_their_data_and_deletes_their_account(page):
    download_and_delete(page)


def test_the_same_without_javascript(no_js_page):
    download_and_delete(no_js_page)
