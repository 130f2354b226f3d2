"""The tracker in the Wagtail admin, under one "Policy actions" menu, audited.

Plans, strategies and actions are edited here like elsewhere in the back office. Progress
updates are added (through the same service as the front office, so the action's status
and progress follow) and read; they are never edited or deleted here either: the edit and
delete views refuse, and the model refuses too.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSetGroup

from aanspreekpunt.core.admin_views import AuditedEditView, AuditedModelViewSet

from . import services
from .models import Action, Plan, ProgressUpdate, Strategy


class TrackerViewSet(AuditedModelViewSet):
    on_change = staticmethod(lambda: services.pagecache.bump(services.VERSION))


class PlanViewSet(TrackerViewSet):
    model = Plan
    icon = "doc-full"
    form_fields = [
        "title",
        "short_title",
        "slug",
        "description",
        "source",
        "action_count",
        "numbering_is_platform",
        "sort_order",
    ]
    list_display = ["short_title", "title", "action_count"]


class StrategyViewSet(TrackerViewSet):
    model = Strategy
    icon = "list-ol"
    form_fields = ["plan", "number", "title", "source"]
    list_display = ["plan", "number", "title"]
    list_filter = ["plan"]


class ActionIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("plan")


class ActionEditView(AuditedEditView):
    """Saves through the service, so the public history shows old → new here too."""

    def save_instance(self):
        return services.action_admin_save(
            action=self.object,
            changed=self.form.changed_data,
            save=lambda: EditView.save_instance(self),  # Wagtail's own history too
            actor=self.request.user,
        )


class ActionViewSet(TrackerViewSet):
    model = Action
    icon = "tasks"
    index_view_class = ActionIndexView
    edit_view_class = ActionEditView
    # Status and progress are not here: they follow the progress updates.
    form_fields = [
        "plan",
        "number",
        "report_number",
        "title",
        "description",
        "strategy",
        "strategy_inferred",
        "actors",
        "is_priority",
        "serves_strategy",
        "serves_action",
        "serves_inferred",
        "owner",
        "target_date",
        "source",
        "topics",
    ]
    list_display = ["__str__", "status", "progress", "is_priority"]
    list_filter = ["plan", "status", "is_priority"]
    search_fields = ["title"]


class UpdateCreateView(CreateView):
    """Adds the update through the service: audited, the action follows, pages refresh."""

    def save_instance(self):
        data = {field: self.form.cleaned_data.get(field) for field in self.form.cleaned_data}
        action = data.pop("action")
        return services.update_add(action=action, actor=self.request.user, data=data)


def refuse(request, *args, **kwargs):
    raise PermissionDenied


class UpdateIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("action__plan")


class ProgressUpdateViewSet(AuditedModelViewSet):
    model = ProgressUpdate
    icon = "history"
    add_view_class = UpdateCreateView
    index_view_class = UpdateIndexView
    inspect_view_enabled = True
    form_fields = [
        "action",
        "happened_on",
        "precision",
        "happened_until",
        "text",
        "status_after",
        "progress_after",
        "evidence_url",
        "evidence_source",
        "evidence_document",
        "corrects",
    ]
    list_display = ["__str__", "status_after", "progress_after", "recorded_at"]
    list_filter = ["action__plan"]

    @property
    def edit_view(self):
        return refuse

    @property
    def delete_view(self):
        return refuse


class TrackerViewSetGroup(ModelViewSetGroup):
    menu_label = _("Policy actions")
    menu_icon = "tasks"
    menu_order = 210
    items = (ActionViewSet, ProgressUpdateViewSet, StrategyViewSet, PlanViewSet)


@hooks.register("register_admin_viewset")
def register_tracker_viewsets():
    return TrackerViewSetGroup()
