"""Writes on the service map: organisations, representatives, offerings and their moderation.

One module per subject; everything is importable from here, as before.
"""

from ._common import (  # noqa: F401
    SLUG_TRIES,
    insert_with_slug,
    note_check,
    save_checked,
    unique_slug,
)
from .corrections import (  # noqa: F401
    ALLOWED_OUTCOMES,
    correction_handle,
    correction_report,
)
from .hours import (  # noqa: F401
    opening_exception_delete,
    opening_exception_set,
    opening_hours_replace,
    validate_opening_rows,
)
from .offerings import (  # noqa: F401
    ALLOWED_MOVES,
    OFFERING_FIELDS,
    OFFERING_M2M,
    Moderation,
    offering_archive,
    offering_confirm_current,
    offering_create,
    offering_name_conflict,
    offering_notice_set,
    offering_publish,
    offering_send_back,
    offering_snapshot,
    offering_submit,
    offering_transition,
    offering_update,
    representatives_notify,
    snapshot_hours,
)
from .organisations import (  # noqa: F401
    OPEN_REQUEST,
    ORGANISATION_FIELDS,
    ORGANISATION_M2M,
    enterprise_number_conflict,
    organisation_create,
    organisation_update,
    representation_conflict,
    representation_decide,
    representation_request,
)
from .quality import (  # noqa: F401
    quality_answers_save,
    quality_figures_keep_month,
    quality_has_pending,
    quality_norms_load,
    quality_publish_pending,
    quality_remind_unanswered,
)
