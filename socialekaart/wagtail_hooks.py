"""Back-office views of the service map in the Wagtail admin, under one "Sociale kaart" menu.

Access follows the Django model permissions (add/change/delete per model). Moderation and
publication are not edited here: they go through the moderation queue and its services.
Every change made here is written to the platform's audit log, like the front office's.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSetGroup

from aanspreekpunt.core.admin_views import AuditedModelViewSet

from .forms import OfferingForm, OrganisationForm
from .models import Modality, Offering, Organisation, Province, Sector, TargetGroup, Theme
from .selectors import map_changed


class ServiceMapViewSet(AuditedModelViewSet):
    """Audited like every back-office view; a change refreshes the map's cached figures."""

    on_change = staticmethod(map_changed)


class SectorViewSet(ServiceMapViewSet):
    model = Sector
    icon = "folder-open-inverse"
    form_fields = [
        "name",
        "slug",
        "organisation_count",
        "survey_response_over_half",
        "examples",
        "source",
        "sort_order",
    ]
    list_display = ["name", "slug", "organisation_count", "survey_response_over_half"]
    search_fields = ["name"]


class TaxonomyTermViewSet(ServiceMapViewSet):
    """Shared set-up of the map's vocabularies (name, key, order)."""

    icon = "tag"
    form_fields = ["name", "slug", "sort_order"]
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


class ModalityViewSet(TaxonomyTermViewSet):
    model = Modality
    icon = "comment"
    form_fields = ["name", "slug", "family", "synchronous", "sort_order"]
    list_display = ["name", "slug", "family", "synchronous", "sort_order"]
    list_filter = ["family", "synchronous"]


class TargetGroupViewSet(TaxonomyTermViewSet):
    model = TargetGroup
    icon = "group"


class ThemeViewSet(TaxonomyTermViewSet):
    model = Theme


class ProvinceViewSet(ServiceMapViewSet):
    model = Province
    icon = "site"
    form_fields = ["name", "slug"]
    list_display = ["name", "slug"]


class OrganisationViewSet(ServiceMapViewSet):
    model = Organisation
    icon = "home"
    # The representatives' fields, and what only the back office sets.
    form_fields = [*OrganisationForm.Meta.fields, "slug", "umbrella_organisation"]
    list_display = ["name", "enterprise_number", "website", "serves_all_flanders"]
    list_filter = ["sectors", "serves_all_flanders"]
    search_fields = ["name", "enterprise_number"]


class OfferingIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("organisation")


class OfferingViewSet(ServiceMapViewSet):
    model = Offering
    icon = "doc-full"
    index_view_class = OfferingIndexView
    # No moderation, publication or link-check fields: those change through their services.
    form_fields = [
        "organisation",
        "slug",
        *OfferingForm.Meta.fields,
        "since_note",
        "hours_as_of",
        "sources",
        "is_demo",
    ]
    list_display = [
        "name",
        "organisation",
        "moderation_state",
        "status",
        "is_public",
        "link_status",
    ]
    list_filter = ["moderation_state", "status", "link_status", "is_demo"]
    search_fields = ["name", "organisation__name"]


class ServiceMapViewSetGroup(ModelViewSetGroup):
    menu_label = _("Service map")
    menu_icon = "site"
    menu_order = 200
    items = (
        OfferingViewSet,
        OrganisationViewSet,
        SectorViewSet,
        ModalityViewSet,
        TargetGroupViewSet,
        ThemeViewSet,
        ProvinceViewSet,
    )


@hooks.register("register_admin_viewset")
def register_service_map_viewsets():
    return ServiceMapViewSetGroup()
