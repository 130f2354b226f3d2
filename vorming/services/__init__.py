"""Writes of the training app: the pipeline, sessions and registrations."""

from .budget import spending_record  # noqa: F401
from .evaluations import evaluation_invite, evaluation_submit  # noqa: F401
from .materials import material_add, material_may_be_served  # noqa: F401
from .pipeline import ALLOWED_MOVES, meeting_transition  # noqa: F401
from .registrations import (  # noqa: F401
    attendance_record,
    holds_lapse,
    places_taken,
    registration_cancel,
    registration_confirm,
    registration_create,
    registration_from_link,
    registration_link,
    registration_open,
    reminders_send,
    waiting_position,
)
from .sessions import (  # noqa: F401
    ALLOWED_STATUS_MOVES,
    session_create,
    session_errors,
    session_set_status,
    session_update,
)
