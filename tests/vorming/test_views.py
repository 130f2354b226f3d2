"""The public pages and the registration through the web: filters, forms, signed links,
the page cache, query budgets, and the coordinators' pages."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from aanspreekpunt.core.models import OutboundEmail
from tests.sessions import login
from vorming import services
from vorming.models import Meeting, Registration, Session

from .factories import make_session, platform_with_meetings, register, registration_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture
def coordinator_client(client, coordinator):
    login(client, coordinator, two_factor=True)
    return client


def link_value(registration, purpose):
    return services.registration_link(registration, purpose).rstrip("/").rsplit("/", 1)[1]


# --- the public list and page -------------------------------------------------------------


def test_the_list_shows_upcoming_sessions_and_past_ones_one_click_away(client, coordinator):
    make_session(actor=coordinator, title="Komende vormingsdag")
    past = make_session(actor=coordinator, title="Voorbije vormingsdag")
    Session.objects.filter(pk=past.pk).update(
        start=timezone.now() - timedelta(days=3), end=timezone.now() - timedelta(days=3)
    )
    text = client.get("/vorming/").content.decode()
    assert "Komende vormingsdag" in text
    assert "Voorbije vormingsdag" not in text
    assert "?verleden=on" in text
    past_text = client.get("/vorming/?verleden=on").content.decode()
    assert "Voorbije vormingsdag" in past_text
    assert "Komende vormingsdag" not in past_text


def test_filters_are_shareable_get_urls(client, coordinator, sector):
    start = timezone.localtime() + timedelta(days=40)
    make_session(
        actor=coordinator,
        title="Ouderen online",
        sector=sector,
        mode="online",
        place="",
        online_link="https://example.org/x",
        start=start,
        end=start + timedelta(hours=2),
    )
    make_session(actor=coordinator, title="Intersectoraal ter plaatse")
    month = f"{start:%Y-%m}"
    text = client.get(f"/vorming/?sector={sector.slug}&vorm=online&maand={month}").content.decode()
    assert "Ouderen online" in text
    assert "Intersectoraal ter plaatse" not in text
    assert "Ouderen online" not in client.get("/vorming/?vorm=in_person").content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "soort=gebak",
        "maand=2026-13",
        "maand=%00",
        "sector=bestaat-niet",
        "pagina=999",
        "verleden=ja&pagina=-1",
    ],
)
def test_bad_filters_never_give_an_error(client, query):
    assert client.get(f"/vorming/?{query}").status_code == 200


@pytest.mark.parametrize("count", [10, 500])
def test_the_list_makes_the_same_queries_however_many_sessions(
    client, coordinator, count, django_assert_max_num_queries
):
    session = make_session(actor=coordinator)
    start = session.start
    Session.objects.bulk_create(
        [
            Session(
                kind="training_day",
                title=f"Sessie {n}",
                slug=f"sessie-{n}",
                start=start + timedelta(hours=n),
                end=start + timedelta(hours=n + 1),
                place="Gent",
                capacity=5,
            )
            for n in range(count)
        ]
    )
    Registration.objects.bulk_create(
        [
            Registration(
                session=session,
                name=f"P {n}",
                email=f"p{n}@example.org",
                organisation="O",
                function="director",
                status="confirmed",
                token=f"t{n}",
            )
            for n in range(count)
        ]
    )
    with django_assert_max_num_queries(10):
        assert client.get("/vorming/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(f"/vorming/sessies/{session.pk}/").status_code == 200


def test_the_session_page_shows_free_places_or_full(client, session):
    assert "2 vrije plaatsen" in client.get(session.get_absolute_url()).content.decode()
    register(session, 1)
    register(session, 2)
    text = client.get(session.get_absolute_url()).content.decode()
    assert "volzet — wachtlijst" in text
    assert "Op de wachtlijst" in text


def test_the_online_link_is_not_on_the_public_page(client, coordinator):
    session = make_session(
        actor=coordinator, mode="hybrid", online_link="https://example.org/geheime-kamer"
    )
    assert "geheime-kamer" not in client.get(session.get_absolute_url()).content.decode()


def test_an_unknown_session_is_a_404(client):
    assert client.get("/vorming/sessies/999999/").status_code == 404
    assert client.get("/vorming/sessies/99999999999999999999/").status_code == 404


# --- registering through the web ---------------------------------------------------------


def test_a_visitor_registers_without_an_account_and_sees_the_place(client, session):
    response = client.post(f"/vorming/sessies/{session.pk}/inschrijven/", registration_data(1))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Er wordt een plaats voor u vastgehouden." in text
    assert session.registrations.get().status == Registration.Status.HELD


def test_a_full_session_tells_the_position_straight_away(client, session):
    register(session, 1)
    register(session, 2)
    response = client.post(f"/vorming/sessies/{session.pk}/inschrijven/", registration_data(3))
    assert "U staat op plaats 1 van de wachtlijst." in response.content.decode()


def test_a_member_gets_the_form_filled_in(member_client, member, session):
    text = member_client.get(f"/vorming/sessies/{session.pk}/inschrijven/").content.decode()
    assert member.email in text
    member_client.post(
        f"/vorming/sessies/{session.pk}/inschrijven/",
        registration_data(1, email=member.email),
    )
    assert session.registrations.get().user == member


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"name": "A", "email": "geen-adres", "organisation": "O", "function": "director"},
        {"name": "A", "email": "a@example.org", "organisation": "O", "function": "keizer"},
        {"name": "A\x00", "email": "a@example.org", "organisation": "O", "function": "director"},
        {"name": "A" * 500, "email": "a@example.org", "organisation": "O", "function": "director"},
    ],
)
def test_bad_registration_input_is_a_dutch_error_not_a_500(client, session, data):
    response = client.post(f"/vorming/sessies/{session.pk}/inschrijven/", data)
    assert response.status_code == 400
    assert "Verbeter de velden hieronder." in response.content.decode() or "form-errors" in (
        response.content.decode()
    )
    assert not session.registrations.exists()


def test_registering_twice_is_refused_politely_on_the_page(client, session):
    register(session, 1)
    response = client.post(f"/vorming/sessies/{session.pk}/inschrijven/", registration_data(1))
    assert response.status_code == 400
    assert "al ingeschreven" in response.content.decode()


def test_registration_outside_the_window_is_refused_on_the_page(client, coordinator):
    session = make_session(actor=coordinator, registration_opens=timezone.now() + timedelta(days=1))
    response = client.post(f"/vorming/sessies/{session.pk}/inschrijven/", registration_data(1))
    assert response.status_code == 400
    assert "niet open" in response.content.decode()
    assert not session.registrations.exists()


# --- the signed links ---------------------------------------------------------------------


def test_opening_the_cancel_link_changes_nothing_and_confirming_cancels(client, session):
    first = register(session, 1)
    register(session, 2)
    waiting = register(session, 3)
    url = f"/vorming/inschrijving/annuleren/{link_value(first, 'cancel')}/"

    response = client.get(url)
    assert response.status_code == 200
    assert "Ja, annuleer mijn inschrijving" in response.content.decode()
    first.refresh_from_db()
    assert first.status == Registration.Status.HELD

    response = client.post(url)
    assert "Uw inschrijving is geannuleerd." in response.content.decode()
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert first.status == Registration.Status.CANCELLED
    assert waiting.status == Registration.Status.HELD
    assert OutboundEmail.objects.filter(to=[waiting.email]).count() == 2

    # used again: a clear page, nothing changes
    again = client.post(url)
    assert again.status_code == 200
    assert "al geannuleerd" in again.content.decode()


@pytest.mark.parametrize("value", ["vals", "a" * 300, "%00", "1:2:3"])
def test_a_forged_link_gets_a_clear_page_never_a_500(client, value):
    for purpose in ("annuleren", "bevestigen"):
        response = client.post(f"/vorming/inschrijving/{purpose}/{value}/")
        assert response.status_code == 404
        assert "niet geldig" in response.content.decode()


def test_confirming_by_the_link_is_a_post(client, session):
    registration = register(session, 1)
    url = f"/vorming/inschrijving/bevestigen/{link_value(registration, 'confirm')}/"
    client.get(url)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.HELD
    response = client.post(url)
    assert "Uw e-mailadres is bevestigd." in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


# --- the page cache -------------------------------------------------------------------------


def served(url):
    response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode(), response.get("X-Page-Cache", "")


@pytest.mark.usefixtures("page_cache")
def test_public_pages_come_from_the_cache_and_every_change_is_seen(session, coordinator, commit):
    list_url, page_url = "/vorming/", session.get_absolute_url()
    for url in (list_url, page_url):
        served(url)
        assert served(url)[1] == "hit"
    # a place taken
    commit(register, session, 1)
    commit(register, session, 2)
    text, status = served(page_url)
    assert status == "miss"
    assert "volzet" in text
    # a session scheduled
    commit(make_session, actor=coordinator, title="Een nieuwe vormingsdag")
    assert "Een nieuwe vormingsdag" in served(list_url)[0]
    # moved
    new_start = session.start + timedelta(days=1)
    commit(
        services.session_update,
        session=session,
        data={"start": new_start, "end": new_start + timedelta(hours=2)},
        actor=coordinator,
    )
    text, status = served(page_url)
    assert status == "miss"
    # cancelled
    commit(services.session_set_status, session=session, to_status="cancelled", actor=coordinator)
    assert "Deze sessie is geannuleerd." in served(page_url)[0]


@pytest.mark.usefixtures("page_cache")
def test_the_registration_form_is_never_cached(session):
    url = f"/vorming/sessies/{session.pk}/inschrijven/"
    Client().get(url)
    assert Client().get(url).get("X-Page-Cache", "") != "hit"


# --- coordinators -----------------------------------------------------------------------


def test_the_pipeline_page_moves_a_meeting(coordinator_client):
    platform = platform_with_meetings(meetings=3)
    meeting = platform.meetings.first()
    response = coordinator_client.get("/vorming/platforms/")
    assert platform.via in response.content.decode()
    response = coordinator_client.post(
        f"/vorming/platforms/overlegmomenten/{meeting.pk}/stap/",
        {"to_state": "contacted", "on": timezone.localdate().isoformat(), "note": "Gemaild"},
        follow=True,
    )
    assert "gecontacteerd" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.CONTACTED


@pytest.mark.parametrize(
    "data",
    [
        {"to_state": "given", "on": "2020-01-01"},  # not allowed from "to contact"
        {"to_state": "contacted", "on": "gisteren"},
        {"to_state": "xx", "on": "2020-01-01"},
    ],
)
def test_a_wrong_step_is_a_dutch_message_not_a_500(coordinator_client, data):
    meeting = platform_with_meetings().meetings.first()
    response = coordinator_client.post(
        f"/vorming/platforms/overlegmomenten/{meeting.pk}/stap/", data, follow=True
    )
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.TO_CONTACT


def test_a_coordinator_schedules_a_teaser_with_a_clear_error_when_too_long(coordinator_client):
    meeting = platform_with_meetings().meetings.first()
    start = timezone.localtime() + timedelta(days=14)
    data = {
        "kind": "teaser",
        "title": "Teaser",
        "meeting": meeting.pk,
        "mode": "in_person",
        "place": "Leuven",
        "capacity": 15,
        "start": start.strftime("%Y-%m-%dT%H:%M"),
        "end": (start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
    }
    response = coordinator_client.post("/vorming/beheer/sessies/nieuw/", data)
    assert response.status_code == 400
    assert "Een teaser duurt hoogstens 2 uur." in response.content.decode()
    data["end"] = (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    response = coordinator_client.post("/vorming/beheer/sessies/nieuw/", data)
    assert response.status_code == 302
    session = Session.objects.get()
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.SCHEDULED
    assert session.meeting == meeting


@pytest.mark.parametrize("capacity", ["0", "-4", "veel"])
def test_capacity_zero_or_negative_is_refused(coordinator_client, capacity):
    start = timezone.localtime() + timedelta(days=14)
    response = coordinator_client.post(
        "/vorming/beheer/sessies/nieuw/",
        {
            "kind": "training_day",
            "title": "Dag",
            "mode": "in_person",
            "place": "Gent",
            "capacity": capacity,
            "start": start.strftime("%Y-%m-%dT%H:%M"),
            "end": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 400
    assert not Session.objects.exists()


def test_the_coordinator_sees_registrations_and_marks_attendance(coordinator_client, session):
    came = register(session, 1)
    register(session, 2)
    text = coordinator_client.get(f"/vorming/beheer/sessies/{session.pk}/").content.decode()
    assert "directeur1@example.org" in text
    coordinator_client.post(
        f"/vorming/beheer/sessies/{session.pk}/", {"attendance": "1", "present": [str(came.pk)]}
    )
    came.refresh_from_db()
    assert came.attended is True


def test_registrants_personal_data_is_for_coordinators_only(member_client, session):
    register(session, 1)
    response = member_client.get(f"/vorming/beheer/sessies/{session.pk}/")
    assert response.status_code == 403


def test_the_registrations_download_is_formula_safe(coordinator_client, session):
    register(session, 1, name='=HYPERLINK("http://kwaad")', organisation="+32 9 123 45 67")
    csv_text = b"".join(
        coordinator_client.get(f"/vorming/beheer/sessies/{session.pk}/inschrijvingen.csv")
    ).decode()
    assert "'=HYPERLINK" in csv_text
    assert ";+32 9 123 45 67;" in csv_text
    response = coordinator_client.get(f"/vorming/beheer/sessies/{session.pk}/inschrijvingen.xlsx")
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet["A2"].value.startswith("=HYPERLINK")
    assert sheet["A2"].data_type == "s"


def test_a_member_sees_their_registrations_under_their_account(member_client, member, session):
    services.registration_create(
        session=session, data=registration_data(1, email=member.email.upper()), user=None
    )
    register(session, 2)  # somebody else's
    profile = member_client.get("/accounts/profiel/").content.decode()
    assert 'href="/vorming/mijn-inschrijvingen/"' in profile  # reached from the account
    text = member_client.get("/vorming/mijn-inschrijvingen/").content.decode()
    assert session.title in text
    assert "/vorming/inschrijving/annuleren/" in text
    assert text.count("/vorming/inschrijving/annuleren/") == 1


def test_reports_count_participants_organisations_and_platforms(
    coordinator_client, session, sector
):
    came = [register(session, n, organisation="Vzw Eén") for n in (1, 2)]
    register(session, 3)  # waiting, never attended
    services.attendance_record(session=session, present={r.pk for r in came}, actor=None)
    platform = platform_with_meetings(sector=sector)
    platform.meetings.filter(number=1).update(state="given")
    text = coordinator_client.get("/vorming/rapporten/").content.decode()
    assert "1 van de 1." in text  # platforms reached
    from vorming.selectors import reports

    row = next(r for r in reports()["rows"] if r["sector"] == sector)
    assert (row["participants"], row["organisations"], row["functions"][0]) == (2, 1, 2)
    assert row["share"] == round(100 / 1233, 1)


@pytest.mark.parametrize("count", [10, 500])
def test_planning_reports_and_pipeline_make_the_same_queries_however_much_data(
    coordinator_client, coordinator, sector, count, django_assert_max_num_queries
):
    session = make_session(actor=coordinator, sector=sector)
    start = session.start.replace(month=3)
    Session.objects.bulk_create(
        [
            Session(
                kind="training_day",
                title=f"Dag {n}",
                slug=f"dag-{n}",
                sector=sector,
                start=start + timedelta(hours=n),
                end=start + timedelta(hours=n + 1),
                place="Gent",
                capacity=5,
                status="held",
            )
            for n in range(count)
        ]
    )
    Registration.objects.bulk_create(
        [
            Registration(
                session=session,
                name=f"P {n}",
                email=f"p{n}@example.org",
                organisation=f"O {n % 7}",
                function="director",
                status="confirmed",
                token=f"t{n}",
                attended=True,
            )
            for n in range(count)
        ]
    )
    platform_with_meetings(sector=sector, meetings=3)
    # the page itself, the session and the role and two-factor checks included
    with django_assert_max_num_queries(20):
        assert coordinator_client.get(f"/vorming/planning/?year={start.year}").status_code == 200
    with django_assert_max_num_queries(20):
        assert coordinator_client.get("/vorming/rapporten/").status_code == 200
    with django_assert_max_num_queries(20):
        assert coordinator_client.get("/vorming/platforms/").status_code == 200


def test_a_coordinator_moves_a_session_and_its_registrants_are_emailed(coordinator_client, session):
    register(session, 1)
    start = timezone.localtime(session.start) + timedelta(days=2)
    response = coordinator_client.post(
        f"/vorming/beheer/sessies/{session.pk}/bewerken/",
        {
            "kind": "training_day",
            "title": session.title,
            "mode": "in_person",
            "place": "Antwerpen",
            "capacity": 2,
            "start": start.strftime("%Y-%m-%dT%H:%M"),
            "end": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.place == "Antwerpen"
    moved = OutboundEmail.objects.filter(subject__startswith="Nieuwe datum")
    assert [e.to for e in moved] == [["directeur1@example.org"]]


def test_the_online_link_is_shown_to_a_confirmed_registrant_only(client, coordinator):
    session = make_session(
        actor=coordinator, mode="hybrid", online_link="https://example.org/vergaderkamer"
    )
    registration = register(session, 1)
    url = f"/vorming/inschrijving/bevestigen/{link_value(registration, 'confirm')}/"
    assert "vergaderkamer" not in client.get(url).content.decode()
    assert "vergaderkamer" in client.post(url).content.decode()
    confirmed = OutboundEmail.objects.filter(to=[registration.email]).order_by("-pk").first()
    assert "vergaderkamer" in confirmed.body
    first = OutboundEmail.objects.filter(to=[registration.email]).order_by("pk").first()
    assert "vergaderkamer" not in first.body
