from allauth.account.forms import ReauthenticateForm
from allauth.core import ratelimit
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


class AccountDeleteForm(ReauthenticateForm):
    """The account holder's password, so that nobody else at their keyboard deletes it.

    Attempts are limited as allauth limits re-authentication (10 a minute per user)."""

    def __init__(self, *args, request, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_password(self):
        if not ratelimit.consume(self.request, action="reauthenticate", user=self.user):
            raise forms.ValidationError(_("Too many attempts. Wait a minute and try again."))
        return super().clean_password()
