"""The outreach pipeline: each management meeting moves through one table of allowed steps."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.services import audit_record

from .. import messages as msg
from ..models import NOTE_MAX_LENGTH, Meeting, MeetingEvent

State = Meeting.State

# The allowed steps (style rule 6). A declined meeting may be contacted again next year.
ALLOWED_MOVES = {
    State.TO_CONTACT: {State.CONTACTED, State.DECLINED},
    State.CONTACTED: {State.SCHEDULED, State.DECLINED, State.TO_CONTACT},
    State.SCHEDULED: {State.GIVEN, State.DECLINED, State.CONTACTED},
    State.GIVEN: set(),
    State.DECLINED: {State.TO_CONTACT, State.CONTACTED},
}


def note_check(note: str) -> None:
    if len(note) > NOTE_MAX_LENGTH:
        raise DomainError(msg.NOTE_TOO_LONG % {"limit": NOTE_MAX_LENGTH})
    if "\x00" in note:
        raise DomainError(msg.NOTE_TOO_LONG % {"limit": NOTE_MAX_LENGTH})


@transaction.atomic
def meeting_transition(
    *, meeting: Meeting, to_state: str, actor, on: date | None = None, note: str = ""
) -> MeetingEvent:
    """Move ``meeting`` to ``to_state`` if the table allows it: dated, with a note, audited."""
    note_check(note)
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise DomainError(msg.DATE_IN_FUTURE)
    meeting = Meeting.objects.select_for_update().select_related("platform").get(pk=meeting.pk)
    from_state = meeting.state
    if to_state not in ALLOWED_MOVES[from_state]:
        raise DomainError(msg.MOVE_NOT_ALLOWED, code="not_allowed")
    meeting.state = to_state
    meeting.state_changed_on = on
    meeting.note = note
    meeting.save(update_fields=["state", "state_changed_on", "note"])
    audit_record(
        actor=actor,
        action=f"vorming.meeting.{to_state}",
        obj=meeting,
        changes={"from": from_state, "to": to_state, "on": on.isoformat(), "note": note},
    )
    return MeetingEvent.objects.create(
        meeting=meeting, actor=actor, from_state=from_state, to_state=to_state, on=on, note=note
    )


def meeting_follow_session(*, meeting: Meeting, to_state: str, actor) -> None:
    """Move the meeting along with its teaser (scheduled, given) where the table allows it:
    a teaser scheduled at a meeting still to contact goes through "contacted"."""
    meeting = Meeting.objects.get(pk=meeting.pk)
    path = {
        State.SCHEDULED: {
            State.TO_CONTACT: [State.CONTACTED, State.SCHEDULED],
            State.DECLINED: [State.CONTACTED, State.SCHEDULED],
            State.CONTACTED: [State.SCHEDULED],
        },
        State.GIVEN: {
            State.TO_CONTACT: [State.CONTACTED, State.SCHEDULED, State.GIVEN],
            State.DECLINED: [State.CONTACTED, State.SCHEDULED, State.GIVEN],
            State.CONTACTED: [State.SCHEDULED, State.GIVEN],
            State.SCHEDULED: [State.GIVEN],
        },
    }[to_state].get(meeting.state, [])
    for step in path:
        meeting_transition(meeting=meeting, to_state=step, actor=actor)
