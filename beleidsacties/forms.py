"""The coordinators' forms: a progress update, and filling in an action."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model

from aanspreekpunt.topics.selectors import topic_list

from .models import TEXT_MAX_LENGTH, Action, Actor, Precision, ProgressUpdate, Status


class ProgressUpdateForm(forms.Form):
    text = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=TEXT_MAX_LENGTH,
    )
    happened_on = forms.DateField(
        label=_("Date"),
        help_text=_("For a month or a year, give its first day and choose the precision."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    precision = forms.ChoiceField(
        label=_("Precision of the date"),
        choices=[c for c in Precision.choices if c[0] != Precision.UNKNOWN],
        initial=Precision.DAY,
    )
    status_after = forms.ChoiceField(
        label=_("New status"),
        required=False,
        choices=[("", _("no change")), *Status.choices],
    )
    progress_after = forms.IntegerField(
        label=_("New progress (%)"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("A percentage from 0 to 100; leave empty for no change."),
        error_messages={
            "min_value": _("Progress is a percentage between 0 and 100."),
            "max_value": _("Progress is a percentage between 0 and 100."),
        },
    )
    evidence_url = forms.URLField(
        label=_("Evidence (web address)"), required=False, max_length=500, assume_scheme="https"
    )
    evidence_source = forms.CharField(
        label=_("Source"),
        required=False,
        max_length=500,
        help_text=_("The title of the document or page the update rests on."),
    )
    evidence_document = forms.ModelChoiceField(
        label=_("Evidence (document)"),
        required=False,
        queryset=get_document_model().objects.order_by("title"),
        empty_label=_("no document"),
        help_text=_("A document from the document library; visitors can then download it."),
    )
    corrects = forms.ModelChoiceField(
        label=_("Corrects an earlier update"),
        required=False,
        queryset=ProgressUpdate.objects.none(),
        empty_label=_("no, this is a new update"),
        help_text=_(
            "History is never rewritten: a correction is a new entry that names the one "
            "it corrects."
        ),
    )

    def __init__(self, *args, action: Action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["corrects"].queryset = action.updates.order_by("-recorded_at", "-pk")
        self.fields["corrects"].label_from_instance = lambda u: f"{u.date_display}: {u.text[:60]}"

    def clean_happened_on(self):
        value = self.cleaned_data["happened_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("An update cannot be dated in the future."))
        return value


class ActionForm(forms.ModelForm):
    actors = forms.ModelMultipleChoiceField(
        label=_("Actors"),
        queryset=Actor.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=topic_list(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Action
        fields = [
            "title",
            "report_number",
            "description",
            "strategy",
            "actors",
            "is_priority",
            "owner",
            "target_date",
            "source",
            "topics",
        ]
        widgets = {
            "target_date": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "report_number": _("The number the document itself gives this action, once known."),
            "title": _("Only text from the document itself; leave empty while it is not known."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strategy"].queryset = self.instance.plan.strategies.all()


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A CSV file (.csv) or an Excel file (.xlsx) of at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
