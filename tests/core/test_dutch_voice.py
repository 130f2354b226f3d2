"""One Dutch voice: the platform says "u", calls the e-mail that confirms an address a
"bevestigingsmail", and counts in the singular and the plural."""

import re
from pathlib import Path
from types import SimpleNamespace

import allauth
import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from django.utils.html import strip_tags

from tests.catalogue import read_catalogue
from tests.socialekaart.factories import OfferingFactory

INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jezelf|jullie)\b", re.IGNORECASE)
# "Verification" of an e-mail address is a confirmation in the platform's Dutch.
VERIFICATION_WORDS = re.compile(r"verificatie-?\s?e?-?mail|verifieer|geverifieerd", re.IGNORECASE)
CATALOGUE = Path(settings.BASE_DIR) / "locale" / "nl" / "LC_MESSAGES" / "django.po"
ALLAUTH_CATALOGUE = Path(allauth.__file__).parent / "locale" / "nl" / "LC_MESSAGES" / "django.po"
TEMPLATES = Path(settings.BASE_DIR) / "templates"
# What allauth's page after sign-up says (kept out of gettext calls: makemessages reads tests).
SENT_PAGE_TEXT = (
    "We have sent an email to you for verification. Follow the link provided to finalize the "
    "signup process. If you do not see the verification email in your main inbox, check your "
    "spam folder. Please contact us if you do not receive the verification email within a few "
    "minutes."
)


def dutch(entry, count: int = 1) -> str:
    """What a Dutch reader sees for ``entry``, whichever catalogue translates it."""
    with translation.override("nl-be"):
        if entry.msgid_plural and entry.msgctxt:
            return translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, count)
        if entry.msgid_plural:
            return translation.ngettext(entry.msgid, entry.msgid_plural, count)
        if entry.msgctxt:
            return translation.pgettext(entry.msgctxt, entry.msgid)
        return translation.gettext(entry.msgid)


def allauth_dutch() -> list[tuple[str, str]]:
    return [
        (entry.msgid, dutch(entry, count))
        for entry in read_catalogue(ALLAUTH_CATALOGUE)
        for count in ((1, 2) if entry.msgid_plural else (1,))
    ]


def test_no_msgstr_of_the_platform_catalogue_says_je_jij_or_jouw():
    informal = [
        text
        for entry in read_catalogue(CATALOGUE)
        for text in entry.msgstrs
        if INFORMAL.search(text)
    ]
    assert informal == []


def test_allauths_pages_and_emails_say_u_in_dutch():
    """allauth's own Dutch says "je"; the platform's formal catalogue must cover every string."""
    informal = [(msgid, text) for msgid, text in allauth_dutch() if INFORMAL.search(text)]
    assert informal == [], "add these to aanspreekpunt/accounts/allauth_locale"


def test_confirming_an_email_address_is_bevestigen_not_verifieren():
    texts = [text for _, text in allauth_dutch()]
    texts += [text for entry in read_catalogue(CATALOGUE) for text in entry.msgstrs]
    assert [text for text in texts if VERIFICATION_WORDS.search(text)] == []
    sent_page = {entry.msgid: dutch(entry) for entry in read_catalogue(ALLAUTH_CATALOGUE)}
    assert sent_page["Verify Your Email Address"] == "Bevestig uw e-mailadres"
    assert "bevestigingsmail" in sent_page[SENT_PAGE_TEXT]


def test_no_template_speaks_to_people_as_je():
    informal = [
        f"{path.relative_to(TEMPLATES)}: {line.strip()}"
        for path in TEMPLATES.rglob("*")
        if path.suffix in {".html", ".txt"}
        for line in path.read_text(encoding="utf-8").splitlines()
        if INFORMAL.search(line)
    ]
    assert informal == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/password/reset/done/",
        "/accounts/confirm-email/ongeldige-sleutel/",
    ],
)
def test_account_pages_for_visitors_say_u(client, path):
    response = client.get(path)
    assert response.status_code == 200
    text = strip_tags(response.content.decode())
    assert not INFORMAL.search(text), INFORMAL.findall(text)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/accounts/email/", "/accounts/password/change/", "/accounts/2fa/", "/accounts/logout/"],
)
def test_account_pages_for_members_say_u(member_client, path):
    response = member_client.get(path)
    assert response.status_code == 200
    text = strip_tags(response.content.decode())
    assert not INFORMAL.search(text), INFORMAL.findall(text)


def test_every_count_in_the_catalogue_has_its_own_singular_and_plural():
    plurals = [entry for entry in read_catalogue(CATALOGUE) if entry.msgid_plural]
    assert plurals, "the catalogue has no plural entries"
    same = [entry.msgid for entry in plurals if len(set(entry.msgstrs)) != 2]
    assert same == [], "singular and plural read the same"


@pytest.mark.django_db
@pytest.mark.parametrize(("count", "expected"), [(1, "1 resultaat"), (2, "2 resultaten")])
def test_the_service_map_counts_its_results_in_singular_and_plural(client, count, expected):
    OfferingFactory.create_batch(count)
    response = client.get("/sociale-kaart/")
    counted = re.search(r'<p class="result-count"[^>]*>\s*(.*?)\s*</p>', response.content.decode())
    assert counted.group(1) == expected


def import_progress(**job) -> str:
    """The import's progress box as a coordinator reads it, for a job in a given state."""
    job = SimpleNamespace(get_status_display=lambda: "", error="", **job)
    progress = SimpleNamespace(processed=1, total=job.total, percent=100)
    with translation.override("nl-be"):
        html = render_to_string(
            "socialekaart/import_progress.html",
            {"job": job, "progress": progress, "request": RequestFactory().get("/")},
        )
    return re.sub(r"\s+", " ", strip_tags(html))


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, ["1 aanbod, als concept", "1 nieuwe organisatie", "1 organisatie stond al op"]),
        (3, ["3 aanbiedingen, als concept", "3 nieuwe organisaties", "3 organisaties stonden al"]),
    ],
)
def test_an_import_counts_what_it_did_in_singular_and_plural(count, expected):
    result = {
        "offerings_created": count,
        "organisations_created": count,
        "organisations_matched": count,
    }
    text = import_progress(status="done", is_in_progress=False, result=result, total=count)
    for phrase in expected:
        assert phrase in text


@pytest.mark.parametrize(("total", "expected"), [(1, "1 van 1 rij verwerkt"), (4, "1 van 4 rijen")])
def test_an_import_in_progress_counts_its_rows_in_singular_and_plural(total, expected):
    text = import_progress(status="running", is_in_progress=True, result={}, total=total)
    assert expected in text
