"""The service map's messages to users, in one table (Dutch in the catalogue)."""

from django.utils.translation import gettext_lazy as _

ORGANISATION_REQUIRED = _("Choose an organisation, or give the name of a new one.")
ALREADY_REQUESTED = _("You already represent this organisation or asked to.")
ENTERPRISE_NUMBER_TAKEN = _(
    "An organisation with this enterprise number is already on the map: %(name)s. "
    "Ask to represent that one."
)
ALREADY_DECIDED = _("This request has already been decided.")
MOVE_NOT_ALLOWED = _("This step is not possible in the offering's current state.")
NOTHING_TO_SUBMIT = _("There are no changes to submit.")
NOTE_REQUIRED = _("Say in a note what needs to change.")
EXCEPTION_HOURS_REQUIRED = _("Give the opening and closing time for a day that is open.")
HOURS_EMPTY = _("Opening and closing time are the same.")
HOURS_OVERLAP = _("Two opening windows overlap. Merge them into one.")
HOURS_REVERSED = _(
    "The closing time is before the opening time. Tick “past midnight” if the offering "
    "stays open until after midnight."
)
HOURS_NOT_REVERSED = _("“Past midnight” is ticked, but the closing time is after the opening time.")
UNDER_REVIEW = _(
    "This offering is being reviewed. Wait for the coordinator's decision before changing it."
)
KBO_ALREADY_REQUESTED = _(
    "Someone already asked to add the organisation with this enterprise number. "
    "A coordinator will handle that request first."
)
CHANGE_INVALID = _("The proposed change cannot be published: %(errors)s")
MUNICIPALITY_UNKNOWN = _(
    "No municipality in Flanders or Brussels matches “%(value)s”. "
    "Type a postcode or the name of a municipality."
)
MUNICIPALITIES_UNKNOWN = _(
    "No municipality in Flanders or Brussels matches: %(values)s. "
    "Type postcodes or names of municipalities, separated by commas."
)
POSTCODE_AMBIGUOUS = _(
    "Postcode %(value)s belongs to more than one municipality (%(names)s): give the name."
)
MUNICIPALITIES_TOO_MANY = _("Give at most %(limit)s municipalities; choose provinces instead.")
OFFERING_NAME_TAKEN = _(
    "This organisation already has an offering with this name, perhaps an archived one. "
    "Choose another name."
)
NOTE_TOO_LONG = _("The note is too long: write at most %(limit)s characters.")
NUL_CHARACTER = _("The text contains a NUL character, which cannot be stored. Remove it.")
AGE_TOO_HIGH = _("Give an age of at most 120 years.")
AGE_RANGE_REVERSED = _("The upper age is lower than the lower age: swap them or correct one.")
NOTICE_END_REQUIRED = _("Give the last day on which visitors see the notice.")
NOTICE_END_IN_PAST = _("The last day of the notice has passed: choose today or a later day.")
ALREADY_ARCHIVED = _("This offering is already archived.")
CORRECTION_EMPTY = _("Say what is wrong on this page.")
CORRECTION_ALREADY_HANDLED = _("This report was already handled.")
CORRECTION_TOO_MANY = _(
    "You sent several reports in a short time. Please wait an hour, or write to the contact point."
)
