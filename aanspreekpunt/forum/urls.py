from django.urls import path
from django.utils.translation import gettext_lazy as _

from aanspreekpunt.core.views import placeholder_view

app_name = "forum"

urlpatterns = [
    path(
        "",
        placeholder_view,
        {
            "title": _("Expertise forum"),
            "intro": _("Practitioners share questions and experience on online help."),
        },
        name="category_list",
    ),
]
