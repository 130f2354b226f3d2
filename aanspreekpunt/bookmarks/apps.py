from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookmarksConfig(AppConfig):
    name = "aanspreekpunt.bookmarks"
    label = "bookmarks"
    verbose_name = _("My knowledge square")

    def ready(self) -> None:
        from aanspreekpunt.core import contributions

        from . import privacy

        contributions.personal_data_exporters.register(
            app=self.label, name="bookmarks", order=70, run=privacy.bookmarks_export
        )
        contributions.personal_data_erasers.register(
            app=self.label, name="bookmarks", order=70, run=privacy.bookmarks_erase
        )
