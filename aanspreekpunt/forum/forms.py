from django import forms
from django.utils.translation import gettext_lazy as _

from aanspreekpunt.topics.selectors import topic_list

from .models import BODY_MAX_LENGTH, Category, Follow

BODY_HELP = _(
    "Markdown: **bold**, *italic*, > quote, - list, [text](https://…). Mention someone with "
    "@handle. No personal data of clients."
)


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=BODY_HELP,
        strip=False,
    )


class ThreadForm(PostForm):
    title = forms.CharField(label=_("Title of your question"), max_length=150)
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none())
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=topic_list(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    field_order = ["title", "category", "body", "topics"]

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories


class ProfileForm(forms.Form):
    handle = forms.SlugField(
        label=_("Handle"),
        max_length=30,
        min_length=2,
        help_text=_("Others mention you with @handle: letters, digits and hyphens."),
    )
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=60,
        help_text=_("Shown with your messages. Your e-mail address is never shown."),
    )

    def clean_handle(self):
        handle = self.cleaned_data["handle"].lower()
        if "_" in handle:
            raise forms.ValidationError(_("Use letters, digits and hyphens only."))
        return handle


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you report this message?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FollowForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("E-mail me"),
        choices=[
            (Follow.Mode.IMMEDIATE, _("straight away")),
            (Follow.Mode.DIGEST, _("in a daily digest")),
            ("none", _("no longer (stop following)")),
        ],
    )


class PostModerationForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[("approve", _("Approve")), ("hide", _("Hide")), ("restore", _("Restore"))],
    )
    reason = forms.CharField(
        label=_("Reason (the author reads it)"), max_length=500, required=False
    )


class ThreadModerationForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[
            ("lock", _("Lock")),
            ("unlock", _("Unlock")),
            ("pin", _("Pin")),
            ("unpin", _("Unpin")),
            ("close", _("Close")),
            ("reopen", _("Reopen")),
            ("move", _("Move")),
        ],
    )
    category = forms.ModelChoiceField(
        label=_("Move to category"), queryset=Category.objects.all(), required=False
    )
    reason = forms.CharField(
        label=_("Reason (the author reads it)"), max_length=500, required=False
    )


class SuspendForm(forms.Form):
    until = forms.DateTimeField(
        label=_("Suspended until"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
    )
    reason = forms.CharField(label=_("Reason (the member reads it)"), max_length=500)
