"""The question desk's messages to users, in one table (Dutch in the catalogue)."""

from django.utils.translation import gettext_lazy as _

NOT_POSSIBLE = _("This step is not possible in the question's current state (%(status)s).")
ALREADY_ASSIGNED = _(
    "Someone else changed the assignment in the meantime: the question is now with %(name)s."
)
NOT_A_COORDINATOR = _("Choose a coordinator.")
TEXT_REQUIRED = _("Write a text.")
NO_CONSENT = _("The asker did not agree to publication: this question stays private.")
PERSONAL_DATA_LEFT = _(
    "The public text still holds personal data of the asker (%(found)s). Remove it first."
)
TOO_MANY_QUESTIONS = _(
    "You have sent several questions in a short time. Wait an hour and try again, or "
    "write to the contact point."
)
TOO_MANY_REPLIES = _("Too many messages in a short time. Wait an hour and try again.")
ATTACHMENT_TOO_LARGE = _("The attachment is larger than 5 MB.")
ATTACHMENT_TYPE = _("Only a PDF or an image (PNG, JPEG, GIF or WebP) can be attached.")
ATTACHMENT_CONTENT = _(
    "The file's content does not match its name: only a real PDF or image can be attached."
)
