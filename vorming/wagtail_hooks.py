"""Back-office views of the training app in the Wagtail admin, under one "Vorming" menu,
audited like the service map's (``AuditedModelViewSet``).

Times, places, status and registrations of a session are not edited here: they change
through the front office's services, which check the rules of Basisvorming-nota (2015) and
e-mail the registrants. The meetings' pipeline moves through its table at /vorming/platforms/.
Materials and spending entries are kept here as well as on the session and budget pages.
"""

from django.db import transaction
from django.forms import modelform_factory
from django.shortcuts import redirect
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSetGroup

from aanspreekpunt.core.admin_views import (
    AuditedCreateView,
    AuditedDeleteView,
    AuditedModelViewSet,
)
from aanspreekpunt.core.pagecache import data_changed

from .forms import MaterialAdminForm, SpendingAdminForm
from .models import (
    BudgetYear,
    Element,
    Material,
    Meeting,
    Platform,
    Session,
    Spending,
    TrainingDayPlan,
)


def _training_changed():
    data_changed("vorming")


class TrainingViewSet(AuditedModelViewSet):
    on_change = staticmethod(_training_changed)
    base_form_class = None  # a ModelForm with the rules the front office checks too

    def get_form_class(self, for_update=False):
        if self.base_form_class is None:
            return super().get_form_class(for_update=for_update)
        return modelform_factory(
            self.model,
            form=self.base_form_class,
            formfield_callback=self.formfield_for_dbfield,
            fields=self.get_form_fields(),
        )


class PlatformViewSet(TrainingViewSet):
    model = Platform
    url_namespace = "vorming_platform"
    url_prefix = "vorming/platform"
    icon = "group"
    form_fields = [
        "sector",
        "subsector",
        "via",
        "note",
        "contact_name",
        "contact_email",
        "sort_order",
    ]
    list_display = ["via", "sector", "subsector", "contact_name"]
    list_filter = ["sector"]
    search_fields = ["via"]


class MeetingViewSet(TrainingViewSet):
    """A platform's management meetings: a new one starts "to contact"; its state moves only
    through the pipeline's table at /vorming/platforms/."""

    model = Meeting
    url_namespace = "vorming_meeting"
    url_prefix = "vorming/meeting"
    icon = "group"
    form_fields = ["platform", "number"]
    list_display = ["__str__", "platform", "state", "state_changed_on"]
    list_filter = ["state", "platform__sector"]


class SessionViewSet(TrainingViewSet):
    model = Session
    url_namespace = "vorming_session"
    url_prefix = "vorming/session"
    icon = "date"
    form_fields = [
        "title",
        "description",
        "trainers",
        "co_organisers",
        "elements",
        "topics",
        "is_demo",
    ]
    list_display = ["title", "kind", "start", "status", "capacity"]
    list_filter = ["kind", "status", "is_demo"]
    search_fields = ["title"]

    @property
    def add_view(self):
        """Sessions are scheduled in the front office, where the rules and e-mails live."""
        return lambda request: redirect("vorming:session_create")


class ElementViewSet(TrainingViewSet):
    model = Element
    url_namespace = "vorming_element"
    url_prefix = "vorming/element"
    icon = "list-ul"
    form_fields = ["kind", "name", "sort_order"]
    list_display = ["name", "kind", "sort_order"]
    list_filter = ["kind"]


class TrainingDayPlanViewSet(TrainingViewSet):
    model = TrainingDayPlan
    url_namespace = "vorming_trainingdayplan"
    url_prefix = "vorming/trainingdayplan"
    icon = "table"
    form_fields = ["sector", "year", "days", "note", "source"]
    list_display = ["sector", "year", "days"]
    list_filter = ["year"]


class BudgetYearViewSet(TrainingViewSet):
    model = BudgetYear
    url_namespace = "vorming_budgetyear"
    url_prefix = "vorming/budgetyear"
    icon = "table"
    form_fields = ["year", "personnel", "operating", "overhead", "note", "source"]
    list_display = ["year", "personnel", "operating", "overhead"]


class MaterialDeleteView(AuditedDeleteView):
    """A deleted material's document leaves the private storage once the delete commits."""

    def delete_action(self):
        file = self.object.file
        name, storage = file.name, file.storage
        super().delete_action()
        if name:
            transaction.on_commit(lambda: storage.delete(name))


class MaterialViewSet(TrainingViewSet):
    """Public material is in the library and on the page of its held session; the rest is
    for the session's participants (served after the same permission check)."""

    model = Material
    url_namespace = "vorming_material"
    url_prefix = "vorming/material"
    icon = "doc-full"
    delete_view_class = MaterialDeleteView
    base_form_class = MaterialAdminForm
    form_fields = ["session", "title", "link", "file", "is_public"]
    list_display = [
        "title",
        Column("session", label=_("Session")),
        Column(
            "is_public",
            label=capfirst(Material._meta.get_field("is_public").verbose_name),
            accessor=lambda material: gettext("yes") if material.is_public else gettext("no"),
        ),
    ]
    list_filter = ["is_public"]
    search_fields = ["title"]


class SpendingCreateView(AuditedCreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class SpendingViewSet(TrainingViewSet):
    """Spending against the planned budget of its year, as on /vorming/budget/."""

    model = Spending
    url_namespace = "vorming_spending"
    url_prefix = "vorming/spending"
    icon = "tasks"
    add_view_class = SpendingCreateView
    base_form_class = SpendingAdminForm
    form_fields = ["on", "category", "amount", "note"]
    list_display = ["on", "category", "amount", "note"]
    list_filter = ["category"]
    search_fields = ["note"]


class TrainingViewSetGroup(ModelViewSetGroup):
    menu_label = _("Training")
    menu_icon = "date"
    menu_order = 210
    items = (
        SessionViewSet,
        PlatformViewSet,
        MeetingViewSet,
        ElementViewSet,
        MaterialViewSet,
        TrainingDayPlanViewSet,
        BudgetYearViewSet,
        SpendingViewSet,
    )


@hooks.register("register_admin_viewset")
def register_training_viewsets():
    return TrainingViewSetGroup()
