"""The real Redis broker: a worker round trip, and no lost e-mail while it is down."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction

from aanspreekpunt.core.models import OutboundEmail
from aanspreekpunt.core.services import email_enqueue_message, emails_flush_pending
from tests.brokers import CLOSED_PORT_BROKER, broker_at, real_redis_url, running_worker, wait_for

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def status_of(email_id):
    return OutboundEmail.objects.get(pk=email_id).status


def test_a_real_worker_sends_a_queued_email_through_redis():
    with broker_at(real_redis_url()), running_worker():
        with transaction.atomic():
            email = email_enqueue_message(
                message=mail.EmailMessage(subject="Rondreis", body="via Redis", to=["a@b.be"])
            )
        assert wait_for(lambda: status_of(email.pk) == OutboundEmail.Status.SENT)
    assert [m.subject for m in mail.outbox] == ["Rondreis"]


def test_signup_succeeds_while_redis_is_down_and_its_email_follows_later(client):
    redis_url = real_redis_url()
    with broker_at(CLOSED_PORT_BROKER):
        response = client.post(
            "/accounts/signup/",
            {
                "email": "nieuw@example.org",
                "password1": "Een-sterk-wachtwoord-2026",
                "password2": "Een-sterk-wachtwoord-2026",
            },
        )
        assert response.status_code == 302
        email = OutboundEmail.objects.get()
        assert email.status == OutboundEmail.Status.PENDING
        assert email.to == ["nieuw@example.org"]
        assert mail.outbox == []

    with broker_at(redis_url), running_worker():
        assert emails_flush_pending(older_than=timedelta(0)) == 1
        assert wait_for(lambda: status_of(email.pk) == OutboundEmail.Status.SENT)
    assert mail.outbox[0].to == ["nieuw@example.org"]
    assert "/accounts/confirm-email/" in mail.outbox[0].body
