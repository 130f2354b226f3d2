from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    """The search box; its field refuses a NUL character, which the database cannot search."""

    q = forms.CharField(label=_("Search for"), required=False)
