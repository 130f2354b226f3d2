"""'Meld een fout': any visitor reports an error on an offering; it reaches the organisation's
representatives and the coordinators, is rate-limited, and the reporter hears the outcome."""

import pytest
from django.test import Client

from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.models import AuditEntry, OutboundEmail
from socialekaart import services
from socialekaart.models import CorrectionReport, Offering, Organisation, Representation
from tests.factories import UserFactory
from tests.sessions import login

from .conftest import make_offering

pytestmark = pytest.mark.django_db


@pytest.fixture
def offering(organisation, coordinator):
    return make_offering(organisation, coordinator, name="Jongerenchat")


def report_url(offering) -> str:
    return f"/sociale-kaart/aanbod/{offering.slug}/meld-een-fout/"


def test_every_offering_page_links_to_the_report_form(client, offering):
    html = client.get(offering.get_absolute_url()).content.decode()
    assert f'href="{report_url(offering)}"' in html
    assert "Meld een fout" in client.get(report_url(offering)).content.decode()


def test_a_visitor_reports_an_error_and_representatives_and_coordinators_hear_of_it(
    client, offering, representative, coordinator
):
    OutboundEmail.objects.all().delete()  # the publication's own notices
    response = client.post(
        report_url(offering),
        {"text": "De chat is al maanden gesloten.", "reporter_email": "bezoeker@example.org"},
    )
    assert response.status_code == 302
    assert response["Location"] == offering.get_absolute_url()
    report = CorrectionReport.objects.get()
    assert (report.text, report.reporter_email) == (
        "De chat is al maanden gesloten.",
        "bezoeker@example.org",
    )
    recipients = sorted(email.to[0] for email in OutboundEmail.objects.all())
    assert recipients == sorted([representative.email, coordinator.email])
    assert AuditEntry.objects.filter(action="socialekaart.correction.reported").exists()
    # The representative sees it in Mijn organisatie.
    login(client, representative, two_factor=False)
    html = client.get("/sociale-kaart/mijn-organisatie/").content.decode()
    assert "De chat is al maanden gesloten." in html
    assert "Wie de fout meldde, krijgt het resultaat per e-mail." in html


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"text": ""}, "Dit is een verplicht veld"),
        ({"text": "   "}, "Dit is een verplicht veld"),
        ({"text": "x" * 2001}, "2000"),
        ({"text": "Fout", "reporter_email": "geen-adres"}, "e-mailadres"),
        ({"text": "Fout\x00"}, "Null-tekens"),
    ],
)
def test_a_wrong_report_gets_a_dutch_error_and_stores_nothing(client, offering, data, error):
    response = client.post(report_url(offering), data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not CorrectionReport.objects.exists()


def test_reports_are_rate_limited_per_address(client, offering):
    for number in range(5):
        response = client.post(report_url(offering), {"text": f"Fout {number}"})
        assert response.status_code == 302
    response = client.post(report_url(offering), {"text": "Nog een fout"})
    assert response.status_code == 429
    assert "meerdere meldingen" in response.content.decode()
    assert CorrectionReport.objects.count() == 5


def test_unpublished_offerings_cannot_be_reported(client, organisation, coordinator):
    draft = make_offering(organisation, coordinator, name="Concept", publish=False)
    assert client.get(report_url(draft)).status_code == 404
    assert client.post(report_url(draft), {"text": "Fout"}).status_code == 404


def test_handling_a_report_tells_the_reporter_and_marks_the_offering_checked(
    client, offering, representative, django_capture_on_commit_callbacks
):
    Offering.objects.filter(pk=offering.pk).update(last_reviewed_at=None)
    report = services.correction_report(
        offering=offering, text="Verkeerde uren", reporter_email="bezoeker@example.org"
    )
    OutboundEmail.objects.all().delete()
    login(client, representative, two_factor=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/sociale-kaart/mijn-organisatie/meldingen/{report.pk}/",
            {"outcome": "corrected", "note": "De uren zijn aangepast."},
        )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == CorrectionReport.Status.CORRECTED
    assert report.handled_by == representative
    assert report.reporter_email == ""  # used once, then dropped
    email = OutboundEmail.objects.get()
    assert email.to == ["bezoeker@example.org"]
    assert "De uren zijn aangepast." in email.body
    offering.refresh_from_db()
    assert offering.last_reviewed_at is not None
    assert "Laatst nagekeken op" in Client().get(offering.get_absolute_url()).content.decode()
    # Handled once only.
    with pytest.raises(DomainError):
        services.correction_handle(report=report, actor=representative, outcome="dismissed")


def test_a_coordinator_handles_reports_from_the_queue(client, offering, coordinator):
    report = services.correction_report(offering=offering, text="Link werkt niet")
    login(client, coordinator, two_factor=True)
    assert "Link werkt niet" in client.get("/sociale-kaart/moderatie/").content.decode()
    response = client.post(
        f"/sociale-kaart/mijn-organisatie/meldingen/{report.pk}/",
        {"outcome": "dismissed", "next": "queue"},
    )
    assert response["Location"] == "/sociale-kaart/moderatie/"
    report.refresh_from_db()
    assert report.status == CorrectionReport.Status.DISMISSED


def test_another_organisation_cannot_see_or_handle_a_report(client, offering):
    report = services.correction_report(offering=offering, text="Verkeerde uren")
    other = Organisation.objects.create(name="Andere vzw", slug="andere-vzw")
    stranger = UserFactory()
    Representation.objects.create(
        user=stranger, organisation=other, status=Representation.Status.APPROVED
    )
    login(client, stranger, two_factor=False)
    assert "Verkeerde uren" not in client.get("/sociale-kaart/mijn-organisatie/").content.decode()
    url = f"/sociale-kaart/mijn-organisatie/meldingen/{report.pk}/"
    assert client.post(url, {"outcome": "corrected"}).status_code == 404
    report.refresh_from_db()
    assert report.status == CorrectionReport.Status.OPEN


@pytest.mark.parametrize("outcome", ["", "open", "weg", "\x00"])
def test_a_wrong_outcome_is_refused_without_an_error_page(
    client, offering, representative, outcome
):
    report = services.correction_report(offering=offering, text="Verkeerde uren")
    login(client, representative, two_factor=False)
    url = f"/sociale-kaart/mijn-organisatie/meldingen/{report.pk}/"
    response = client.post(url, {"outcome": outcome}, follow=True)
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.status == CorrectionReport.Status.OPEN
