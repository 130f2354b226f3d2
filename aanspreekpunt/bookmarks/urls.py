from django.contrib.auth.decorators import login_required
from django.urls import path
from django.utils.translation import gettext_lazy as _

from aanspreekpunt.core.views import placeholder_view

app_name = "bookmarks"

urlpatterns = [
    path(
        "",
        login_required(placeholder_view),
        {
            "title": _("My knowledge square"),
            "intro": _("The pages, offerings and sessions you saved, on one page."),
        },
        name="list",
    ),
]
