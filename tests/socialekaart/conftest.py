from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from aanspreekpunt.accounts import roles
from socialekaart import services
from socialekaart.models import Modality, Representation, Sector, TargetGroup
from tests.factories import UserFactory

# A Wednesday at noon in Brussels, not a public holiday: "open now" never depends on
# the hour at which the suite happens to run.
NOON = datetime(2026, 12, 2, 11, 0, tzinfo=UTC)


@pytest.fixture
def noon(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOON)


@pytest.fixture
def sector(db):
    return Sector.objects.create(name="Jeugdhulp", slug="jeugdhulp", organisation_count=156)


@pytest.fixture
def chat(db):
    return Modality.objects.create(name="Chat", slug="chat", family="communicative")


@pytest.fixture
def youth(db):
    return TargetGroup.objects.create(name="Jongeren", slug="jongeren")


@pytest.fixture
def coordinator(db):
    return UserFactory(groups=[roles.COORDINATORS], two_factor=True)


@pytest.fixture
def organisation(db, sector, coordinator):
    return services.organisation_create(
        actor=coordinator, data={"name": "Jongerenlijn vzw", "sectors": [sector]}
    )


@pytest.fixture
def representative(db, organisation):
    user = UserFactory()
    Representation.objects.create(
        user=user, organisation=organisation, status=Representation.Status.APPROVED
    )
    user.groups.add(Group.objects.get(name=roles.REPRESENTATIVES))
    return user


def make_offering(organisation, actor, *, publish=True, hours=None, **data):
    """An offering built through the services, published unless ``publish`` is false."""
    data.setdefault("name", "Chat voor jongeren")
    offering = services.offering_create(
        organisation=organisation, actor=actor, data=data, hours=hours or []
    )
    if publish:
        services.offering_submit(offering=offering, actor=actor)
        offering = services.offering_publish(offering=offering, actor=actor)
    return offering


@pytest.fixture
def municipalities(db):
    """The shipped provinces and municipalities of Flanders and Brussels with postcodes."""
    from django.core.management import call_command

    from socialekaart.reference import municipalities_load

    call_command("loaddata", "fixtures/provinces.json", verbosity=0)
    municipalities_load()


def offering_post(*, hours: bool = False, **overrides) -> dict:
    """What the new-offering form posts; ``hours`` adds one weekly window (Tue 18-22)."""
    data = {
        "name": "Nieuwe chat",
        "description": "",
        "anonymity": "anonymous",
        "cost": "free",
        "staffed_by": "professionals",
        "status": "realised",
        "uren-TOTAL_FORMS": "0",
        "uren-INITIAL_FORMS": "0",
    }
    if hours:
        data.update(
            {
                "uren-TOTAL_FORMS": "1",
                "uren-MIN_NUM_FORMS": "0",
                "uren-MAX_NUM_FORMS": "28",
                "uren-0-weekday": "2",
                "uren-0-opens": "18:00",
                "uren-0-closes": "22:00",
            }
        )
    data.update(overrides)
    return data
