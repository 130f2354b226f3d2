from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "aanspreekpunt.pages"
    label = "pages"
    verbose_name = _("Knowledge site")

    def ready(self) -> None:
        from aanspreekpunt.core import contributions

        from . import demo, signals

        signals.connect()
        contributions.demo_seeders.register(
            app=self.label, name="knowledge-site", order=30, run=demo.seed, title="Demo-pagina's:"
        )
