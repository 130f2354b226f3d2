"""Notifications to a group of people (coordinators, an organisation's representatives) are
one e-mail per person, so nobody sees the others' addresses."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.services import email_enqueue_each
from socialekaart import services
from socialekaart.models import Offering, Representation
from socialekaart.review import offerings_remind_review
from tests.factories import UserFactory

from .conftest import make_offering
from .factories import OfferingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinators(coordinator):
    return [coordinator, UserFactory(groups=[roles.COORDINATORS])]


@pytest.fixture
def representatives(organisation, representative):
    second = UserFactory()
    Representation.objects.create(
        user=second, organisation=organisation, status=Representation.Status.APPROVED
    )
    second.groups.add(Group.objects.get(name=roles.REPRESENTATIVES))
    return [representative, second]


def recipients() -> list[list[str]]:
    return sorted(message.to for message in mail.outbox)


def one_each(users) -> list[list[str]]:
    return sorted([user.email] for user in users)


def test_each_coordinator_gets_their_own_e_mail_about_a_request(
    coordinators, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.representation_request(user=UserFactory(), organisation=organisation)
    assert recipients() == one_each(coordinators)


def test_each_coordinator_gets_their_own_e_mail_about_a_submitted_offering(
    coordinators, organisation, representative, django_capture_on_commit_callbacks
):
    offering = make_offering(organisation, representative, publish=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.offering_submit(offering=offering, actor=representative)
    assert recipients() == one_each(coordinators)


def test_each_representative_gets_their_own_e_mail_about_a_decision(
    representatives, organisation, coordinator, django_capture_on_commit_callbacks
):
    offering = make_offering(organisation, representatives[0], publish=False)
    services.offering_submit(offering=offering, actor=representatives[0])
    with django_capture_on_commit_callbacks(execute=True):
        services.offering_publish(offering=offering, actor=coordinator)
    assert recipients() == one_each(representatives)


def test_each_representative_gets_their_own_review_reminder(
    representatives, organisation, django_capture_on_commit_callbacks
):
    OfferingFactory(organisation=organisation)
    Offering.objects.update(published_at="2020-01-01T00:00Z", last_reviewed_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        assert offerings_remind_review() == 1
    assert recipients() == one_each(representatives)


def test_an_address_listed_twice_gets_one_e_mail(organisation, representative):
    offering = make_offering(organisation, representative, publish=False)
    emails = email_enqueue_each(
        to=["a@example.org", "b@example.org", "a@example.org"],
        template="offering_submitted",
        context={"offering": offering},
    )
    assert [email.to for email in emails] == [["a@example.org"], ["b@example.org"]]
