from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "aanspreekpunt.pages"
    label = "pages"
    verbose_name = _("Knowledge site")

    def ready(self) -> None:
        from . import signals

        signals.connect()
