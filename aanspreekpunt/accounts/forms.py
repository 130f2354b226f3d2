from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Profile


class ProfileForm(forms.ModelForm):
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)

    class Meta:
        model = Profile
        fields = ["first_name", "last_name", "community_role", "sector", "organisation_name"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].initial = user.first_name
        self.fields["last_name"].initial = user.last_name
        self.fields["sector"].empty_label = _("— no sector —")
        role_choices = list(self.fields["community_role"].choices)[1:]
        self.fields["community_role"].choices = [("", _("— choose —")), *role_choices]
