import pytest

from aanspreekpunt.accounts import roles
from beleidsacties.models import Action, Plan
from tests.factories import UserFactory
from tests.sessions import login


@pytest.fixture
def coordinator(db):
    return UserFactory(groups=[roles.COORDINATORS], two_factor=True)


@pytest.fixture
def coordinator_client(client, coordinator):
    login(client, coordinator, two_factor=True)
    return client


@pytest.fixture
def report(db):
    """The 2014 report, as the migrations ship it (44 slots, 6 known)."""
    return Plan.objects.get(is_primary=True)


@pytest.fixture
def minister(db):
    return Plan.objects.get(slug="ministeriele-acties-2015")


@pytest.fixture
def priority_action(report):
    return Action.objects.get(plan=report, number=6)


@pytest.fixture
def open_slot(report):
    return Action.objects.get(plan=report, number=20)
