"""Forms of the training app: validation only, no side effects."""

from django import forms
from django.utils.translation import gettext_lazy as _

from aanspreekpunt.topics.selectors import topic_list
from socialekaart.models import Sector

from . import messages as msg
from .models import NOTE_MAX_LENGTH, Element, Meeting, Registration, Session, Spending
from .services import session_errors

BIGGEST_ID = 2**63 - 1


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    function = forms.ChoiceField(
        label=_("Function"), choices=Registration.Function.choices, widget=forms.RadioSelect
    )


class MeetingMoveForm(forms.Form):
    to_state = forms.ChoiceField(label=_("New state"), choices=Meeting.State.choices)
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label=_("Note"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SessionStatusForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=Session.Status.choices)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


DATETIME = {"widget": DateTimeInput(), "input_formats": ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]}


class SessionForm(forms.ModelForm):
    start = forms.DateTimeField(label=_("Start"), **DATETIME)
    end = forms.DateTimeField(label=_("End"), **DATETIME)
    second_start = forms.DateTimeField(
        label=_("Start of the second half-day"), required=False, **DATETIME
    )
    second_end = forms.DateTimeField(
        label=_("End of the second half-day"), required=False, **DATETIME
    )
    registration_opens = forms.DateTimeField(
        label=_("Registration opens"), required=False, **DATETIME
    )
    registration_closes = forms.DateTimeField(
        label=_("Registration closes"), required=False, **DATETIME
    )
    capacity = forms.IntegerField(label=_("Places"), max_value=100000)
    online_link = forms.URLField(
        label=_("Online link"), required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = Session
        fields = [
            "kind",
            "title",
            "description",
            "meeting",
            "sector",
            "start",
            "end",
            "second_start",
            "second_end",
            "mode",
            "place",
            "online_link",
            "capacity",
            "registration_opens",
            "registration_closes",
            "elements",
            "topics",
            "trainers",
            "co_organisers",
        ]
        widgets = {
            "elements": forms.CheckboxSelectMultiple,
            "topics": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.select_related("platform__sector")
        self.fields["sector"].queryset = Sector.objects.all()
        self.fields["elements"].queryset = Element.objects.all()
        self.fields["topics"].queryset = topic_list()
        self.fields["capacity"].min_value = None  # the rule's own message says what is wrong

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        candidate = Session(
            **{
                field: cleaned.get(field)
                for field in self.Meta.fields
                if field not in {"elements", "topics"}
            }
        )
        for field in ("place", "title", "description", "trainers", "co_organisers", "online_link"):
            setattr(candidate, field, cleaned.get(field) or "")
        for field, message in session_errors(candidate).items():
            self.add_error(field, message)
        return cleaned


class SessionFilterForm(forms.Form):
    """The public list's filters: GET, shareable, never an error page."""

    soort = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Session.Kind.choices]
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    maand = forms.RegexField(
        label=_("Month"),
        required=False,
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        widget=forms.DateInput(attrs={"type": "month"}),
    )
    vorm = forms.ChoiceField(
        label=_("Form"),
        required=False,
        choices=[
            ("", _("Online or in person")),
            ("online", _("online")),
            ("in_person", _("in person")),
        ],
    )
    verleden = forms.BooleanField(label=_("Past sessions"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("All sectors"))] + [
            (slug, name) for slug, name in Sector.objects.values_list("slug", "name")
        ]


class SpendingForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    category = forms.ChoiceField(label=_("Category"), choices=Spending.Category.choices)
    amount = forms.DecimalField(
        label=_("Amount (euro)"), max_digits=10, decimal_places=2, localize=True
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount <= 0:
            raise forms.ValidationError(msg.AMOUNT_POSITIVE)
        return amount


SCORES = [(str(n), str(n)) for n in range(1, 6)]


class EvaluationForm(forms.Form):
    overall = forms.TypedChoiceField(
        label=_("Overall score"), choices=SCORES, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, elements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.elements = list(elements)
        for element in self.elements:
            self.fields[f"element_{element.pk}"] = forms.TypedChoiceField(
                label=element.name,
                choices=SCORES,
                coerce=int,
                widget=forms.RadioSelect,
                required=False,
            )

    def scores(self) -> dict:
        return {
            element: self.cleaned_data[f"element_{element.pk}"]
            for element in self.elements
            if self.cleaned_data.get(f"element_{element.pk}") not in (None, "")
        }


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    link = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    file = forms.FileField(label=_("File"), required=False, max_length=200)
    is_public = forms.BooleanField(
        label=_("Public: in the library and on the session page"), required=False
    )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and bool(cleaned.get("link")) == bool(cleaned.get("file")):
            raise forms.ValidationError(msg.MATERIAL_LINK_OR_FILE)
        return cleaned


class MaterialAdminForm(forms.ModelForm):
    """A material in the back office: the same rule as the front office, a link or a file."""

    class Meta:
        labels = {"session": _("Session")}

    def clean(self):
        cleaned = super().clean()
        if not self.errors and bool(cleaned.get("link")) == bool(cleaned.get("file")):
            raise forms.ValidationError(msg.MATERIAL_LINK_OR_FILE)
        return cleaned


class SpendingAdminForm(forms.ModelForm):
    """A spending entry in the back office: an amount of more than 0, like the budget page."""

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise forms.ValidationError(msg.AMOUNT_POSITIVE)
        return amount
