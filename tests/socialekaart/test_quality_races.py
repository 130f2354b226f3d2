"""Quality norms (issue 18): simultaneous answers and reminder runs end in one row each."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.models import OutboundEmail
from socialekaart import services
from socialekaart.models import (
    Offering,
    Organisation,
    QualityAnswer,
    QualityNorm,
    QualityReminder,
    Representation,
)
from socialekaart.services.quality import quality_norms_load
from tests.factories import UserFactory
from tests.threads import needs_postgresql, run_at_once

pytestmark = [
    needs_postgresql,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("role_groups_restored"),
]

THREADS = 8
NOW = datetime(2027, 9, 1, 9, 0, tzinfo=ZoneInfo("Europe/Brussels"))


@pytest.fixture
def offering():
    quality_norms_load()  # a transactional test starts from a flushed database
    QualityNorm.objects.update(created_at=datetime(2026, 12, 1, tzinfo=ZoneInfo("UTC")))
    coordinator = UserFactory(groups=[roles.COORDINATORS])
    representative = UserFactory()
    organisation = Organisation.objects.create(name="Racevzw", slug="racevzw")
    Representation.objects.create(
        user=representative, organisation=organisation, status=Representation.Status.APPROVED
    )
    representative.groups.add(Group.objects.get(name=roles.REPRESENTATIVES))
    offering = services.offering_create(
        organisation=organisation, actor=coordinator, data={"name": "Racechat"}
    )
    services.offering_submit(offering=offering, actor=coordinator)
    offering = services.offering_publish(offering=offering, actor=coordinator)
    Offering.objects.filter(pk=offering.pk).update(
        published_at=datetime(2026, 1, 1, tzinfo=NOW.tzinfo)
    )
    offering.representative = representative
    return offering


def test_simultaneous_reminder_runs_send_one_reminder(offering):
    results = run_at_once(lambda _: services.quality_remind_unanswered(now=NOW), THREADS)
    assert not [r for r in results if isinstance(r, BaseException)]
    assert sum(results) == 1
    assert QualityReminder.objects.count() == 1
    reminders = [
        e
        for e in OutboundEmail.objects.all()
        if e.to == [offering.representative.email] and "kwaliteit" in e.subject
    ]
    assert len(reminders) == 1


def test_simultaneous_saves_keep_one_answer_per_norm(offering):
    def save(index):
        return services.quality_answers_save(
            offering=offering,
            actor=offering.representative,
            answers={"ohup-wie-antwoordt": {"status": "met", "explanation": f"versie {index}"}},
        )

    results = run_at_once(save, THREADS)
    assert not [r for r in results if isinstance(r, BaseException)]
    assert QualityAnswer.objects.filter(offering=offering).count() == 1
