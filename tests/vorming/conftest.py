import pytest

from aanspreekpunt.accounts import roles
from tests.factories import UserFactory
from tests.socialekaart.factories import SectorFactory

from .factories import make_session


@pytest.fixture
def coordinator(db):
    return UserFactory(groups=[roles.COORDINATORS], two_factor=True)


@pytest.fixture
def sector(db):
    return SectorFactory(name="Ouderenzorg", slug="ouderenzorg", organisation_count=1233)


@pytest.fixture
def session(db, coordinator, sector):
    return make_session(actor=coordinator, sector=sector, capacity=2)
