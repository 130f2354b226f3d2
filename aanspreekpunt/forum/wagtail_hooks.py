"""Coordinators manage the forum's categories (and which working group each is restricted
to) and the working groups with their members in the back office, audited."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup

from aanspreekpunt.core.admin_views import AuditedModelViewSet

from .models import Category, WorkingGroup


class CategoryViewSet(AuditedModelViewSet):
    model = Category
    icon = "list-ul"
    form_fields = ["name", "slug", "description", "sort_order", "working_group", "topics"]
    list_display = ["name", "slug", "working_group", "sort_order"]
    search_fields = ["name"]


class WorkingGroupViewSet(AuditedModelViewSet):
    model = WorkingGroup
    icon = "group"
    form_fields = ["name", "members"]
    list_display = ["name"]
    search_fields = ["name"]


class ForumViewSetGroup(ModelViewSetGroup):
    menu_label = "Forum"
    menu_icon = "comment"
    menu_order = 260
    items = (CategoryViewSet("forum_categories"), WorkingGroupViewSet("forum_working_groups"))


@hooks.register("register_admin_viewset")
def register_forum_viewsets():
    return ForumViewSetGroup()
