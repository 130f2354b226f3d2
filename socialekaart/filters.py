"""The filters of the offerings list; GET parameters are Dutch so shared URLs read well."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Modality, Municipality, Offering, Sector, TargetGroup, Theme
from .opening import open_now_q

SEARCH_MAX_LENGTH = 200


class OfferingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="filter_text", max_length=SEARCH_MAX_LENGTH
    )
    sector = django_filters.ModelMultipleChoiceFilter(
        label=_("Sector"),
        field_name="organisation__sectors__slug",
        to_field_name="slug",
        queryset=Sector.objects.all(),
    )
    modaliteit = django_filters.ModelMultipleChoiceFilter(
        label=_("Modality"),
        field_name="modalities__slug",
        to_field_name="slug",
        queryset=Modality.objects.all(),
    )
    doelgroep = django_filters.ModelMultipleChoiceFilter(
        label=_("Target group"),
        field_name="target_groups__slug",
        to_field_name="slug",
        queryset=TargetGroup.objects.all(),
    )
    thema = django_filters.ModelMultipleChoiceFilter(
        label=_("Theme"),
        field_name="themes__slug",
        to_field_name="slug",
        queryset=Theme.objects.all(),
    )
    anonimiteit = django_filters.MultipleChoiceFilter(
        label=_("Anonymity"), field_name="anonymity", choices=Offering.Anonymity.choices
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), field_name="status", choices=Offering.Status.choices
    )
    gemeente = django_filters.ModelChoiceFilter(
        label=_("Municipality served"),
        queryset=Municipality.objects.select_related("province"),
        method="filter_municipality",
    )
    nu_open = django_filters.BooleanFilter(
        label=_("Open now"),
        method="filter_open_now",
        widget=django_filters.widgets.BooleanWidget,
    )

    class Meta:
        model = Offering
        fields = []

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value)
            | Q(description__icontains=value)
            | Q(target_group_note__icontains=value)
            | Q(organisation__name__icontains=value)
        )

    def filter_municipality(self, queryset, name, municipality):
        if municipality is None:
            return queryset
        area = (
            Q(organisation__serves_all_flanders=True)
            | Q(organisation__provinces=municipality.province)
            | Q(organisation__municipalities=municipality)
        )
        return queryset.filter(area)

    def filter_open_now(self, queryset, name, value):
        return queryset.filter(open_now_q()) if value else queryset

    def filter_queryset(self, queryset):
        # Several many-to-many filters may join the same rows more than once.
        return super().filter_queryset(queryset).distinct()
