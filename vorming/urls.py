from django.urls import path
from django.utils.translation import gettext_lazy as _

from aanspreekpunt.core.views import placeholder_view

from . import views

app_name = "vorming"

urlpatterns = [
    path(
        "",
        placeholder_view,
        {
            "title": _("Training"),
            "intro": _("Teaser sessions and training days on online help for directors."),
        },
        name="session_list",
    ),
    path(
        "planning/",
        placeholder_view,
        {"title": _("Planning"), "intro": _("Teasers and training days per sector and month.")},
        name="planning",
    ),
    path("agenda.ics", views.agenda_feed_view, name="agenda_feed"),
]
