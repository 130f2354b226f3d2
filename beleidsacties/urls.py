from django.urls import path
from django.utils.translation import gettext_lazy as _

from aanspreekpunt.core.views import placeholder_view

from . import views

app_name = "beleidsacties"

urlpatterns = [
    path(
        "",
        placeholder_view,
        {
            "title": _("Policy actions"),
            "intro": _("The 44 policy actions on online help and how far they have come."),
        },
        name="overview",
    ),
    path(
        "dashboard/",
        placeholder_view,
        {"title": _("Dashboard"), "intro": _("Progress per strategy and over time.")},
        name="dashboard",
    ),
    path("<int:number>/", views.action_slot_view, name="action_detail"),
]
