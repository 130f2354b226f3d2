"""Scheduling: the teaser and half-day rules, the status table, the pipeline of meetings,
and registrants told when a session moves or is cancelled."""

from datetime import timedelta

import pytest
from django.utils import timezone

from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.models import AuditEntry, OutboundEmail
from vorming import messages as msg
from vorming import services
from vorming.models import Meeting, MeetingEvent, Session

from .factories import make_session, platform_with_meetings, register, session_data

pytestmark = pytest.mark.django_db
START = (timezone.now() + timedelta(days=10)).replace(microsecond=0)


def errors_of(**overrides):
    return services.session_errors(Session(**session_data(**overrides)))


def test_a_valid_training_day_has_no_errors():
    assert errors_of() == {}


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end": START - timedelta(hours=1)}, "end", msg.END_BEFORE_START),
        ({"end": START}, "end", msg.END_BEFORE_START),
        ({"end": START + timedelta(hours=4, minutes=1)}, "end", msg.HALF_DAY_TOO_LONG),
        ({"capacity": 0}, "capacity", msg.CAPACITY_TOO_SMALL),
        ({"capacity": -3}, "capacity", msg.CAPACITY_TOO_SMALL),
        ({"second_start": START + timedelta(days=1)}, "second_end", msg.SECOND_PART_INCOMPLETE),
        (
            {"second_start": START + timedelta(hours=1), "second_end": START + timedelta(hours=2)},
            "second_start",
            msg.SECOND_PART_BEFORE_FIRST,
        ),
        (
            {
                "second_start": START + timedelta(days=1),
                "second_end": START + timedelta(days=1, hours=5),
            },
            "second_end",
            msg.HALF_DAY_TOO_LONG,
        ),
        (
            {"registration_closes": START + timedelta(hours=1)},
            "registration_closes",
            msg.WINDOW_AFTER_START,
        ),
        (
            {
                "registration_opens": START - timedelta(days=1),
                "registration_closes": START - timedelta(days=2),
            },
            "registration_closes",
            msg.WINDOW_REVERSED,
        ),
        ({"place": ""}, "place", msg.PLACE_OR_LINK),
        ({"mode": Session.Mode.ONLINE, "place": ""}, "online_link", msg.PLACE_OR_LINK),
    ],
)
def test_rules_of_a_training_day(overrides, field, message):
    overrides.setdefault("start", START)
    if "end" not in overrides:
        overrides["end"] = START + timedelta(hours=3)
    assert errors_of(**overrides)[field] == message


def test_a_teaser_lasts_at_most_two_hours_at_a_meeting():
    meeting = platform_with_meetings().meetings.first()
    teaser = {"kind": Session.Kind.TEASER, "meeting": meeting, "start": START}
    assert errors_of(**teaser, end=START + timedelta(hours=2)) == {}
    assert errors_of(**teaser, end=START + timedelta(hours=2, minutes=1))["end"] == (
        msg.TEASER_TOO_LONG
    )
    assert errors_of(kind=Session.Kind.TEASER)["meeting"] == msg.TEASER_NEEDS_MEETING
    assert errors_of(meeting=meeting)["meeting"] == msg.MEETING_ONLY_FOR_TEASER


def test_the_service_refuses_what_the_rules_refuse(coordinator):
    with pytest.raises(DomainError) as refused:
        make_session(actor=coordinator, capacity=0)
    assert refused.value.message == msg.CAPACITY_TOO_SMALL
    assert not Session.objects.exists()


def test_scheduling_a_teaser_moves_its_meeting_to_scheduled_and_holding_it_to_given(
    coordinator,
):
    platform = platform_with_meetings()
    meeting = platform.meetings.first()
    session = make_session(
        actor=coordinator,
        kind=Session.Kind.TEASER,
        meeting=meeting,
        end=START + timedelta(hours=2),
        start=START,
    )
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.SCHEDULED
    assert session.sector == platform.sector  # the platform's sector
    services.session_set_status(session=session, to_status=Session.Status.HELD, actor=coordinator)
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.GIVEN
    assert [e.to_state for e in MeetingEvent.objects.order_by("pk")] == [
        "contacted",
        "scheduled",
        "given",
    ]


def test_the_status_table(session, coordinator):
    services.session_set_status(session=session, to_status="confirmed", actor=coordinator)
    services.session_set_status(session=session, to_status="cancelled", actor=coordinator)
    with pytest.raises(DomainError) as refused:
        services.session_set_status(session=session, to_status="planned", actor=coordinator)
    assert refused.value.message == msg.STATUS_NOT_ALLOWED
    assert AuditEntry.objects.filter(action="vorming.session.cancelled").exists()


def test_registrants_are_emailed_when_a_session_is_cancelled(session, coordinator):
    register(session, 1)
    register(session, 2)
    register(session, 3)  # waiting: told too
    services.session_set_status(session=session, to_status="cancelled", actor=coordinator)
    subjects = [e.subject for e in OutboundEmail.objects.filter(subject__startswith="Geannuleerd")]
    assert len(subjects) == 3


def test_registrants_are_emailed_when_a_session_moves_not_when_its_title_changes(
    session, coordinator
):
    register(session, 1)
    services.session_update(session=session, data={"title": "Nieuwe titel"}, actor=coordinator)
    assert not OutboundEmail.objects.filter(subject__startswith="Nieuwe datum").exists()
    services.session_update(
        session=session,
        data={"start": session.start + timedelta(days=1), "end": session.end + timedelta(days=1)},
        actor=coordinator,
    )
    assert OutboundEmail.objects.filter(subject__startswith="Nieuwe datum").count() == 1


def test_a_cancelled_session_cannot_be_moved(session, coordinator):
    services.session_set_status(session=session, to_status="cancelled", actor=coordinator)
    with pytest.raises(DomainError):
        services.session_update(
            session=session, data={"start": session.start + timedelta(days=1)}, actor=coordinator
        )


# --- the pipeline ------------------------------------------------------------------------


def test_a_meeting_moves_through_the_table_dated_with_a_note(coordinator):
    meeting = platform_with_meetings().meetings.first()
    yesterday = timezone.localdate() - timedelta(days=1)
    event = services.meeting_transition(
        meeting=meeting, to_state="contacted", actor=coordinator, on=yesterday, note="Gebeld"
    )
    meeting.refresh_from_db()
    assert (meeting.state, meeting.state_changed_on, meeting.note) == (
        "contacted",
        yesterday,
        "Gebeld",
    )
    assert (event.from_state, event.to_state) == ("to_contact", "contacted")
    assert AuditEntry.objects.filter(action="vorming.meeting.contacted").exists()


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        (["given"], "given"),  # to contact -> given skips steps
        (["contacted", "scheduled", "given"], "declined"),  # given is final
    ],
)
def test_moves_outside_the_table_are_refused(coordinator, path, refused):
    meeting = platform_with_meetings().meetings.first()
    for state in path[:-1] if path[-1] == refused else path:
        services.meeting_transition(meeting=meeting, to_state=state, actor=coordinator)
    with pytest.raises(DomainError) as error:
        services.meeting_transition(meeting=meeting, to_state=refused, actor=coordinator)
    assert error.value.message == msg.MOVE_NOT_ALLOWED


def test_a_declined_meeting_can_be_contacted_again(coordinator):
    meeting = platform_with_meetings().meetings.first()
    services.meeting_transition(meeting=meeting, to_state="declined", actor=coordinator)
    services.meeting_transition(meeting=meeting, to_state="contacted", actor=coordinator)
    meeting.refresh_from_db()
    assert meeting.state == "contacted"


def test_a_step_in_the_future_or_with_a_too_long_note_is_refused(coordinator):
    meeting = platform_with_meetings().meetings.first()
    with pytest.raises(DomainError):
        services.meeting_transition(
            meeting=meeting,
            to_state="contacted",
            actor=coordinator,
            on=timezone.localdate() + timedelta(days=1),
        )
    with pytest.raises(DomainError):
        services.meeting_transition(
            meeting=meeting, to_state="contacted", actor=coordinator, note="x" * 2001
        )
    meeting.refresh_from_db()
    assert meeting.state == "to_contact"
