"""Registration: a place held at once or a waiting-list position, confirmation, cancelling
through the signed link, promotion from the waiting list, lapsing holds and reminders."""

from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone

from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.models import AuditEntry, OutboundEmail
from vorming import messages as msg
from vorming import services
from vorming.models import Registration, Session

from .factories import make_session, register, registration_data

pytestmark = pytest.mark.django_db
Status = Registration.Status


def emails_to(address):
    return [e for e in OutboundEmail.objects.order_by("pk") if e.to == [address]]


def test_registering_holds_a_place_and_asks_to_confirm_the_address(session):
    registration = register(session, 1)
    assert registration.status == Status.HELD
    assert registration.hold_expires_at > timezone.now() + timedelta(hours=47)
    [email] = emails_to("directeur1@example.org")
    assert "/vorming/inschrijving/bevestigen/" in email.body
    assert "/vorming/inschrijving/annuleren/" in email.body
    assert AuditEntry.objects.filter(action="vorming.registration.created").count() == 1
    # the audit log holds no personal data of the registrant
    entry = AuditEntry.objects.get(action="vorming.registration.created")
    assert "Directeur" not in entry.object_repr + str(entry.changes)


def test_a_full_session_puts_people_on_the_waiting_list_in_order(session):
    register(session, 1)
    register(session, 2)
    third, fourth = register(session, 3), register(session, 4)
    assert (third.status, fourth.status) == (Status.WAITING, Status.WAITING)
    assert (services.waiting_position(third), services.waiting_position(fourth)) == (1, 2)
    assert "wachtlijst" in emails_to("directeur3@example.org")[0].body


def test_registering_twice_with_the_same_address_is_refused_politely(session):
    register(session, 1)
    with pytest.raises(DomainError) as refused:
        register(session, 1, email="DIRECTEUR1@example.org")
    assert refused.value.message == msg.ALREADY_REGISTERED
    assert session.registrations.count() == 1


def test_after_cancelling_the_same_address_may_register_again(session):
    registration = register(session, 1)
    services.registration_cancel(registration=registration)
    assert register(session, 1).status == Status.HELD


@pytest.mark.parametrize(
    "change",
    [
        {"registration_opens": timedelta(days=1)},
        {"registration_closes": timedelta(days=-1)},
    ],
)
def test_registration_outside_its_window_is_refused(coordinator, change):
    now = timezone.now()
    data = {key: now + delta for key, delta in change.items()}
    if "registration_closes" in data:
        data["registration_opens"] = now - timedelta(days=5)
    session = make_session(actor=coordinator, **data)
    with pytest.raises(DomainError) as refused:
        register(session, 1)
    assert refused.value.message == msg.REGISTRATION_CLOSED


def test_registration_for_a_cancelled_or_past_session_is_refused(session, coordinator):
    services.session_set_status(
        session=session, to_status=Session.Status.CANCELLED, actor=coordinator
    )
    with pytest.raises(DomainError):
        register(session, 1)
    later = make_session(actor=coordinator)
    with pytest.raises(DomainError):
        services.registration_create(
            session=later, data=registration_data(2), now=later.start + timedelta(minutes=1)
        )


def test_confirming_the_address_confirms_the_place_and_sends_the_ics(session):
    registration = register(session, 1)
    confirmed = services.registration_confirm(registration=registration)
    assert confirmed.status == Status.CONFIRMED
    assert confirmed.hold_expires_at is None
    email = emails_to("directeur1@example.org")[-1]
    [attachment] = email.attachments
    assert attachment["filename"] == "vorming.ics"
    assert attachment["mimetype"] == "text/calendar"
    # twice changes nothing and sends nothing more
    services.registration_confirm(registration=registration)
    assert len(emails_to("directeur1@example.org")) == 2


def test_cancelling_promotes_the_first_on_the_waiting_list_who_is_emailed(session):
    first = register(session, 1)
    register(session, 2)
    third, fourth = register(session, 3), register(session, 4)
    services.registration_confirm(registration=third)  # confirmed while waiting

    services.registration_cancel(registration=first)

    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == Status.CONFIRMED  # address already confirmed: straight in
    assert fourth.status == Status.WAITING
    assert services.waiting_position(fourth) == 1
    assert "plaats" in emails_to("directeur3@example.org")[-1].subject.lower()
    assert services.places_taken(session) == 2


def test_an_unconfirmed_promoted_registrant_gets_a_new_hold(session):
    first = register(session, 1)
    register(session, 2)
    third = register(session, 3)
    services.registration_cancel(registration=first)
    third.refresh_from_db()
    assert third.status == Status.HELD
    assert third.hold_expires_at > timezone.now() + timedelta(hours=47)


def test_within_24_hours_of_the_start_the_coordinator_is_told_instead(session, coordinator):
    first = register(session, 1)
    register(session, 2)
    third = register(session, 3)
    services.registration_cancel(registration=first, now=session.start - timedelta(hours=23))
    third.refresh_from_db()
    assert third.status == Status.WAITING
    assert emails_to(coordinator.email), "the coordinator is told"


def test_a_hold_lapses_after_48_hours_and_frees_the_place_for_the_waiting_list(session):
    first = register(session, 1)
    second = register(session, 2)
    services.registration_confirm(registration=second)
    third = register(session, 3)

    assert services.holds_lapse(now=timezone.now() + timedelta(hours=47)) == 0
    assert services.holds_lapse(now=timezone.now() + timedelta(hours=49)) == 1

    first.refresh_from_db()
    third.refresh_from_db()
    assert first.status == Status.LAPSED
    assert third.status == Status.HELD
    assert services.places_taken(session) == 2


def test_a_lapsed_or_cancelled_registration_cannot_be_confirmed_or_cancelled(session):
    registration = register(session, 1)
    services.registration_cancel(registration=registration)
    with pytest.raises(DomainError) as refused:
        services.registration_cancel(registration=registration)
    assert refused.value.message == msg.ALREADY_CANCELLED
    with pytest.raises(DomainError):
        services.registration_confirm(registration=registration)


def test_links_are_signed_per_purpose_and_a_forged_one_is_refused(session):
    registration = register(session, 1)
    cancel_value = services.registration_link(registration, "cancel").rstrip("/").split("/")[-1]
    assert services.registration_from_link(cancel_value, "cancel") == registration
    for value, purpose in [
        (cancel_value, "confirm"),  # a cancel link does not confirm
        (cancel_value[:-2] + "xx", "cancel"),
        ("zomaar-iets", "cancel"),
        (signing.dumps([registration.pk, "geraden"], salt="vorming.registration.cancel"), "cancel"),
    ]:
        with pytest.raises(DomainError) as refused:
            services.registration_from_link(value, purpose)
        assert refused.value.message == msg.LINK_INVALID


def test_reminders_go_once_per_registration_even_when_the_task_runs_twice(coordinator):
    session = make_session(
        actor=coordinator,
        start=timezone.now() + timedelta(days=1, hours=12),
        end=timezone.now() + timedelta(days=1, hours=14),
    )
    confirmed = register(session, 1)
    services.registration_confirm(registration=confirmed)
    register(session, 2)  # not confirmed: no reminder
    before = OutboundEmail.objects.count()

    assert services.reminders_send() == 1
    assert services.reminders_send() == 0

    assert OutboundEmail.objects.count() == before + 1
    assert "Herinnering" in emails_to("directeur1@example.org")[-1].subject


def test_a_worker_that_dies_mid_run_leaves_no_reminder_twice_and_none_missing(
    coordinator, monkeypatch
):
    from vorming.services import registrations as module

    session = make_session(
        actor=coordinator,
        capacity=5,
        start=timezone.now() + timedelta(days=1, hours=12),
        end=timezone.now() + timedelta(days=1, hours=14),
    )
    for number in (1, 2, 3):
        services.registration_confirm(registration=register(session, number))
    real_enqueue = module.email_enqueue
    calls = []

    class WorkerKilled(BaseException):
        """Like a worker stopped halfway: not an error the task would catch."""

    def dies_at_the_second(**kwargs):
        calls.append(kwargs["to"])
        if len(calls) == 2:
            raise WorkerKilled
        return real_enqueue(**kwargs)

    monkeypatch.setattr(module, "email_enqueue", dies_at_the_second)
    with pytest.raises(WorkerKilled):
        services.reminders_send()
    # the first reminder is queued and marked; the second's mark went with its rollback
    marked = Registration.objects.filter(session=session, reminder_sent_at__isnull=False)
    assert marked.count() == 1

    monkeypatch.setattr(module, "email_enqueue", real_enqueue)
    assert services.reminders_send() == 2  # the restarted worker sends the rest
    assert services.reminders_send() == 0
    for number in (1, 2, 3):
        reminders = [
            e for e in emails_to(f"directeur{number}@example.org") if "Herinnering" in e.subject
        ]
        assert len(reminders) == 1


def test_reminders_wait_until_two_days_before(session):
    registration = register(session, 1)  # the session is in a week
    services.registration_confirm(registration=registration)
    assert services.reminders_send() == 0
    assert services.reminders_send(now=session.start - timedelta(days=2)) == 1


def test_attendance_marks_who_came(session, coordinator):
    came, stayed_away = register(session, 1), register(session, 2)
    services.attendance_record(session=session, present={came.pk}, actor=coordinator)
    came.refresh_from_db()
    stayed_away.refresh_from_db()
    assert (came.attended, stayed_away.attended) == (True, False)
