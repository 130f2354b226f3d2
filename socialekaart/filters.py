"""The filters of the offerings list; GET parameters are Dutch so shared URLs read well."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from .forms import MunicipalityField
from .models import (
    Modality,
    Offering,
    Organisation,
    Province,
    Sector,
    TargetGroup,
    Theme,
)
from .opening import always_available_now_q, open_now_q, staffed_now_q
from .selectors_quality import QUALITY_FILTERS, quality_met_q

SEARCH_MAX_LENGTH = 200

# Reachable now, as two apart: a person answers now, or nobody needs to.
STAFFED, ALWAYS = "bemand", "altijd"
REACHABILITY_CHOICES = [(STAFFED, _("staffed now")), (ALWAYS, _("always available"))]


class MunicipalityFilter(django_filters.Filter):
    field_class = MunicipalityField


class OfferingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="filter_text", max_length=SEARCH_MAX_LENGTH
    )
    sector = django_filters.ModelMultipleChoiceFilter(
        label=_("Sector"),
        to_field_name="slug",
        queryset=Sector.objects.all(),
        method="filter_sectors",
    )
    modaliteit = django_filters.ModelMultipleChoiceFilter(
        label=_("Modality"),
        field_name="modalities",
        to_field_name="slug",
        queryset=Modality.objects.all(),
        method="filter_terms",
    )
    doelgroep = django_filters.ModelMultipleChoiceFilter(
        label=_("Target group"),
        field_name="target_groups",
        to_field_name="slug",
        queryset=TargetGroup.objects.all(),
        method="filter_terms",
    )
    thema = django_filters.ModelMultipleChoiceFilter(
        label=_("Theme"),
        field_name="themes",
        to_field_name="slug",
        queryset=Theme.objects.all(),
        method="filter_terms",
    )
    anonimiteit = django_filters.MultipleChoiceFilter(
        label=_("Anonymity"), field_name="anonymity", choices=Offering.Anonymity.choices
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), field_name="status", choices=Offering.Status.choices
    )
    gemeente = MunicipalityFilter(label=_("Municipality served"), method="filter_municipality")
    bereikbaar = django_filters.MultipleChoiceFilter(
        label=_("Reachable now"), choices=REACHABILITY_CHOICES, method="filter_reachable"
    )
    # Open in any way (staffed or always available): the API's ``open_now`` and older links.
    nu_open = django_filters.BooleanFilter(
        label=_("Open now"),
        method="filter_open_now",
        widget=django_filters.widgets.BooleanWidget,
    )
    # --- Quality (issue 18): offerings that meet a norm; "partly" does not count ---------
    bewaring = django_filters.BooleanFilter(
        label=_("Tells how conversations are stored"),
        method="filter_quality",
        widget=django_filters.widgets.BooleanWidget,
    )
    crisis = django_filters.BooleanFilter(
        label=_("Refers on in a crisis"),
        method="filter_quality",
        widget=django_filters.widgets.BooleanWidget,
    )

    def filter_quality(self, queryset, name, value):
        return queryset.filter(quality_met_q(QUALITY_FILTERS[name])) if value else queryset

    # --- end of the quality filters --------------------------------------------------

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

    # Many-to-many filters are EXISTS subqueries rather than joins: a join repeats an
    # offering once per matching term, and removing those duplicates (DISTINCT over every
    # column) is what made the filtered list slow on a large map.

    def filter_terms(self, queryset, name, terms):
        if not terms:
            return queryset
        relation = getattr(Offering, name)
        links = relation.through.objects.filter(
            offering=OuterRef("pk"), **{f"{relation.field.m2m_reverse_field_name()}__in": terms}
        )
        return queryset.filter(Exists(links))

    def filter_sectors(self, queryset, name, sectors):
        if not sectors:
            return queryset
        links = Organisation.sectors.through.objects.filter(
            organisation=OuterRef("organisation"), sector__in=sectors
        )
        return queryset.filter(Exists(links))

    def filter_municipality(self, queryset, name, municipalities):
        """Offerings of organisations serving the municipality: its province (the
        Brussels-Capital Region counts as one), the municipality itself, and all of
        Flanders for a Flemish municipality or Brussels for a Brussels one."""
        if not municipalities:
            return queryset
        provinces = Organisation.provinces.through.objects.filter(
            organisation=OuterRef("organisation"),
            province__in={m.province_id for m in municipalities},
        )
        named = Organisation.municipalities.through.objects.filter(
            organisation=OuterRef("organisation"), municipality__in=municipalities
        )
        serves = Exists(provinces) | Exists(named)
        if any(m.province.slug != Province.BRUSSELS for m in municipalities):
            serves |= Q(organisation__serves_all_flanders=True)
        if any(m.province.slug == Province.BRUSSELS for m in municipalities):
            serves |= Q(organisation__serves_brussels=True)
        return queryset.filter(serves)

    def filter_reachable(self, queryset, name, values):
        conditions = {STAFFED: staffed_now_q, ALWAYS: always_available_now_q}
        chosen = [conditions[value]() for value in values if value in conditions]
        if not chosen:
            return queryset
        combined = chosen[0]
        for condition in chosen[1:]:
            combined |= condition
        return queryset.filter(combined)

    def filter_open_now(self, queryset, name, value):
        return queryset.filter(open_now_q()) if value else queryset
