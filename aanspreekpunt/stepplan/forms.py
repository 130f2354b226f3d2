"""Forms of the step plan: validation only, no side effects."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NOTE_MAX_LENGTH, StepProgress


class StepProgressForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), choices=StepProgress.State.choices)
    note_date = forms.DateField(
        label=_("Date of the note"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    link = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")


class SharingForm(forms.Form):
    shares = forms.BooleanField(
        label=_("Show our progress on the public step plan page"), required=False
    )
