"""Forms of the question desk: validation only, no side effects."""

from django import forms
from django.utils.translation import gettext_lazy as _

from aanspreekpunt.topics.selectors import topic_list
from socialekaart.models import Sector

from . import messages as msg
from .models import TEXT_MAX_LENGTH, Question

ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
# What a file must start with to be what its name says (the browser's type is not trusted).
SIGNATURES = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".gif": ("image/gif", (b"GIF87a", b"GIF89a")),
    ".webp": ("image/webp", (b"RIFF",)),
}
BIGGEST_ID = 2**63 - 1


class SafeModelChoiceField(forms.ModelChoiceField):
    """A choice by id; an id no database can hold is an invalid choice, never a 500."""

    def to_python(self, value):
        if value not in self.empty_values and (not str(value).isdigit() or int(value) > BIGGEST_ID):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for item in value or []:
            if not str(item).isdigit() or int(item) > BIGGEST_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)


def checked_attachment(upload):
    """The upload if it is a PDF or an image of at most 5 MB, by name and by content."""
    if upload is None:
        return None
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise forms.ValidationError(msg.ATTACHMENT_TOO_LARGE, code="too_large")
    extension = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in SIGNATURES:
        raise forms.ValidationError(msg.ATTACHMENT_TYPE, code="type")
    content_type, signatures = SIGNATURES[extension]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(signatures) or (extension == ".webp" and head[8:12] != b"WEBP"):
        raise forms.ValidationError(msg.ATTACHMENT_CONTENT, code="content")
    upload.checked_content_type = content_type
    return upload


class AttachmentField(forms.FileField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Attachment (optional)"))
        kwargs.setdefault("help_text", _("A PDF or an image (PNG, JPEG, GIF, WebP), at most 5 MB."))
        kwargs.setdefault(
            "widget",
            forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.gif,.webp"}),
        )
        super().__init__(max_length=200, **kwargs)

    def clean(self, data, initial=None):
        return checked_attachment(super().clean(data, initial))


class QuestionForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send a link to confirm it; the answer comes to this address."),
    )
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    sector = SafeModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.all(), required=False, empty_label=_("— none —")
    )
    topic = SafeModelChoiceField(
        label=_("Theme"), queryset=topic_list(), required=False, empty_label=_("— choose —")
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Your question"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("At most 10,000 characters."),
    )
    attachment = AttachmentField()
    consent_to_publish = forms.BooleanField(
        label=_(
            "The contact point may publish my question and its answer as a frequently asked "
            "question, without my name, address or organisation."
        ),
        required=False,
    )
    # Hidden from people (CSS and aria-hidden); a robot that fills it in is ignored.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your information"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    attachment = AttachmentField()


class TextForm(forms.Form):
    text = forms.CharField(
        label=_("Text"), max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 6})
    )


class AssignForm(forms.Form):
    assignee = SafeModelChoiceField(label=_("Assign to"), queryset=None)
    # Who the coordinator saw the question with ("" for nobody): see services.question_assign.
    expected = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20)

    def __init__(self, *args, coordinators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = coordinators
        self.fields["assignee"].label_from_instance = lambda user: (
            user.get_full_name() or user.email
        )

    def clean_expected(self):
        value = self.cleaned_data["expected"]
        if value and not value.isdigit():
            raise forms.ValidationError(_("Reload the page and try again."))
        return int(value) if value else None


class PublicationForm(forms.Form):
    title = forms.CharField(label=_("Public title"), max_length=200)
    question_text = forms.CharField(
        label=_("Public question"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    answer_text = forms.CharField(
        label=_("Public answer"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    topics = SafeModelMultipleChoiceField(
        label=_("Topics"),
        queryset=topic_list(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


QUEUE_STATUS_CHOICES = [
    ("open", _("open")),
    ("received", Question.Status.RECEIVED.label),
    ("in_progress", Question.Status.IN_PROGRESS.label),
    ("awaiting_info", Question.Status.AWAITING_INFO.label),
    ("answered", Question.Status.ANSWERED.label),
    ("closed", Question.Status.CLOSED.label),
]
