"""Text that does not fit is refused with a Dutch error that keeps what was typed, on every
path that writes it; nothing is dropped silently and nothing is stored unbounded."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.models import AuditEntry, OutboundEmail
from socialekaart import services
from socialekaart.imports.checking import check_rows
from socialekaart.models import (
    DESCRIPTION_MAX_LENGTH,
    HOURS_NOTE_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    ModerationEvent,
    Offering,
    Organisation,
    Representation,
)
from tests.factories import UserFactory
from tests.sessions import login

from .conftest import make_offering, offering_post

pytestmark = pytest.mark.django_db

TOO_LONG = "Zorg dat deze waarde niet meer dan"
NUL = "Null-tekens zijn niet toegestaan."


@pytest.fixture
def coordinator_client(client, coordinator):
    login(client, coordinator, two_factor=True)
    return client


@pytest.fixture
def open_request(organisation):
    return Representation.objects.create(user=UserFactory(), organisation=organisation)


def nothing_decided(request: Representation) -> bool:
    request.refresh_from_db()
    return (
        request.status == Representation.Status.REQUESTED
        and not AuditEntry.objects.filter(action__startswith="socialekaart.representation.")
        .exclude(action="socialekaart.representation.requested")
        .exists()
        and all(email.to != [request.user.email] for email in OutboundEmail.objects.all())
    )


# --- A coordinator's note on a decision ----------------------------------------------------


@pytest.mark.parametrize(
    ("note", "error"),
    [("x" * (NOTE_MAX_LENGTH + 1), TOO_LONG), ("Welkom\x00 bij de kaart", NUL)],
    ids=["too long", "NUL character"],
)
@pytest.mark.parametrize("button", ["approve", "refuse"])
def test_a_decision_with_a_note_that_does_not_fit_is_refused_and_the_note_kept(
    coordinator_client, open_request, note, error, button
):
    url = f"/sociale-kaart/moderatie/vertegenwoordigers/{open_request.pk}/"
    response = coordinator_client.post(url, {button: "1", "note": note})

    assert response.status_code == 200
    body = response.content.decode()
    assert error in body
    assert "Er is nog niets beslist." in body
    assert note.replace("\x00", "") in body.replace("\x00", "")
    assert nothing_decided(open_request)


def test_a_decision_with_a_fitting_note_goes_through(coordinator_client, open_request):
    url = f"/sociale-kaart/moderatie/vertegenwoordigers/{open_request.pk}/"
    response = coordinator_client.post(url, {"refuse": "1", "note": "x" * NOTE_MAX_LENGTH})
    assert response.status_code == 302
    open_request.refresh_from_db()
    assert open_request.status == Representation.Status.REFUSED
    assert len(open_request.decision_note) == NOTE_MAX_LENGTH


@pytest.mark.parametrize("note", ["x" * (NOTE_MAX_LENGTH + 1), "Goed\x00"])
def test_the_decision_services_refuse_a_note_that_does_not_fit(
    coordinator, open_request, organisation, representative, note
):
    with pytest.raises(DomainError):
        services.representation_decide(
            representation=open_request, actor=coordinator, approve=True, note=note
        )
    assert nothing_decided(open_request)

    offering = make_offering(organisation, representative, publish=False)
    services.offering_submit(offering=offering, actor=representative)
    for decide in (services.offering_publish, services.offering_send_back):
        with pytest.raises(DomainError):
            decide(offering=offering, actor=coordinator, note=note)
    offering.refresh_from_db()
    assert offering.moderation_state == Offering.Moderation.SUBMITTED
    assert ModerationEvent.objects.filter(offering=offering).count() == 1  # submitted only


def test_an_offering_review_with_a_note_that_does_not_fit_publishes_nothing(
    coordinator_client, organisation, representative
):
    offering = make_offering(organisation, representative, publish=False)
    services.offering_submit(offering=offering, actor=representative)
    note = "x" * (NOTE_MAX_LENGTH + 1)
    response = coordinator_client.post(
        f"/sociale-kaart/moderatie/aanbod/{offering.pk}/", {"publish": "1", "note": note}
    )
    assert response.status_code == 200
    assert TOO_LONG in response.content.decode()
    assert note in response.content.decode()
    offering.refresh_from_db()
    assert not offering.is_public


# --- Free text of offerings and organisations ------------------------------------------------


@pytest.mark.parametrize(
    ("field", "limit"),
    [("description", DESCRIPTION_MAX_LENGTH), ("hours_note", HOURS_NOTE_MAX_LENGTH)],
)
def test_the_offering_form_refuses_text_over_its_limit_and_keeps_it(
    client, representative, organisation, field, limit
):
    client.force_login(representative)
    text = "Chat" * 25_000  # 100,000 characters
    response = client.post(
        f"/sociale-kaart/mijn-organisatie/{organisation.slug}/nieuw-aanbod/",
        offering_post(**{field: text}),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert f"{TOO_LONG} {limit} tekens bevat (het zijn er nu 100000)" in body
    assert text in body
    assert not Offering.objects.exists()


def test_the_organisation_form_refuses_a_description_over_its_limit(
    client, representative, organisation
):
    client.force_login(representative)
    response = client.post(
        f"/sociale-kaart/mijn-organisatie/{organisation.slug}/",
        {"name": organisation.name, "description": "x" * (DESCRIPTION_MAX_LENGTH + 1)},
    )
    assert response.status_code == 200
    assert TOO_LONG in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.description == ""


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/accounts/profiel/", {"organisation_name": "Awel\x00"}),
        ("/sociale-kaart/mijn-organisatie/{org}/nieuw-aanbod/", offering_post(name="Chat\x00")),
        ("/sociale-kaart/mijn-organisatie/{org}/", {"name": "Jongerenlijn\x00 vzw"}),
    ],
    ids=["profile", "offering", "organisation"],
)
def test_a_nul_character_in_a_form_is_a_dutch_error(
    client, representative, organisation, url, data
):
    client.force_login(representative)
    response = client.post(url.format(org=organisation.slug), data)
    assert response.status_code == 200
    assert NUL in response.content.decode()


@pytest.mark.parametrize(
    ("model", "field", "limit"),
    [
        (Offering, "description", DESCRIPTION_MAX_LENGTH),
        (Offering, "hours_note", HOURS_NOTE_MAX_LENGTH),
        (Offering, "moderation_note", NOTE_MAX_LENGTH),
        (Organisation, "description", DESCRIPTION_MAX_LENGTH),
        (Representation, "motivation", 1000),
        (Representation, "decision_note", NOTE_MAX_LENGTH),
        (ModerationEvent, "note", NOTE_MAX_LENGTH),
    ],
)
def test_the_database_refuses_text_over_the_limit_that_skips_validation(
    organisation, representative, model, field, limit
):
    offering = make_offering(organisation, representative)  # with moderation events
    rows = model.objects.all()
    assert rows.exists()
    rows.update(**{field: "x" * limit})
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(**{field: "x" * (limit + 1)})
    assert offering.pk


def test_the_offering_services_hold_text_to_the_limits_without_a_form(organisation, representative):
    with pytest.raises(ValidationError) as error:
        services.offering_create(
            organisation=organisation,
            actor=representative,
            data={"name": "Chat", "description": "x" * (DESCRIPTION_MAX_LENGTH + 1)},
        )
    assert list(error.value.message_dict) == ["description"]
    offering = make_offering(organisation, representative)  # public: changes wait for review
    with pytest.raises(ValidationError) as error:
        services.offering_update(
            offering=offering,
            actor=representative,
            data={"name": offering.name, "hours_note": "Open\x00"},
        )
    assert list(error.value.message_dict) == ["hours_note"]
    offering.refresh_from_db()
    assert offering.pending_changes is None


def test_an_import_row_with_text_over_the_limit_or_a_nul_character_is_reported(db):
    long_row = {
        "row": 2,
        "values": {
            "organisatie": "Awel vzw",
            "aanbod": "Chat",
            "beschrijving": "x" * (DESCRIPTION_MAX_LENGTH + 1),
            "altijd_beschikbaar": "nee",
        },
    }
    nul_row = {
        "row": 3,
        "values": {"organisatie": "Tele\x00Onthaal", "aanbod": "Chat", "altijd_beschikbaar": ""},
    }
    long_report, nul_report = (parsed.report() for parsed in check_rows([long_row, nul_row]))
    assert long_report["status"] == "error"
    assert any(m.startswith("beschrijving: " + TOO_LONG) for m in long_report["messages"])
    assert nul_report["status"] == "error"
    assert f"organisatie: {NUL}" in nul_report["messages"]
