"""The yearly review: one reminder after a year, "possibly outdated" after fifteen months."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from aanspreekpunt.core.models import AuditEntry
from socialekaart import services, tasks
from socialekaart.models import Offering
from socialekaart.review import is_possibly_outdated, offerings_remind_review

from .factories import OfferingFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=ZoneInfo("Europe/Brussels"))


def days_ago(days: int) -> datetime:
    return NOW - timedelta(days=days)


@pytest.fixture
def make(organisation, representative):
    def make(**fields):
        fields.setdefault("published_at", days_ago(800))
        return OfferingFactory(organisation=organisation, **fields)

    return make


def remind(capture, now=NOW) -> int:
    with capture(execute=True):
        return offerings_remind_review(now=now)


# --- Possibly outdated --------------------------------------------------------------------------


def test_offering_confirmed_fourteen_months_ago_is_not_outdated():
    offering = Offering(published_at=days_ago(900), last_reviewed_at=NOW - timedelta(days=14 * 30))
    assert not is_possibly_outdated(offering, NOW)


def test_offering_confirmed_sixteen_months_ago_is_possibly_outdated():
    offering = Offering(published_at=days_ago(900), last_reviewed_at=days_ago(16 * 31))
    assert is_possibly_outdated(offering, NOW)


def test_fifteen_months_are_counted_in_calendar_months():
    reviewed = datetime(2025, 8, 22, 9, 0, tzinfo=ZoneInfo("Europe/Brussels"))
    offering = Offering(last_reviewed_at=reviewed)
    assert not is_possibly_outdated(offering, reviewed + timedelta(days=456))  # 21 November
    assert is_possibly_outdated(offering, datetime(2026, 11, 22, 9, 1, tzinfo=reviewed.tzinfo))


def test_never_confirmed_offering_counts_from_its_publication():
    assert is_possibly_outdated(Offering(published_at=days_ago(500)), NOW)
    assert not is_possibly_outdated(Offering(published_at=days_ago(300)), NOW)


def test_a_recent_confirmation_wins_over_an_old_publication():
    assert not is_possibly_outdated(
        Offering(published_at=days_ago(900), last_reviewed_at=days_ago(10)), NOW
    )


def test_an_offering_never_published_is_not_outdated():
    assert not is_possibly_outdated(Offering(), NOW)


# --- Reminders ----------------------------------------------------------------------------------


def test_representatives_are_reminded_of_an_offering_not_confirmed_for_a_year(
    make, representative, django_capture_on_commit_callbacks
):
    due = make(name="Jongerenchat", last_reviewed_at=days_ago(366))
    assert remind(django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [representative.email]
    assert "Jongerenchat" in mail.outbox[0].subject
    assert due.get_edit_url() in mail.outbox[0].body
    due.refresh_from_db()
    assert due.review_reminder_sent_at == NOW
    assert AuditEntry.objects.filter(action="socialekaart.offering.review_reminded").count() == 1


def test_the_reminder_is_not_repeated_the_next_day(make, django_capture_on_commit_callbacks):
    make(last_reviewed_at=days_ago(366))
    remind(django_capture_on_commit_callbacks)
    assert remind(django_capture_on_commit_callbacks, now=NOW + timedelta(days=1)) == 0
    assert len(mail.outbox) == 1


def test_an_offering_confirmed_within_the_year_gets_no_reminder(
    make, django_capture_on_commit_callbacks
):
    make(last_reviewed_at=days_ago(364))
    assert remind(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_an_offering_never_confirmed_counts_from_its_publication(
    make, django_capture_on_commit_callbacks
):
    make(published_at=days_ago(400), last_reviewed_at=None)
    make(published_at=days_ago(100), last_reviewed_at=None)
    assert remind(django_capture_on_commit_callbacks) == 1


def test_drafts_and_archived_offerings_get_no_reminder(make, django_capture_on_commit_callbacks):
    make(draft=True, last_reviewed_at=days_ago(400))
    make(
        moderation_state=Offering.Moderation.ARCHIVED,
        is_public=False,
        last_reviewed_at=days_ago(400),
    )
    assert remind(django_capture_on_commit_callbacks) == 0


def test_after_confirming_the_next_reminder_comes_a_year_later(
    make, coordinator, django_capture_on_commit_callbacks
):
    offering = make(last_reviewed_at=days_ago(366))
    remind(django_capture_on_commit_callbacks)
    offering.refresh_from_db()
    services.offering_confirm_current(offering=offering, actor=coordinator)
    offering.last_reviewed_at = NOW
    offering.save()
    assert remind(django_capture_on_commit_callbacks, now=NOW + timedelta(days=300)) == 0
    assert remind(django_capture_on_commit_callbacks, now=NOW + timedelta(days=366)) == 1
    assert len(mail.outbox) == 2


def test_a_reminder_older_than_the_last_confirmation_does_not_block_the_next(
    make, django_capture_on_commit_callbacks
):
    # republished after a change: confirmed anew, the old reminder still on the row
    make(last_reviewed_at=days_ago(370), review_reminder_sent_at=days_ago(400))
    assert remind(django_capture_on_commit_callbacks) == 1


def test_an_organisation_without_representatives_is_tried_again_later(
    organisation, django_capture_on_commit_callbacks
):
    offering = OfferingFactory(last_reviewed_at=days_ago(400))  # its own organisation, nobody
    assert remind(django_capture_on_commit_callbacks) == 0
    offering.refresh_from_db()
    assert offering.review_reminder_sent_at is None


def test_daily_task_sends_the_reminders(make, django_capture_on_commit_callbacks):
    make(last_reviewed_at=days_ago(366 + 365 * 5))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.remind_reviews.delay().get() == 1
    assert len(mail.outbox) == 1
