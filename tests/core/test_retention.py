"""Personal data is kept no longer than the privacy page says."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.mail import EmailMessage
from django.utils import timezone

from aanspreekpunt.core.models import OutboundEmail
from aanspreekpunt.core.services import email_enqueue_message
from aanspreekpunt.core.tasks import clear_expired_sessions, purge_sent_emails

pytestmark = pytest.mark.django_db


def queue(subject: str) -> OutboundEmail:
    message = EmailMessage(subject=subject, body="-", to=["lid@example.org"])
    return email_enqueue_message(message=message)


def test_e_mails_that_failed_are_purged_30_days_after_they_were_written():
    old_failure, new_failure, pending = queue("Oud"), queue("Nieuw"), queue("Wacht")
    long_ago = timezone.now() - timedelta(days=31)
    OutboundEmail.objects.filter(pk__in=[old_failure.pk, new_failure.pk]).update(
        status=OutboundEmail.Status.FAILED
    )
    OutboundEmail.objects.filter(pk__in=[old_failure.pk, pending.pk]).update(created_at=long_ago)
    assert purge_sent_emails() == 1
    assert set(OutboundEmail.objects.values_list("subject", flat=True)) == {"Nieuw", "Wacht"}


def test_expired_sessions_are_cleared_and_live_ones_kept():
    for expiry in (-1, 1):
        session = SessionStore()
        session["data"] = "x"
        session.set_expiry(timedelta(days=expiry))
        session.save()
    clear_expired_sessions()
    assert Session.objects.count() == 1
    assert Session.objects.get().expire_date > timezone.now()
