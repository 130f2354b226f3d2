from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookmarksConfig(AppConfig):
    name = "aanspreekpunt.bookmarks"
    label = "bookmarks"
    verbose_name = _("My knowledge square")
