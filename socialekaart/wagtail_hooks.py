"""Back-office views of the service map in the Wagtail admin, under one "Sociale kaart" menu.

Access follows the Django model permissions (add/change/delete per model). Moderation and
publication are not edited here: they go through the moderation queue and its services.
Every change made here is written to the platform's audit log, like the front office's.
"""

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSetGroup

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.admin_views import AuditedModelViewSet
from aanspreekpunt.core.permissions import request_has_role

from .forms import OfferingForm, OrganisationForm
from .models import Modality, Offering, Organisation, Province, Sector, TargetGroup, Theme
from .selectors import (
    broken_link_offerings,
    map_changed,
    moderation_queue,
    open_corrections,
    pending_representations,
)


def yes_no(model, name: str) -> Column:
    """A true/false field as "ja"/"nee", not "True"."""

    def value(instance) -> str:
        return gettext("yes") if getattr(instance, name) else gettext("no")

    return Column(name, label=capfirst(model._meta.get_field(name).verbose_name), accessor=value)


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
    list_display = [
        "name",
        "slug",
        "organisation_count",
        yes_no(Sector, "survey_response_over_half"),
    ]
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
    list_display = ["name", "slug", "family", yes_no(Modality, "synchronous"), "sort_order"]
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
    list_display = [
        "name",
        "enterprise_number",
        "website",
        yes_no(Organisation, "serves_all_flanders"),
    ]
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
        yes_no(Offering, "is_public"),
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


class PendingWorkPanel(Component):
    """On a coordinator's dashboard: what waits in each queue, with a link to it."""

    name = "service_map_pending_work"
    template_name = "socialekaart/admin/pending_work_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        queue = reverse("socialekaart:moderation_queue")
        context["pending"] = [
            {
                "label": gettext("Offerings to review"),
                "count": moderation_queue().count(),
                "url": f"{queue}#q-offerings",
            },
            {
                "label": gettext("Requests to represent an organisation"),
                "count": pending_representations().count(),
                "url": f"{queue}#q-reps",
            },
            {
                "label": gettext("Reported errors"),
                "count": open_corrections().count(),
                "url": f"{queue}#corrections-heading",
            },
            {
                "label": gettext("Broken links"),
                "count": broken_link_offerings().count(),
                "url": f"{queue}#q-links",
            },
        ]
        return context


@hooks.register("construct_homepage_panels")
def add_pending_work_panel(request, panels):
    if request_has_role(request, roles.COORDINATORS):
        panels.insert(0, PendingWorkPanel())
