import re

import pytest
from django.test import Client

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.models import OutboundEmail
from aanspreekpunt.desk import services
from aanspreekpunt.topics.models import Topic
from socialekaart.models import Sector
from tests.factories import UserFactory
from tests.sessions import login

ASKER = {
    "name": "Noor Vandewalle",
    "email": "noor@zorgpunt.example",
    "organisation_name": "Zorgpunt Oost",
    "subject": "Aansprakelijkheid bij advies via videobellen",
    "body": "Zijn wij aansprakelijk voor medisch advies dat we via videobellen en e-mail geven?",
}


@pytest.fixture
def sector(db):
    return Sector.objects.create(name="Ouderenzorg", slug="ouderenzorg", organisation_count=800)


@pytest.fixture
def topic(db):
    return Topic.objects.get(slug="deontologie-en-privacy")


@pytest.fixture
def coordinator(db):
    return UserFactory(groups=[roles.COORDINATORS], two_factor=True, first_name="Carla")


@pytest.fixture
def colleague(db):
    return UserFactory(groups=[roles.COORDINATORS], two_factor=True, first_name="Kobe")


@pytest.fixture
def coordinator_client(coordinator):
    client = Client()
    login(client, coordinator, two_factor=True)
    return client


def ask(*, consent=True, sector=None, topic=None, **changes):
    """A question as a visitor sends it: unconfirmed until the link is followed."""
    data = {**ASKER, "sector": sector, "topic": topic, "consent_to_publish": consent, **changes}
    return services.question_ask(data=data)


def confirmed(**kwargs):
    question = ask(**kwargs)
    return services.question_confirm(question=question)


def emails_to(address: str) -> list[OutboundEmail]:
    return [email for email in OutboundEmail.objects.order_by("pk") if email.to == [address]]


def link_in(email: OutboundEmail, kind: str) -> str:
    """The path of the signed link of ``kind`` (bevestigen, opvolgen, aanvullen) in an e-mail."""
    found = re.search(rf"https?://[^/\s]+(/vraag/{kind}/[^\s]+/)", email.body)
    assert found, email.body
    return found.group(1)
