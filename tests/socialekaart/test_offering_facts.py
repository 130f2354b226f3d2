"""The facts visitors ask for (age, access, waiting time, cost in words, temporarily closed),
the short notice representatives set at once, coordinators archiving an offering, and the
offering form's error summary and primary action."""

import re
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.models import AuditEntry
from socialekaart import services
from socialekaart.models import Offering
from tests.sessions import login

from .conftest import NOON, make_offering, offering_post

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 2)


@pytest.fixture
def offering(noon, organisation, coordinator):
    return make_offering(
        organisation,
        coordinator,
        name="Jongerenchat",
        age_min=12,
        age_max=25,
        access="registration",
        waiting_time="een antwoord binnen drie werkdagen",
        cost="free",
        cost_note="ook geen kosten voor sms",
        languages="Nederlands, Engels",
    )


def test_the_offering_page_gives_age_access_waiting_time_cost_and_languages(client, offering):
    html = client.get(offering.get_absolute_url()).content.decode()
    assert "12 tot 25 jaar" in html
    assert "Na registratie; wachttijd: een antwoord binnen drie werkdagen" in html
    assert "Gratis: ook geen kosten voor sms" in html
    assert "Nederlands, Engels" in html
    assert "Laatst nagekeken op" in html
    assert "2 december 2026" in html


def test_a_temporarily_closed_offering_says_so(client, offering):
    Offering.objects.filter(pk=offering.pk).update(status=Offering.Status.TEMPORARILY_CLOSED)
    assert "Tijdelijk gesloten" in client.get("/sociale-kaart/").content.decode()
    body = client.get("/sociale-kaart/?status=closed").content.decode()
    assert "1 resultaat" in body


def test_a_representative_sets_a_notice_that_shows_until_its_last_day(
    client, offering, representative, monkeypatch
):
    login(client, representative, two_factor=False)
    response = client.post(
        f"/sociale-kaart/mijn-organisatie/aanbod/{offering.slug}/melding/",
        {"notice": "Deze week gesloten", "notice_until": "2026-12-06"},
    )
    assert response.status_code == 302
    offering.refresh_from_db()
    assert offering.notice == "Deze week gesloten"
    entry = AuditEntry.objects.filter(action="socialekaart.offering.notice").get()
    assert entry.changes["after"]["notice"] == "Deze week gesloten"
    visitor = Client()
    assert "Deze week gesloten" in visitor.get(offering.get_absolute_url()).content.decode()
    assert "Deze week gesloten" in visitor.get("/sociale-kaart/").content.decode()
    # After its last day it is gone.
    monkeypatch.setattr(timezone, "now", lambda: NOON + timedelta(days=5))
    assert "Deze week gesloten" not in visitor.get(offering.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"notice": "Gesloten", "notice_until": ""}, "laatste dag waarop"),
        ({"notice": "Gesloten", "notice_until": "2026-12-01"}, "is voorbij"),
        ({"notice": "x" * 201, "notice_until": "2026-12-06"}, "200"),
        ({"notice": "Gesloten", "notice_until": "gisteren"}, "geldige datum"),
    ],
)
def test_a_wrong_notice_gets_a_dutch_error_and_changes_nothing(
    client, offering, representative, data, error
):
    login(client, representative, two_factor=False)
    url = f"/sociale-kaart/mijn-organisatie/aanbod/{offering.slug}/melding/"
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert error in response.content.decode()
    offering.refresh_from_db()
    assert offering.notice == ""


def test_an_empty_notice_removes_it(offering, representative):
    services.offering_notice_set(
        offering=offering, actor=representative, text="Gesloten", until=TODAY
    )
    services.offering_notice_set(offering=offering, actor=representative, text=" ", until=None)
    offering.refresh_from_db()
    assert (offering.notice, offering.notice_until) == ("", None)


def test_another_organisations_representative_cannot_set_a_notice(client, offering, coordinator):
    from socialekaart.models import Organisation, Representation
    from tests.factories import UserFactory

    other = Organisation.objects.create(name="Andere vzw", slug="andere-vzw")
    stranger = UserFactory()
    Representation.objects.create(
        user=stranger, organisation=other, status=Representation.Status.APPROVED
    )
    login(client, stranger, two_factor=False)
    url = f"/sociale-kaart/mijn-organisatie/aanbod/{offering.slug}/melding/"
    assert client.post(url, {"notice": "Weg", "notice_until": "2026-12-06"}).status_code == 404
    offering.refresh_from_db()
    assert offering.notice == ""


def test_a_coordinator_archives_an_offering_and_it_leaves_the_map(
    client, offering, coordinator, django_capture_on_commit_callbacks
):
    login(client, coordinator, two_factor=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/sociale-kaart/moderatie/aanbod/{offering.pk}/archiveren/",
            {"note": "Bestaat niet meer"},
        )
    assert response.status_code == 302
    offering.refresh_from_db()
    assert offering.moderation_state == Offering.Moderation.ARCHIVED
    assert not offering.is_public
    assert Client().get(offering.get_absolute_url()).status_code == 404
    # Archiving twice is refused with a message, not an error page.
    again = client.post(f"/sociale-kaart/moderatie/aanbod/{offering.pk}/archiveren/", follow=True)
    assert "al gearchiveerd" in again.content.decode()
    with pytest.raises(DomainError):
        services.offering_archive(offering=offering, actor=coordinator)


def test_the_archive_button_is_for_coordinators_only(client, offering, representative, coordinator):
    url = offering.get_edit_url()
    login(client, representative, two_factor=False)
    assert "Dit aanbod archiveren" not in client.get(url).content.decode()
    login(client, coordinator, two_factor=True)
    page = client.get(url).content.decode()
    assert page.count("Dit aanbod archiveren") == 1
    # Once, in the page: the page's title is the offering's name alone.
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert title.startswith(f"{offering.name} ·")
    assert "<" not in title


def test_age_range_in_the_wrong_order_gets_an_error_in_the_summary_and_at_the_field(
    client, representative, organisation
):
    login(client, representative, two_factor=False)
    response = client.post(
        f"/sociale-kaart/mijn-organisatie/{organisation.slug}/nieuw-aanbod/",
        offering_post(age_min="25", age_max="12"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    summary = html.split('class="form-errors error-summary"', 1)[1].split("</div>", 1)[0]
    assert "autofocus" in html.split('class="form-errors error-summary"', 1)[0][-200:] + summary
    assert re.search(r'<a href="#id_age_max">Tot leeftijd: De hoogste leeftijd', summary)
    field = html.split('for="id_age_max"', 1)[1].split("</div>", 1)[0]
    # The error stands between the label and the input.
    assert field.index("De hoogste leeftijd") < field.index('name="age_max"')
    assert not Offering.objects.filter(name="Nieuwe chat").exists()


def test_empty_hour_rows_are_not_marked_required(client, representative, organisation):
    login(client, representative, two_factor=False)
    html = client.get(f"/sociale-kaart/mijn-organisatie/{organisation.slug}/nieuw-aanbod/")
    rows = html.content.decode().split('class="hours-rows"', 1)[1].split("</fieldset>", 1)[0]
    assert "(verplicht)" not in rows


def test_submitting_for_publication_is_the_primary_action_at_the_top(
    client, representative, organisation, coordinator
):
    draft = make_offering(organisation, coordinator, name="Concept", publish=False)
    login(client, representative, two_factor=False)
    html = client.get(draft.get_edit_url()).content.decode()
    action = html.index("Indienen voor publicatie")
    assert action < html.index('id="offering-details"')
    assert 'class="button--large">Indienen voor publicatie' in html


def test_facts_are_kept_in_a_change_awaiting_review(offering, representative, coordinator):
    data = {"name": offering.name, "age_min": 14, "age_max": 30, "access": "direct"}
    services.offering_update(offering=offering, actor=representative, data=data, hours=[])
    offering.refresh_from_db()
    assert offering.age_min == 12  # visitors see the published facts until review
    services.offering_submit(offering=offering, actor=representative)
    services.offering_publish(offering=offering, actor=coordinator)
    offering.refresh_from_db()
    assert (offering.age_min, offering.age_max, offering.access) == (14, 30, "direct")
