"""The public pages and the representatives' and coordinators' pages, per role."""

from datetime import time

import pytest

from socialekaart.models import Offering, Organisation, Representation, TargetGroup
from tests.factories import UserFactory
from tests.sessions import login

from . import conftest
from .conftest import make_offering
from .factories import bulk_public_offerings

pytestmark = pytest.mark.django_db
ALL_WEEK = [{"weekday": d, "opens": time(0), "closes": time(23, 59)} for d in range(7)]


@pytest.fixture
def published(organisation, coordinator, chat, youth):
    offering = make_offering(
        organisation,
        coordinator,
        name="Jongerenchat",
        modalities=[chat],
        target_groups=[youth],
        anonymity="anonymous",
        always_available=True,
    )
    return offering


def test_list_shows_published_offerings_only(client, published, organisation, coordinator):
    make_offering(organisation, coordinator, name="Geheim concept", publish=False)
    body = client.get("/sociale-kaart/").content.decode()
    assert "Jongerenchat" in body
    assert "Geheim concept" not in body
    assert "1 resultaat" in body


def test_filters_are_get_parameters_and_combine(client, published, organisation, coordinator):
    make_offering(organisation, coordinator, name="Ouderforum", anonymity="identified")
    body = client.get("/sociale-kaart/?modaliteit=chat&doelgroep=jongeren").content.decode()
    assert "Jongerenchat" in body
    assert "Ouderforum" not in body
    body = client.get("/sociale-kaart/?anonimiteit=identified").content.decode()
    assert "Ouderforum" in body
    assert "Jongerenchat" not in body
    body = client.get("/sociale-kaart/?q=ouder").content.decode()
    assert "Ouderforum" in body
    assert "Jongerenchat" not in body


def test_facets_show_counts(client, published):
    body = client.get("/sociale-kaart/").content.decode()
    assert 'name="modaliteit" value="chat"' in body
    assert 'Chat <span class="count">(1)</span>' in body


def test_open_now_filter(client, published, organisation, coordinator):
    make_offering(organisation, coordinator, name="Nooit open")
    body = client.get("/sociale-kaart/?nu_open=true").content.decode()
    assert "Jongerenchat" in body
    assert "Nooit open" not in body


@pytest.mark.parametrize(
    "query",
    [
        "?modaliteit=bestaat-niet",
        "?status=onzin&anonimiteit=x",
        "?gemeente=999999",
        "?nu_open=misschien",
        "?pagina=9999",
        "?pagina=abc",
        "?q=" + "x" * 500,
        "?sector=%00",
    ],
)
def test_unknown_filter_values_never_fail(client, published, query):
    response = client.get("/sociale-kaart/" + query)
    assert response.status_code == 200


def test_unknown_filter_value_is_named_and_left_out(client, published):
    body = client.get("/sociale-kaart/?modaliteit=bestaat-niet").content.decode()
    assert "onbekend" in body.lower()
    assert "Jongerenchat" in body


def test_htmx_request_gets_only_the_results(client, published):
    response = client.get("/sociale-kaart/?q=jongeren", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "Jongerenchat" in body
    assert "<html" not in body


def test_empty_result_has_a_helpful_message(client, published):
    body = client.get("/sociale-kaart/?q=zzzzzz").content.decode()
    assert "Geen aanbod" in body or "Verwijder een filter" in body


def test_detail_page_says_open_now_and_shows_sources(client, published):
    Offering.objects.filter(pk=published.pk).update(
        sources=["Expertisenetwerk Onlinehulp Vlaanderen (2010)"]
    )
    body = client.get(published.get_absolute_url()).content.decode()
    # Always available: nobody answers, so it is not "staffed now".
    assert "Altijd beschikbaar" in body
    assert "Nu bemand" not in body
    assert "Expertisenetwerk Onlinehulp Vlaanderen (2010)" in body


def test_detail_page_shows_the_e_mail_address_only_when_known(client, published):
    assert "mailto:" not in client.get(published.get_absolute_url()).content.decode()
    Offering.objects.filter(pk=published.pk).update(email="chat@jongerenlijn.example")
    body = client.get(published.get_absolute_url()).content.decode()
    assert 'href="mailto:chat@jongerenlijn.example"' in body


def test_closed_offering_points_to_open_ones_for_the_same_people(
    client, published, organisation, coordinator, chat, youth
):
    closed = make_offering(
        organisation,
        coordinator,
        name="Dagchat",
        modalities=[chat],
        target_groups=[youth],
        hours=[{"weekday": 0, "opens": time(3), "closes": time(3, 1)}],
    )
    body = client.get(closed.get_absolute_url()).content.decode()
    assert "Jongerenchat" in body


def test_unpublished_offering_page_is_404(client, organisation, coordinator):
    draft = make_offering(organisation, coordinator, name="Concept", publish=False)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_organisation_page_lists_its_public_offerings(client, published, organisation):
    body = client.get(organisation.get_absolute_url()).content.decode()
    assert organisation.name in body
    assert "Jongerenchat" in body


@pytest.mark.parametrize("count", [10, 500])
def test_list_query_count_does_not_grow_with_the_data(
    client, django_assert_max_num_queries, organisation, coordinator, chat, youth, count
):
    offerings = bulk_public_offerings(
        count, organisations=[organisation], modalities=[chat], target_groups=[youth]
    )
    with django_assert_max_num_queries(22):
        assert client.get("/sociale-kaart/?modaliteit=chat&nu_open=true").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(offerings[-1].get_absolute_url()).status_code == 200


# --- representatives ----------------------------------------------------------------------


def offering_post(**overrides):
    return conftest.offering_post(hours=True, **overrides)


def test_representative_creates_an_offering_with_hours(client, representative, organisation):
    client.force_login(representative)
    url = f"/sociale-kaart/mijn-organisatie/{organisation.slug}/nieuw-aanbod/"
    response = client.post(url, offering_post())
    assert response.status_code == 302
    offering = Offering.objects.get(name="Nieuwe chat")
    assert offering.organisation == organisation
    assert offering.moderation_state == "draft"
    assert [(h.weekday, h.opens, h.closes) for h in offering.opening_hours.all()] == [
        (2, time(18), time(22))
    ]


def test_reversed_hours_without_past_midnight_get_a_dutch_error(
    client, representative, organisation
):
    client.force_login(representative)
    url = f"/sociale-kaart/mijn-organisatie/{organisation.slug}/nieuw-aanbod/"
    body = client.post(url, offering_post(**{"uren-0-opens": "22:00", "uren-0-closes": "02:00"}))
    text = body.content.decode()
    assert "na middernacht" in text
    assert 'value="Nieuwe chat"' in text  # nothing the user typed is lost
    assert not Offering.objects.exists()


def summary_of(html: str) -> str:
    return html.split('class="form-errors error-summary"', 1)[1].split("</div>", 1)[0]


def test_an_error_in_one_hours_row_is_in_the_summary_and_keeps_the_other_rows(
    client, representative, organisation
):
    client.force_login(representative)
    url = f"/sociale-kaart/mijn-organisatie/{organisation.slug}/nieuw-aanbod/"
    post = offering_post(
        **{
            "uren-TOTAL_FORMS": "3",
            "uren-1-weekday": "3",
            "uren-1-opens": "22:00",
            "uren-1-closes": "02:00",
            "uren-2-weekday": "4",
            "uren-2-opens": "10:00",
            "uren-2-closes": "10:00",
        },
    )
    html = client.post(url, post).content.decode()
    assert not Offering.objects.exists()
    summary = summary_of(html)  # the main form itself has no error
    assert 'href="#id_uren-1-closes">Openingsuren, rij 2: Sluit' in summary
    assert "na middernacht" in summary
    assert 'href="#id_uren-2-opens">Openingsuren, rij 3:' in summary
    # Each row keeps what was typed, the one without an error too.
    assert 'name="uren-0-opens" value="18:00"' in html
    assert 'name="uren-1-opens" value="22:00"' in html
    assert html.count('<p class="error"') >= 2


def test_the_summary_lists_the_forms_errors_and_the_hours_errors_together(
    client, representative, organisation
):
    client.force_login(representative)
    url = f"/sociale-kaart/mijn-organisatie/{organisation.slug}/nieuw-aanbod/"
    post = offering_post(name="", **{"uren-0-closes": "02:00"})
    summary = summary_of(client.post(url, post).content.decode())
    assert 'href="#id_name"' in summary
    assert 'href="#id_uren-0-closes"' in summary


def test_past_midnight_hours_are_accepted(client, representative, organisation):
    client.force_login(representative)
    url = f"/sociale-kaart/mijn-organisatie/{organisation.slug}/nieuw-aanbod/"
    post = offering_post(
        **{"uren-0-opens": "22:00", "uren-0-closes": "02:00", "uren-0-past_midnight": "on"}
    )
    assert client.post(url, post).status_code == 302


def test_invalid_url_is_refused_in_dutch(client, representative, organisation):
    client.force_login(representative)
    url = f"/sociale-kaart/mijn-organisatie/{organisation.slug}/nieuw-aanbod/"
    body = client.post(url, offering_post(access_url="geen url")).content.decode()
    assert "Voer een geldige URL in" in body


def test_representative_cannot_open_another_organisations_offering(
    client, representative, coordinator, sector
):
    other = Organisation.objects.create(name="Andere vzw", slug="andere-vzw")
    foreign = make_offering(other, coordinator, name="Van een ander", publish=False)
    client.force_login(representative)
    assert client.get(f"/sociale-kaart/mijn-organisatie/aanbod/{foreign.slug}/").status_code == 404
    assert (
        client.post(
            f"/sociale-kaart/mijn-organisatie/aanbod/{foreign.slug}/", offering_post(name="Gekaapt")
        ).status_code
        == 404
    )
    assert (
        client.post(f"/sociale-kaart/mijn-organisatie/aanbod/{foreign.slug}/indienen/").status_code
        == 404
    )
    assert client.get(f"/sociale-kaart/mijn-organisatie/{other.slug}/").status_code == 404
    assert (
        client.get(f"/sociale-kaart/mijn-organisatie/{other.slug}/nieuw-aanbod/").status_code == 404
    )
    foreign.refresh_from_db()
    assert foreign.name == "Van een ander"
    assert foreign.moderation_state == "draft"


def test_a_refused_or_pending_request_gives_no_access(client, organisation, coordinator):
    member = UserFactory()
    Representation.objects.create(user=member, organisation=organisation)
    client.force_login(member)
    assert client.get(f"/sociale-kaart/mijn-organisatie/{organisation.slug}/").status_code == 404


def test_wrong_enterprise_number_gets_a_clear_dutch_error(client, member):
    client.force_login(member)
    response = client.post(
        "/sociale-kaart/mijn-organisatie/aanvragen/",
        {"proposed_name": "Nieuw", "proposed_enterprise_number": "0123456700", "motivation": "x"},
    )
    assert "controlecijfers" in response.content.decode()
    assert not Representation.objects.exists()


def test_enterprise_number_with_dots_is_accepted(client, member, coordinator):
    client.force_login(member)
    response = client.post(
        "/sociale-kaart/mijn-organisatie/aanvragen/",
        {"proposed_name": "Nieuw", "proposed_enterprise_number": "0123.456.749", "motivation": "x"},
    )
    assert response.status_code == 302
    assert Representation.objects.get().proposed_enterprise_number == "0123456749"


# --- coordinators ------------------------------------------------------------------------


def test_moderation_queue_is_for_coordinators_only(client, member, coordinator):
    assert client.get("/sociale-kaart/moderatie/").status_code == 302
    client.force_login(member)
    assert client.get("/sociale-kaart/moderatie/").status_code == 403
    login(client, coordinator, two_factor=True)
    assert client.get("/sociale-kaart/moderatie/").status_code == 200


def test_coordinator_publishes_from_the_queue(client, coordinator, organisation, representative):
    offering = make_offering(organisation, representative, publish=False)
    from socialekaart import services

    services.offering_submit(offering=offering, actor=representative)
    login(client, coordinator, two_factor=True)
    assert offering.name in client.get("/sociale-kaart/moderatie/").content.decode()
    response = client.post(f"/sociale-kaart/moderatie/aanbod/{offering.pk}/", {"publish": "1"})
    assert response.status_code == 302
    assert Offering.objects.get(pk=offering.pk).is_public


def test_member_cannot_publish_or_decide(client, member, organisation, representative):
    offering = make_offering(organisation, representative, publish=False)
    request = Representation.objects.create(user=UserFactory(), organisation=organisation)
    client.force_login(member)
    assert (
        client.post(f"/sociale-kaart/moderatie/aanbod/{offering.pk}/", {"publish": "1"}).status_code
        == 403
    )
    assert (
        client.post(
            f"/sociale-kaart/moderatie/vertegenwoordigers/{request.pk}/", {"approve": "1"}
        ).status_code
        == 403
    )
    assert Representation.objects.get(pk=request.pk).status == "requested"
    assert TargetGroup.objects.count() == 0


def test_offering_not_confirmed_for_15_months_is_marked_possibly_outdated(client, published):
    from datetime import timedelta

    from django.utils import timezone

    Offering.objects.filter(pk=published.pk).update(
        last_reviewed_at=timezone.now() - timedelta(days=470)
    )
    assert "Mogelijk verouderd" in client.get(published.get_absolute_url()).content.decode()
    Offering.objects.filter(pk=published.pk).update(last_reviewed_at=timezone.now())
    assert "Mogelijk verouderd" not in client.get(published.get_absolute_url()).content.decode()


def test_empty_extra_hour_rows_are_ignored(client, representative, organisation):
    client.force_login(representative)
    url = f"/sociale-kaart/mijn-organisatie/{organisation.slug}/nieuw-aanbod/"
    post = offering_post(**{"uren-TOTAL_FORMS": "3", "uren-1-weekday": "", "uren-2-weekday": ""})
    assert client.post(url, post).status_code == 302
    assert Offering.objects.get(name="Nieuwe chat").opening_hours.count() == 1


def test_absurd_ids_in_checkbox_fields_are_a_form_error(client, representative, organisation):
    client.force_login(representative)
    url = f"/sociale-kaart/mijn-organisatie/{organisation.slug}/nieuw-aanbod/"
    response = client.post(url, offering_post(modalities="99999999999999999999999"))
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_list_varies_on_htmx_requests(client, published):
    assert "HX-Request" in client.get("/sociale-kaart/")["Vary"]


def test_cached_facet_counts_follow_a_new_publication(
    client, published, organisation, coordinator, chat, django_capture_on_commit_callbacks
):
    assert 'Chat <span class="count">(1)</span>' in client.get("/sociale-kaart/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_offering(organisation, coordinator, name="Tweede chat", modalities=[chat])
    body = client.get("/sociale-kaart/").content.decode()
    assert 'Chat <span class="count">(2)</span>' in body


def test_representative_opens_a_public_holiday_with_an_exception(
    client, representative, organisation
):
    offering = make_offering(organisation, representative, publish=False)
    client.force_login(representative)
    url = f"/sociale-kaart/mijn-organisatie/aanbod/{offering.slug}/uitzonderingen/"
    response = client.post(url, {"date": "2026-12-25", "opens": "18:00", "closes": "22:00"})
    assert response.status_code == 302
    exception = offering.opening_exceptions.get()
    assert (exception.closed, exception.opens) == (False, time(18))
    client.post(f"{url}{exception.pk}/verwijderen/")
    assert not offering.opening_exceptions.exists()


def test_exception_without_hours_or_for_another_organisation_is_refused(
    client, representative, organisation, coordinator
):
    offering = make_offering(organisation, representative, publish=False)
    client.force_login(representative)
    url = f"/sociale-kaart/mijn-organisatie/aanbod/{offering.slug}/uitzonderingen/"
    client.post(url, {"date": "2026-12-25"})
    client.post(url, {"date": "geen datum", "closed": "on"})
    assert not offering.opening_exceptions.exists()
    other = Organisation.objects.create(name="Andere", slug="andere")
    foreign = make_offering(other, coordinator, name="Vreemd", publish=False)
    foreign_url = f"/sociale-kaart/mijn-organisatie/aanbod/{foreign.slug}/uitzonderingen/"
    assert client.post(foreign_url, {"date": "2026-12-25", "closed": "on"}).status_code == 404
    assert not foreign.opening_exceptions.exists()
