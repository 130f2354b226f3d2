"""Registrations are personal data: erased 12 months after the session, keeping the counts;
an account's deletion cancels its places to come, and the waiting list moves up."""

from datetime import timedelta

import pytest
from django.utils import timezone

from aanspreekpunt.accounts.services import account_delete, account_export
from tests.factories import UserFactory
from vorming import privacy, services
from vorming.models import Registration, Session

from .factories import register, registration_data

pytestmark = pytest.mark.django_db


def test_personal_data_is_erased_twelve_months_after_the_session_keeping_the_counts(session):
    register(session, 1)
    register(session, 2)
    ended = session.end
    assert privacy.registrations_erase_old(now=ended + timedelta(days=364)) == 0
    assert privacy.registrations_erase_old(now=ended + timedelta(days=366)) == 2
    assert session.registrations.count() == 2
    assert set(session.registrations.values_list("name", "organisation")) == {("", "")}
    assert not session.registrations.filter(email__contains="directeur").exists()
    # running again erases nothing more
    assert privacy.registrations_erase_old(now=ended + timedelta(days=400)) == 0


def test_a_two_part_session_counts_from_its_last_half_day(coordinator):
    start = timezone.now() + timedelta(days=3)
    session = services.session_create(
        data={
            "kind": "training_day",
            "title": "Twee dagdelen",
            "start": start,
            "end": start + timedelta(hours=3),
            "second_start": start + timedelta(days=30),
            "second_end": start + timedelta(days=30, hours=3),
            "place": "Gent",
            "capacity": 3,
        },
        actor=coordinator,
    )
    register(session, 1)
    assert privacy.registrations_erase_old(now=session.end + timedelta(days=370)) == 0
    assert privacy.registrations_erase_old(now=session.second_end + timedelta(days=366)) == 1


def test_deleting_an_account_frees_the_place_for_the_waiting_list(session):
    member = UserFactory()
    services.registration_create(
        session=session, data=registration_data(1, email=member.email), user=member
    )
    register(session, 2)
    waiting = register(session, 3)
    assert account_export(user=member)["data"]["registrations"][0]["session"] == session.title

    account_delete(user=member, actor=member)

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.HELD
    gone = Registration.objects.get(status=Registration.Status.CANCELLED)
    assert (gone.name, gone.user_id, gone.erased_at is not None) == ("", None, True)
    assert Session.objects.get().registrations.count() == 3
