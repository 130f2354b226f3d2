from datetime import timedelta
from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from aanspreekpunt.core.models import OutboundEmail
from aanspreekpunt.core.services import (
    SEND_ATTEMPTS_MAX,
    email_enqueue_message,
    email_send,
    emails_flush_pending,
    emails_purge_sent,
)

pytestmark = pytest.mark.django_db


def queue(subject="Welkom", to="lid@example.org") -> OutboundEmail:
    return email_enqueue_message(message=EmailMessage(subject=subject, body="Hallo", to=[to]))


def test_queued_email_is_sent_once_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue()
        assert mail.outbox == []
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT
    assert email.sent_at is not None
    assert [m.subject for m in mail.outbox] == ["Welkom"]


def test_email_of_a_rolled_back_transaction_is_never_sent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                queue()
                raise RuntimeError("the request failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert OutboundEmail.objects.count() == 0
    assert mail.outbox == []


def test_sending_twice_delivers_once():
    email = queue()
    email_send(email_id=email.pk)
    assert email_send(email_id=email.pk) is None
    assert len(mail.outbox) == 1


def test_failed_send_is_kept_pending_with_the_error(settings):
    settings.EMAIL_BACKEND = "tests.fakes.FailingEmailBackend"
    email = queue()
    with pytest.raises(SMTPException):
        email_send(email_id=email.pk)
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.PENDING
    assert email.attempts == 1
    assert "down" in email.last_error


def test_email_is_marked_failed_after_the_last_attempt(settings):
    settings.EMAIL_BACKEND = "tests.fakes.FailingEmailBackend"
    email = queue()
    OutboundEmail.objects.filter(pk=email.pk).update(attempts=SEND_ATTEMPTS_MAX - 1)
    with pytest.raises(SMTPException):
        email_send(email_id=email.pk)
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.FAILED


def test_flush_sends_what_is_still_pending():
    first, second = queue("Een"), queue("Twee")
    OutboundEmail.objects.filter(pk=second.pk).update(status=OutboundEmail.Status.SENT)
    assert emails_flush_pending(older_than=timedelta(0)) == 1
    first.refresh_from_db()
    assert first.status == OutboundEmail.Status.SENT
    assert [m.subject for m in mail.outbox] == ["Een"]


def test_flush_leaves_just_queued_emails_to_their_own_task():
    queue()
    assert emails_flush_pending(older_than=timedelta(minutes=5)) == 0


def test_old_sent_emails_are_purged_and_pending_ones_kept():
    old, pending = queue("Oud"), queue("Wacht")
    OutboundEmail.objects.filter(pk=old.pk).update(
        status=OutboundEmail.Status.SENT, sent_at=timezone.now() - timedelta(days=40)
    )
    assert emails_purge_sent(older_than=timedelta(days=30)) == 1
    assert list(OutboundEmail.objects.values_list("pk", flat=True)) == [pending.pk]


def test_attachments_survive_the_queue():
    message = EmailMessage(subject="Agenda", body="Zie bijlage", to=["lid@example.org"])
    message.attach("sessie.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    email = email_enqueue_message(message=message)
    email_send(email_id=email.pk)
    (filename, content, mimetype) = mail.outbox[0].attachments[0]
    assert filename == "sessie.ics"
    assert mimetype == "text/calendar"
    assert "BEGIN:VCALENDAR" in (content.decode() if isinstance(content, bytes) else content)
