"""Forms of the service map: validation only, no side effects."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import messages as msg
from .models import (
    CORRECTION_MAX_LENGTH,
    MOTIVATION_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    CorrectionReport,
    Offering,
    OpeningHours,
    Organisation,
    Sector,
)
from .reference import municipalities_matching, municipalities_resolve
from .services import snapshot_hours
from .validators import normalise_enterprise_number, validate_enterprise_number

BIGGEST_ID = 2**63 - 1


class TermsField(forms.ModelMultipleChoiceField):
    """Checkboxes of vocabulary terms; an id no database can hold is an invalid choice."""

    def _check_values(self, value):
        for item in value or []:
            if str(item).isdigit() and int(item) > BIGGEST_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)


class MunicipalityField(forms.CharField):
    """One municipality, typed as a postcode or a name; cleans to the municipalities it
    means (a few postcodes belong to two)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 100)
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return []
        found = municipalities_matching(text)
        if not found:
            raise forms.ValidationError(
                msg.MUNICIPALITY_UNKNOWN, code="unknown", params={"value": text}
            )
        return found


class MunicipalitiesField(forms.CharField):
    """Municipalities served, typed as postcodes or names separated by commas, semicolons or
    new lines; every unknown one is named in the error and nothing is lost."""

    widget = forms.Textarea(attrs={"rows": 3})
    MAX_ITEMS = 100

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 5000)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(item) for item in value)
        return value

    def clean(self, value):
        text = super().clean(value) or ""
        items = [item.strip() for item in text.replace(";", ",").replace("\n", ",").split(",")]
        items = list(dict.fromkeys(item for item in items if item))
        if len(items) > self.MAX_ITEMS:
            raise forms.ValidationError(
                msg.MUNICIPALITIES_TOO_MANY, code="too_many", params={"limit": self.MAX_ITEMS}
            )
        resolved = municipalities_resolve(items)
        errors = []
        unknown = [f"“{item}”" for item in items if not resolved[item]]
        if unknown:
            errors.append(
                forms.ValidationError(
                    msg.MUNICIPALITIES_UNKNOWN,
                    code="unknown",
                    params={"values": ", ".join(unknown)},
                )
            )
        # A postcode of two municipalities (1040, 1050, 1804) names neither for sure.
        for item, found in resolved.items():
            if len(found) > 1:
                errors.append(
                    forms.ValidationError(
                        msg.POSTCODE_AMBIGUOUS,
                        code="ambiguous",
                        params={"value": item, "names": " / ".join(m.name for m in found)},
                    )
                )
        if errors:
            raise forms.ValidationError(errors)
        found = {m.pk: m for matches in resolved.values() for m in matches}
        return sorted(found.values(), key=lambda m: m.name)


class EnterpriseNumberField(forms.CharField):
    """Accepts "0123.456.749", "BE 0123 456 749" ... and keeps the ten digits."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("help_text", _("Ten digits, for example 0123.456.749."))
        super().__init__(**kwargs)

    def to_python(self, value):
        return normalise_enterprise_number(super().to_python(value))

    def validate(self, value):
        super().validate(value)
        validate_enterprise_number(value)


class OrganisationForm(forms.ModelForm):
    enterprise_number = EnterpriseNumberField(label=_("Enterprise number (KBO)"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    municipalities = MunicipalitiesField(
        label=_("Municipalities served"),
        help_text=_(
            "Only if you do not serve a whole province: postcodes or names, separated by "
            "commas, for example “9000, Merelbeke-Melle”."
        ),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "enterprise_number",
            "sectors",
            "website",
            "email",
            "phone",
            "street",
            "postcode",
            "city",
            "serves_all_flanders",
            "serves_brussels",
            "provinces",
            "municipalities",
            "description",
        ]
        field_classes = {"sectors": TermsField, "provinces": TermsField}
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "provinces": forms.CheckboxSelectMultiple,
        }


class RepresentationRequestForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Existing organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("— my organisation is not on the map yet —"),
    )
    proposed_name = forms.CharField(
        label=_("Name of the new organisation"), max_length=200, required=False
    )
    proposed_enterprise_number = EnterpriseNumberField(
        label=_("Enterprise number (KBO)"), required=False
    )
    proposed_sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.all(), required=False
    )
    motivation = forms.CharField(
        label=_("Your function in the organisation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MOTIVATION_MAX_LENGTH,
    )

    def clean(self):
        data = super().clean()
        if not data.get("organisation") and not data.get("proposed_name"):
            raise forms.ValidationError(msg.ORGANISATION_REQUIRED)
        if not data.get("organisation") and not data.get("proposed_enterprise_number"):
            self.add_error(
                "proposed_enterprise_number", _("Give the enterprise number of the organisation.")
            )
        return data


AGE_MAX = 120


class OfferingForm(forms.ModelForm):
    access_url = forms.URLField(
        label=_("Web address of the offering"),
        max_length=500,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Offering
        fields = [
            "name",
            "description",
            "modalities",
            "target_groups",
            "themes",
            "target_group_note",
            "anonymity",
            "cost",
            "cost_note",
            "staffed_by",
            "languages",
            "age_min",
            "age_max",
            "access",
            "waiting_time",
            "access_url",
            "phone",
            "email",
            "status",
            "start_date",
            "always_available",
            "hours_modality",
            "hours_note",
        ]
        field_classes = {
            "modalities": TermsField,
            "target_groups": TermsField,
            "themes": TermsField,
        }
        widgets = {
            "modalities": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 5}),
            "hours_note": forms.Textarea(attrs={"rows": 2}),
            "age_min": forms.NumberInput(attrs={"min": 0, "max": AGE_MAX}),
            "age_max": forms.NumberInput(attrs={"min": 0, "max": AGE_MAX}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Not known yet is an answer too: an empty choice keeps "unknown".
        self.fields["access"].required = False

    def clean_access(self):
        return self.cleaned_data.get("access") or Offering.Access.UNKNOWN

    def clean(self):
        data = super().clean()
        for field in ("age_min", "age_max"):
            if data.get(field) is not None and data[field] > AGE_MAX:
                self.add_error(field, msg.AGE_TOO_HIGH)
        age_min, age_max = data.get("age_min"), data.get("age_max")
        if age_min is not None and age_max is not None and age_min > age_max:
            self.add_error("age_max", msg.AGE_RANGE_REVERSED)
        return data


class OfferingNoticeForm(forms.Form):
    """A short notice for visitors, with the last day it is shown; empty text removes it."""

    notice = forms.CharField(label=_("Short notice"), max_length=200, required=False)
    notice_until = forms.DateField(
        label=_("Shown up to and including"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        data = super().clean()
        if data.get("notice", "").strip() and not data.get("notice_until"):
            self.add_error("notice_until", msg.NOTICE_END_REQUIRED)
        return data


class OpeningHoursRowForm(forms.Form):
    # An empty first choice keeps an untouched extra row unchanged, so it is skipped.
    weekday = forms.TypedChoiceField(
        label=_("Day"), choices=[("", "—"), *OpeningHours.Weekday.choices], coerce=int
    )
    opens = forms.TimeField(label=_("Opens"), widget=forms.TimeInput(attrs={"type": "time"}))
    closes = forms.TimeField(label=_("Closes"), widget=forms.TimeInput(attrs={"type": "time"}))
    past_midnight = forms.BooleanField(label=_("past midnight"), required=False)

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens"), data.get("closes")
        if opens is None or closes is None:
            return data
        if opens == closes:
            raise forms.ValidationError(msg.HOURS_EMPTY)
        if closes < opens and not data.get("past_midnight"):
            self.add_error("closes", msg.HOURS_REVERSED)
        if closes > opens and data.get("past_midnight"):
            self.add_error("past_midnight", msg.HOURS_NOT_REVERSED)
        return data


class BaseOpeningHoursFormSet(forms.BaseFormSet):
    def summary_errors(self) -> list[tuple[str, str, str]]:
        """The rows' errors for the form's error summary: (the field to link to, what to
        call it, the message), in the order of the page."""
        if not self.is_bound:
            return []
        found = [("hours", _("Weekly opening hours"), e) for e in self.non_form_errors()]
        for number, row in enumerate(self.forms, start=1):
            for error in row.non_field_errors():
                found.append(
                    (
                        row["opens"].id_for_label,
                        _("Opening hours, row %(n)s") % {"n": number},
                        error,
                    )
                )
            for field in row.visible_fields():
                for error in field.errors:
                    label = _("Opening hours, row %(n)s: %(field)s") % {
                        "n": number,
                        "field": field.label,
                    }
                    found.append((field.id_for_label, label, error))
        return found

    def rows(self) -> list[dict]:
        """The filled-in rows, as the services take them."""
        return [
            {key: form.cleaned_data[key] for key in ("weekday", "opens", "closes")}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


OpeningHoursFormSet = forms.formset_factory(
    OpeningHoursRowForm,
    formset=BaseOpeningHoursFormSet,
    extra=3,
    can_delete=True,
    max_num=28,
    validate_max=True,
)


def opening_hours_initial(offering: Offering | None) -> list[dict]:
    """Rows for the formset: a pending change's hours, else the offering's own."""
    if offering is None:
        return []
    if offering.pending_changes:
        rows = snapshot_hours(offering.pending_changes)
    else:
        rows = [
            {"weekday": row.weekday, "opens": row.opens, "closes": row.closes}
            for row in offering.opening_hours.all()
        ]
    return [{**row, "past_midnight": row["closes"] < row["opens"]} for row in rows]


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the representatives"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=NOTE_MAX_LENGTH,
        required=False,
    )


class OpeningExceptionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    closed = forms.BooleanField(label=_("Closed all day"), required=False)
    opens = forms.TimeField(
        label=_("Opens"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    closes = forms.TimeField(
        label=_("Closes"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("closed") and (not data.get("opens") or not data.get("closes")):
            raise forms.ValidationError(msg.EXCEPTION_HOURS_REQUIRED)
        return data


class CorrectionReportForm(forms.Form):
    """What a visitor says is wrong on an offering's page."""

    text = forms.CharField(
        label=_("What is wrong or missing?"),
        help_text=_(
            "For example a closed chat, other opening hours or a link that no longer works."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=CORRECTION_MAX_LENGTH,
    )
    reporter_email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        help_text=_("Only to tell you when your report is handled; then we delete it."),
        required=False,
    )


class CorrectionHandleForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (CorrectionReport.Status.CORRECTED, _("Corrected")),
            (CorrectionReport.Status.DISMISSED, _("Nothing to change")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Answer for the reporter (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=NOTE_MAX_LENGTH,
        required=False,
    )
