"""The training app's messages to users, in one table (Dutch in the catalogue)."""

from django.utils.translation import gettext_lazy as _

MOVE_NOT_ALLOWED = _("This step is not possible from the meeting's current state.")
NOTE_TOO_LONG = _("The note is too long (at most %(limit)s characters).")
DATE_IN_FUTURE = _("The date of a step cannot be in the future.")
END_BEFORE_START = _("The end is before the start.")
TEASER_TOO_LONG = _("A teaser lasts at most 2 hours.")
HALF_DAY_TOO_LONG = _("A half-day lasts at most 4 hours.")
SECOND_PART_INCOMPLETE = _("Give both the start and the end of the second half-day.")
SECOND_PART_BEFORE_FIRST = _("The second half-day starts after the first one ends.")
TEASER_ONE_PART = _("A teaser has no second half-day.")
TEASER_NEEDS_MEETING = _("Choose the management meeting where the teaser is given.")
MEETING_ONLY_FOR_TEASER = _("Only a teaser is given at a management meeting.")
CAPACITY_TOO_SMALL = _("A session has at least 1 place.")
WINDOW_REVERSED = _("Registration closes after it opens.")
WINDOW_AFTER_START = _("Registration closes before the session starts.")
PLACE_OR_LINK = _("Give a place for a session in person, and an online link for one online.")
STATUS_NOT_ALLOWED = _("This step is not possible from the session's current status.")
CANCELLED_CANNOT_MOVE = _("A cancelled or held session cannot be moved.")
REGISTRATION_CLOSED = _("Registration for this session is not open.")
ALREADY_REGISTERED = _(
    "This e-mail address is already registered for this session. Look in your mailbox for "
    "the e-mail with your registration; it has a link to cancel it."
)
LINK_INVALID = _("This link is not valid. Use the link from the most recent e-mail.")
ALREADY_CANCELLED = _("This registration was already cancelled or has lapsed.")
AMOUNT_POSITIVE = _("An amount is more than 0.")
EVALUATION_ATTENDEES_ONLY = _("Only participants who attended the session can evaluate it.")
EVALUATION_DONE = _("You already evaluated this session. Thank you!")
SCORE_RANGE = _("Give a score from 1 to 5.")
MATERIAL_LINK_OR_FILE = _("Give either a link or a file.")
