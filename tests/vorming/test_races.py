"""Simultaneous registrations never oversubscribe a session (PostgreSQL).

Threads released together by a barrier register, cancel and lapse holds as simultaneous
requests to several gunicorn workers would; the session's row lock decides the order.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from aanspreekpunt.core.errors import DomainError
from tests.threads import needs_postgresql, run_at_once
from vorming import services
from vorming.models import Registration

from .factories import make_session, register, registration_data

pytestmark = [
    needs_postgresql,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("role_groups_restored"),
]

THREADS = 50
PLACES = 20
Status = Registration.Status


def assert_consistent(session, *, places: int):
    """No more places taken than the session has, the waiting list numbered without
    duplicates, and nobody waiting while a place is free (more than 24 h before the start)."""
    taken = session.registrations.filter(status__in=Registration.TAKING_PLACE).count()
    waiting = list(session.registrations.filter(status=Status.WAITING).order_by("waiting_number"))
    assert taken <= places
    numbers = [r.waiting_number for r in session.registrations.exclude(waiting_number=None)]
    assert len(numbers) == len(set(numbers))
    assert [services.waiting_position(r) for r in waiting] == list(range(1, len(waiting) + 1))
    if waiting:
        assert taken == places
    return taken, waiting


def test_fifty_simultaneous_registrations_for_twenty_places(db):
    assert connection.vendor == "postgresql"
    session = make_session(capacity=PLACES)

    results = run_at_once(lambda index: register(session, index), THREADS)

    assert [r for r in results if not isinstance(r, Registration)] == []
    taken, waiting = assert_consistent(session, places=PLACES)
    assert taken == PLACES
    assert len(waiting) == THREADS - PLACES
    assert [r.waiting_number for r in waiting] == list(range(1, THREADS - PLACES + 1))


def test_cancellations_and_lapsing_holds_racing_new_registrations(db):
    session = make_session(capacity=PLACES)
    early = timezone.now() - timedelta(hours=49)
    # 20 places taken, 10 of them held long enough ago to lapse, and 10 waiting
    holders = [
        services.registration_create(
            session=session, data=registration_data(n), now=early if n < 10 else None
        )
        for n in range(PLACES)
    ]
    for holder in holders[10:]:
        services.registration_confirm(registration=holder)
    for n in range(PLACES, PLACES + 10):
        register(session, n)

    cancelling = holders[10:20]  # 10 confirmed places are cancelled

    def act(index):
        if index < 10:
            return services.registration_cancel(registration=cancelling[index])
        if index == 10:
            return services.holds_lapse()
        return register(session, 1000 + index)

    results = run_at_once(act, 10 + 1 + 29)

    errors = [r for r in results if isinstance(r, BaseException)]
    assert [e for e in errors if not isinstance(e, DomainError)] == []
    taken, waiting = assert_consistent(session, places=PLACES)
    assert taken == PLACES  # every freed place went to someone waiting or new
    lapsed = session.registrations.filter(status=Status.LAPSED).count()
    cancelled = session.registrations.filter(status=Status.CANCELLED).count()
    assert (lapsed, cancelled) == (10, 10)
    # 40 active registrations before the freed 20 places, plus 29 new ones
    assert taken + len(waiting) == PLACES + 10 + 29 - 20


def test_registrations_over_http_never_oversubscribe(db):
    session = make_session(capacity=5)
    clients = [Client(raise_request_exception=False) for _ in range(12)]

    def post(index):
        return (
            clients[index]
            .post(f"/vorming/sessies/{session.pk}/inschrijven/", registration_data(index))
            .status_code
        )

    assert run_at_once(post, 12) == [200] * 12
    taken, waiting = assert_consistent(session, places=5)
    assert (taken, len(waiting)) == (5, 7)


def test_two_reminder_runs_at_once_send_each_reminder_once(db):
    from aanspreekpunt.core.models import OutboundEmail

    soon = timezone.now() + timedelta(days=1)
    session = make_session(start=soon, end=soon + timedelta(hours=2))
    for n in range(10):
        services.registration_confirm(registration=register(session, n))
    before = OutboundEmail.objects.count()

    sent = run_at_once(lambda index: services.reminders_send(), 4)

    assert sum(sent) == 10
    assert OutboundEmail.objects.count() == before + 10
    assert session.registrations.filter(reminder_sent_at__isnull=True).count() == 0
