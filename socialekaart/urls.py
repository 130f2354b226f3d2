from django.contrib.auth.decorators import login_required
from django.urls import path
from django.utils.translation import gettext_lazy as _

from aanspreekpunt.core.views import placeholder_view

app_name = "socialekaart"

urlpatterns = [
    path(
        "",
        placeholder_view,
        {
            "title": _("Service map"),
            "intro": _("Find online help by target group, theme, sector or region."),
        },
        name="offering_list",
    ),
    path(
        "sectoren/",
        placeholder_view,
        {"title": _("Sector statistics"), "intro": _("Online help per sector.")},
        name="sector_statistics",
    ),
    path(
        "mijn-organisatie/",
        login_required(placeholder_view),
        {
            "title": _("My organisation"),
            "intro": _("Keep your organisation's offerings up to date."),
        },
        name="my_organisation",
    ),
]
