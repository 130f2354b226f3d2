"""Back-office views of the training app in the Wagtail admin, under one "Vorming" menu,
audited like the service map's (``AuditedModelViewSet``).

Times, places, status and registrations of a session are not edited here: they change
through the front office's services, which check the rules of Basisvorming-nota (2015) and
e-mail the registrants. The meetings' pipeline moves through its table at /vorming/platforms/.
"""

from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup

from aanspreekpunt.core.admin_views import AuditedModelViewSet
from aanspreekpunt.core.pagecache import data_changed

from .models import BudgetYear, Element, Platform, Session, TrainingDayPlan


def _training_changed():
    data_changed("vorming")


class TrainingViewSet(AuditedModelViewSet):
    on_change = staticmethod(_training_changed)


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


class TrainingViewSetGroup(ModelViewSetGroup):
    menu_label = _("Training")
    menu_icon = "date"
    menu_order = 210
    items = (
        SessionViewSet,
        PlatformViewSet,
        ElementViewSet,
        TrainingDayPlanViewSet,
        BudgetYearViewSet,
    )


@hooks.register("register_admin_viewset")
def register_training_viewsets():
    return TrainingViewSetGroup()
