"""Representatives, moderation and the e-mails and audit entries of every step."""

from datetime import time

import pytest
from django.core import mail

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.models import AuditEntry
from socialekaart import services
from socialekaart.models import ModerationEvent, Offering, Organisation, Representation
from tests.factories import UserFactory

from .conftest import make_offering

pytestmark = pytest.mark.django_db
Moderation = Offering.Moderation


@pytest.fixture
def send_mail_on_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        yield


def test_member_asks_for_a_new_organisation_and_the_coordinator_approves(
    coordinator, sector, django_capture_on_commit_callbacks
):
    member = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        request = services.representation_request(
            user=member,
            proposed_name="Nieuwe Chat vzw",
            proposed_enterprise_number="0123456749",
            proposed_sector=sector,
            motivation="Coördinator onlinehulp",
        )
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    with django_capture_on_commit_callbacks(execute=True):
        services.representation_decide(representation=request, actor=coordinator, approve=True)
    organisation = Organisation.objects.get(enterprise_number="0123456749")
    assert list(organisation.sectors.all()) == [sector]
    assert member.groups.filter(name=roles.REPRESENTATIVES).exists()
    assert mail.outbox[-1].to == [member.email]
    assert AuditEntry.objects.filter(action="socialekaart.representation.approved").exists()


def test_refused_request_tells_the_member_and_grants_nothing(coordinator, organisation):
    member = UserFactory()
    request = services.representation_request(user=member, organisation=organisation)
    services.representation_decide(
        representation=request, actor=coordinator, approve=False, note="Onbekend bij ons"
    )
    request.refresh_from_db()
    assert request.status == Representation.Status.REFUSED
    assert not member.groups.filter(name=roles.REPRESENTATIVES).exists()
    with pytest.raises(DomainError):
        services.representation_decide(representation=request, actor=coordinator, approve=True)


def test_a_known_enterprise_number_points_to_the_existing_organisation(coordinator, organisation):
    organisation.enterprise_number = "0123456749"
    organisation.save()
    with pytest.raises(DomainError) as error:
        services.representation_request(
            user=UserFactory(), proposed_name="Dubbel", proposed_enterprise_number="0123456749"
        )
    assert organisation.name in str(error.value.message)


def test_asking_twice_for_the_same_organisation_is_refused(organisation):
    member = UserFactory()
    services.representation_request(user=member, organisation=organisation)
    with pytest.raises(DomainError):
        services.representation_request(user=member, organisation=organisation)


def test_offering_goes_from_draft_to_published_with_history_mail_and_audit(
    organisation, representative, coordinator, django_capture_on_commit_callbacks
):
    offering = make_offering(organisation, representative, publish=False)
    assert not offering.is_public
    with django_capture_on_commit_callbacks(execute=True):
        services.offering_submit(offering=offering, actor=representative)
    assert mail.outbox[-1].to == [coordinator.email]
    with django_capture_on_commit_callbacks(execute=True):
        offering = services.offering_publish(offering=offering, actor=coordinator)
    assert offering.is_public
    assert offering.moderation_state == Moderation.PUBLISHED
    assert mail.outbox[-1].to == [representative.email]
    steps = list(ModerationEvent.objects.filter(offering=offering).order_by("pk"))
    assert [(s.from_state, s.to_state) for s in steps] == [
        ("draft", "submitted"),
        ("submitted", "published"),
    ]
    assert steps[1].actor == coordinator
    assert AuditEntry.objects.filter(action="socialekaart.offering.published").count() == 1


def test_sending_back_needs_a_note_and_delivers_it(
    organisation, representative, coordinator, django_capture_on_commit_callbacks
):
    offering = make_offering(organisation, representative, publish=False)
    services.offering_submit(offering=offering, actor=representative)
    with pytest.raises(DomainError):
        services.offering_send_back(offering=offering, actor=coordinator, note="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.offering_send_back(offering=offering, actor=coordinator, note="Voeg uren toe")
    offering.refresh_from_db()
    assert offering.moderation_state == Moderation.DRAFT
    assert "Voeg uren toe" in mail.outbox[-1].body


def test_forbidden_moves_raise_a_domain_error(organisation, representative, coordinator):
    offering = make_offering(organisation, representative, publish=False)
    with pytest.raises(DomainError):
        services.offering_publish(offering=offering, actor=coordinator)  # draft → published
    assert Offering.objects.get(pk=offering.pk).moderation_state == Moderation.DRAFT


def test_change_to_a_published_offering_waits_for_review_while_the_old_version_shows(
    organisation, representative, coordinator, chat
):
    offering = make_offering(organisation, representative, description="Oude tekst")
    data = {
        "name": offering.name,
        "description": "Nieuwe tekst",
        "modalities": [chat],
        "target_groups": [],
        "themes": [],
        "status": "realised",
        "anonymity": "anonymous",
        "cost": "free",
        "staffed_by": "volunteers",
        "always_available": False,
        "hours_modality": chat,
    }
    hours = [{"weekday": 0, "opens": time(18), "closes": time(22)}]
    services.offering_update(offering=offering, actor=representative, data=data, hours=hours)
    offering.refresh_from_db()
    assert offering.description == "Oude tekst"
    assert offering.is_public
    assert offering.pending_changes["description"] == "Nieuwe tekst"
    services.offering_submit(offering=offering, actor=representative)
    assert Offering.objects.get(pk=offering.pk).is_public  # still visible during review
    offering = services.offering_publish(offering=offering, actor=coordinator)
    assert offering.description == "Nieuwe tekst"
    assert list(offering.modalities.all()) == [chat]
    assert [(h.weekday, h.opens) for h in offering.opening_hours.all()] == [(0, time(18))]
    assert offering.pending_changes is None


def test_submitting_a_published_offering_without_changes_is_refused(organisation, representative):
    offering = make_offering(organisation, representative)
    with pytest.raises(DomainError):
        services.offering_submit(offering=offering, actor=representative)


@pytest.mark.parametrize(
    "rows",
    [
        [
            {"weekday": 0, "opens": time(18), "closes": time(22)},
            {"weekday": 0, "opens": time(21), "closes": time(23)},
        ],
        [
            {"weekday": 0, "opens": time(22), "closes": time(2)},
            {"weekday": 1, "opens": time(1), "closes": time(3)},
        ],
        [
            {"weekday": 6, "opens": time(22), "closes": time(2)},
            {"weekday": 0, "opens": time(0), "closes": time(1)},
        ],
        [{"weekday": 2, "opens": time(10), "closes": time(10)}],
    ],
    ids=["same-day", "overnight-into-next-day", "sunday-into-monday", "empty"],
)
def test_overlapping_or_empty_opening_hours_are_refused(organisation, representative, rows):
    with pytest.raises(DomainError):
        make_offering(organisation, representative, publish=False, hours=rows)
    assert not Offering.objects.exists()


def test_an_offering_under_review_cannot_be_changed(organisation, representative):
    offering = make_offering(organisation, representative, publish=False)
    services.offering_submit(offering=offering, actor=representative)
    with pytest.raises(DomainError):
        services.offering_update(offering=offering, actor=representative, data={"name": "Anders"})
    assert Offering.objects.get(pk=offering.pk).name == "Chat voor jongeren"


def test_publishing_a_change_keeps_fields_the_form_does_not_show(
    organisation, representative, coordinator
):
    offering = make_offering(
        organisation, representative, since_note="sinds 2019", hours_as_of="2021"
    )
    services.offering_update(
        offering=offering, actor=representative, data={"name": offering.name, "description": "x"}
    )
    services.offering_submit(offering=offering, actor=representative)
    offering = services.offering_publish(offering=offering, actor=coordinator)
    assert (offering.since_note, offering.hours_as_of, offering.description) == (
        "sinds 2019",
        "2021",
        "x",
    )


def test_overlapping_hours_in_a_change_to_a_published_offering_are_refused(
    organisation, representative
):
    offering = make_offering(organisation, representative)
    rows = [
        {"weekday": 0, "opens": time(9), "closes": time(17)},
        {"weekday": 0, "opens": time(10), "closes": time(11)},
    ]
    with pytest.raises(DomainError):
        services.offering_update(
            offering=offering, actor=representative, data={"name": offering.name}, hours=rows
        )
    assert Offering.objects.get(pk=offering.pk).pending_changes is None


def test_a_second_request_for_the_same_new_organisation_is_refused(coordinator):
    services.representation_request(
        user=UserFactory(), proposed_name="Nieuw", proposed_enterprise_number="0123456749"
    )
    with pytest.raises(DomainError):
        services.representation_request(
            user=UserFactory(), proposed_name="Nieuw bis", proposed_enterprise_number="0123456749"
        )
