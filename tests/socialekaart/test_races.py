"""Simultaneous writes on the service map end in one row and one decision, never a 500.

Each test releases its threads together with a barrier, as simultaneous requests to
several gunicorn workers arrive; the database decides who wins.
"""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.models import AuditEntry, OutboundEmail
from socialekaart import messages as msg
from socialekaart import services
from socialekaart.models import Offering, Organisation, Representation
from tests.factories import UserFactory
from tests.sessions import login
from tests.threads import needs_postgresql, run_at_once

from .conftest import offering_post

pytestmark = [
    needs_postgresql,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("role_groups_restored"),
]

THREADS = 20
CLIENTS = 8  # requests through the whole stack: fewer, as each one renders a page
ENTERPRISE_NUMBER = "0123456749"


def outcomes(results: list, expected: type) -> tuple[list, list]:
    """The results of type ``expected`` and the DomainErrors; anything else fails the test."""
    unexpected = [r for r in results if not isinstance(r, expected | DomainError)]
    assert unexpected == []
    return (
        [r for r in results if isinstance(r, expected)],
        [r for r in results if isinstance(r, DomainError)],
    )


def messages_of(errors: list[DomainError]) -> set[str]:
    return {str(error.message) for error in errors}


def emails_to(address: str) -> int:
    return sum(1 for email in OutboundEmail.objects.all() if email.to == [address])


def logged_in_clients(user, count: int = CLIENTS) -> list[Client]:
    """Clients that answer a failing request with its 500 rather than raise its exception:
    the test client hears of exceptions through a signal that every thread's client
    receives, so raising would blame one request's error on all of them."""
    clients = [Client(raise_request_exception=False) for _ in range(count)]
    for client in clients:
        # Staff act as staff only in a session that passed two-factor authentication.
        login(client, user, two_factor=user.authenticator_set.exists())
    return clients


# --- Offerings --------------------------------------------------------------------------


def test_simultaneous_creates_of_one_offering_make_one_draft_and_a_dutch_error(
    organisation, representative
):
    def create(_index):
        return services.offering_create(
            organisation=organisation, actor=representative, data={"name": "Chat voor jongeren"}
        )

    created, refused = outcomes(run_at_once(create, THREADS), Offering)
    assert len(created) == 1
    assert messages_of(refused) == {str(msg.OFFERING_NAME_TAKEN)}
    assert Offering.objects.filter(organisation=organisation).count() == 1
    assert AuditEntry.objects.filter(action="socialekaart.offering.created").count() == 1


def test_offerings_of_one_name_in_other_organisations_each_get_their_own_address(
    coordinator, sector
):
    organisations = [
        services.organisation_create(actor=coordinator, data={"name": f"Organisatie {n}"})
        for n in range(THREADS)
    ]

    def create(index):
        return services.offering_create(
            organisation=organisations[index], actor=coordinator, data={"name": "Chat"}
        )

    created, refused = outcomes(run_at_once(create, THREADS), Offering)
    assert (len(created), refused) == (THREADS, [])
    slugs = set(Offering.objects.values_list("slug", flat=True))
    assert len(slugs) == THREADS
    assert "chat" in slugs


def test_simultaneous_posts_of_the_new_offering_form_save_one_and_answer_the_rest_in_dutch(
    organisation, representative
):
    clients = logged_in_clients(representative)
    url = f"/sociale-kaart/mijn-organisatie/{organisation.slug}/nieuw-aanbod/"
    post = offering_post()

    responses = run_at_once(lambda index: clients[index].post(url, post), CLIENTS)

    assert sorted(r.status_code for r in responses) == [200] * (CLIENTS - 1) + [302]
    for response in responses:
        if response.status_code == 200:
            assert str(msg.OFFERING_NAME_TAKEN) in response.content.decode()
            assert 'value="Nieuwe chat"' in response.content.decode()
    assert Offering.objects.filter(name="Nieuwe chat").count() == 1


# --- Organisations ------------------------------------------------------------------------


def test_simultaneous_organisations_with_one_enterprise_number_make_one(coordinator):
    def create(index):
        return services.organisation_create(
            actor=coordinator,
            data={"name": f"Organisatie {index}", "enterprise_number": ENTERPRISE_NUMBER},
        )

    created, refused = outcomes(run_at_once(create, THREADS), Organisation)
    assert len(created) == 1
    assert messages_of(refused) == {str(msg.ENTERPRISE_NUMBER_TAKEN % {"name": created[0].name})}
    assert Organisation.objects.filter(enterprise_number=ENTERPRISE_NUMBER).count() == 1


def test_organisations_changed_to_one_enterprise_number_at_once_keep_it_unique(coordinator):
    organisations = [
        services.organisation_create(actor=coordinator, data={"name": f"Organisatie {n}"})
        for n in range(THREADS)
    ]

    def update(index):
        organisation = Organisation.objects.get(pk=organisations[index].pk)
        return services.organisation_update(
            organisation=organisation,
            actor=coordinator,
            data={"name": organisation.name, "enterprise_number": ENTERPRISE_NUMBER},
        )

    updated, refused = outcomes(run_at_once(update, THREADS), Organisation)
    assert len(updated) == 1
    assert len(refused) == THREADS - 1
    assert Organisation.objects.filter(enterprise_number=ENTERPRISE_NUMBER).count() == 1


# --- Representation requests ----------------------------------------------------------------


def test_asking_at_once_to_represent_one_organisation_makes_one_request(organisation, coordinator):
    member = UserFactory()

    def ask(_index):
        return services.representation_request(user=member, organisation=organisation)

    made, refused = outcomes(run_at_once(ask, THREADS), Representation)
    assert len(made) == 1
    assert messages_of(refused) == {str(msg.ALREADY_REQUESTED)}
    assert Representation.objects.filter(user=member).count() == 1
    assert emails_to(coordinator.email) == 1


def test_asking_at_once_for_one_new_enterprise_number_makes_one_request(coordinator, sector):
    members = [UserFactory() for _ in range(THREADS)]

    def ask(index):
        return services.representation_request(
            user=members[index],
            proposed_name="Nieuwe Chat vzw",
            proposed_enterprise_number=ENTERPRISE_NUMBER,
            proposed_sector=sector,
        )

    made, refused = outcomes(run_at_once(ask, THREADS), Representation)
    assert len(made) == 1
    assert messages_of(refused) == {str(msg.KBO_ALREADY_REQUESTED)}
    assert Representation.objects.filter(proposed_enterprise_number=ENTERPRISE_NUMBER).count() == 1


def test_one_member_asking_at_once_for_a_new_organisation_makes_one_request(coordinator):
    member = UserFactory()

    def ask(_index):
        return services.representation_request(
            user=member, proposed_name="Nieuwe Chat vzw", proposed_enterprise_number=""
        )

    made, refused = outcomes(run_at_once(ask, THREADS), Representation)
    assert len(made) == 1
    assert messages_of(refused) == {str(msg.ALREADY_REQUESTED)}
    assert Representation.objects.filter(user=member).count() == 1


# --- Decisions ----------------------------------------------------------------------------------


@pytest.fixture
def new_organisation_request(sector):
    return services.representation_request(
        user=UserFactory(),
        proposed_name="Nieuwe Chat vzw",
        proposed_enterprise_number=ENTERPRISE_NUMBER,
        proposed_sector=sector,
    )


def decide_at_once(request: Representation, approve_if) -> list:
    coordinators = [UserFactory(groups=[roles.COORDINATORS]) for _ in range(THREADS)]

    def decide(index):
        return services.representation_decide(
            representation=Representation.objects.get(pk=request.pk),
            actor=coordinators[index],
            approve=approve_if(index),
        )

    return run_at_once(decide, THREADS)


def test_coordinators_approving_one_request_at_once_decide_it_once(new_organisation_request):
    request = new_organisation_request
    decided, refused = outcomes(decide_at_once(request, lambda _i: True), Representation)
    assert len(decided) == 1
    assert messages_of(refused) == {str(msg.ALREADY_DECIDED)}
    assert Organisation.objects.filter(enterprise_number=ENTERPRISE_NUMBER).count() == 1
    assert AuditEntry.objects.filter(action="socialekaart.representation.approved").count() == 1
    assert emails_to(request.user.email) == 1


def test_approving_and_refusing_at_once_applies_one_decision_and_sends_one_email(
    new_organisation_request,
):
    request = new_organisation_request
    results = decide_at_once(request, lambda index: index % 2 == 0)

    decided, refused = outcomes(results, Representation)
    assert len(decided) == 1
    assert messages_of(refused) == {str(msg.ALREADY_DECIDED)}
    request.refresh_from_db()
    decisions = AuditEntry.objects.filter(
        action__in=["socialekaart.representation.approved", "socialekaart.representation.refused"]
    )
    assert [entry.action for entry in decisions] == [
        f"socialekaart.representation.{request.status}"
    ]
    assert emails_to(request.user.email) == 1
    organisations = Organisation.objects.filter(enterprise_number=ENTERPRISE_NUMBER)
    representative = request.user.groups.filter(name=roles.REPRESENTATIVES).exists()
    if request.status == Representation.Status.APPROVED:
        assert organisations.count() == 1
        assert representative
        assert request.organisation == organisations.get()
    else:
        assert not organisations.exists()
        assert not representative
        assert request.organisation is None


def test_simultaneous_decisions_through_the_queue_answer_a_message_not_a_500(
    new_organisation_request,
):
    coordinator = UserFactory(groups=[roles.COORDINATORS], two_factor=True)
    clients = logged_in_clients(coordinator)
    url = f"/sociale-kaart/moderatie/vertegenwoordigers/{new_organisation_request.pk}/"

    responses = run_at_once(lambda index: clients[index].post(url, {"approve": "1"}), CLIENTS)

    assert [r.status_code for r in responses] == [302] * CLIENTS
    assert AuditEntry.objects.filter(action="socialekaart.representation.approved").count() == 1
    assert Group.objects.get(name=roles.REPRESENTATIVES).user_set.count() == 1


# --- issue 16 -----------------------------------------------------------------------------------


def test_a_report_handled_at_once_by_several_people_is_handled_once(organisation, coordinator):
    offering = Offering.objects.create(
        organisation=organisation, name="Chat", slug="chat-race", is_public=True
    )
    report = services.correction_report(
        offering=offering, text="Verkeerde uren", reporter_email="bezoeker@example.org"
    )
    results = run_at_once(
        lambda index: services.correction_handle(
            report=report, actor=coordinator, outcome="corrected", note=f"antwoord {index}"
        ),
        THREADS,
    )
    handled, refused = outcomes(results, type(report))
    assert len(handled) == 1
    assert messages_of(refused) == {str(msg.CORRECTION_ALREADY_HANDLED)}
    assert emails_to("bezoeker@example.org") == 1  # the reporter hears it once
    assert AuditEntry.objects.filter(action="socialekaart.correction.corrected").count() == 1


def test_notices_set_at_once_leave_one_of_them_whole(organisation, coordinator):
    from datetime import date, timedelta

    offering = Offering.objects.create(
        organisation=organisation, name="Chat", slug="chat-notice-race", is_public=True
    )
    until = date.today() + timedelta(days=7)
    results = run_at_once(
        lambda index: services.offering_notice_set(
            offering=offering, actor=coordinator, text=f"Melding {index}", until=until
        ),
        THREADS,
    )
    done, refused = outcomes(results, Offering)
    assert len(done) == THREADS
    assert refused == []
    offering.refresh_from_db()
    assert offering.notice in {f"Melding {index}" for index in range(THREADS)}
    assert offering.notice_until == until
    assert AuditEntry.objects.filter(action="socialekaart.offering.notice").count() == THREADS
