"""The overview's filters; GET parameters are Dutch so shared addresses read well."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Action, Actor, Plan, Status, Strategy


class ActionFilter(django_filters.FilterSet):
    plan = django_filters.ModelChoiceFilter(
        label=_("Plan"),
        field_name="plan",
        to_field_name="slug",
        queryset=Plan.objects.all(),
        empty_label=_("All plans"),
    )
    strategie = django_filters.ModelChoiceFilter(
        label=_("Strategy"),
        field_name="strategy",
        queryset=Strategy.objects.select_related("plan"),
        empty_label=_("All strategies"),
    )
    actor = django_filters.ModelChoiceFilter(
        label=_("Actor"),
        field_name="actors",
        to_field_name="key",
        queryset=Actor.objects.all(),
        empty_label=_("All actors"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, empty_label=_("All statuses")
    )
    prioriteit = django_filters.BooleanFilter(
        label=_("Only the priority actions"),
        field_name="is_priority",
        widget=forms.CheckboxInput,
        method="filter_priority",
    )

    class Meta:
        model = Action
        fields = []

    def filter_priority(self, queryset, name, value):
        return queryset.filter(is_priority=True) if value else queryset

    @property
    def active(self) -> bool:
        return (
            any(self.form.cleaned_data.get(name) for name in self.filters)
            if self.is_bound
            else False
        )
