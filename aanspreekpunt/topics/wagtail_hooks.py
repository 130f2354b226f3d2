"""Editors and coordinators keep the list of topics in the back office, audited."""

from wagtail import hooks

from aanspreekpunt.core.admin_views import AuditedModelViewSet

from .models import Topic


class TopicViewSet(AuditedModelViewSet):
    model = Topic
    icon = "tag"
    menu_order = 250
    add_to_admin_menu = True
    form_fields = ["name", "slug", "description", "sort_order"]
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


@hooks.register("register_admin_viewset")
def register_topic_viewset():
    return TopicViewSet("topics")
