from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialeKaartConfig(AppConfig):
    name = "socialekaart"
    verbose_name = _("Service map")

    def ready(self):
        from aanspreekpunt.core import contributions

        from . import demo, reference

        contributions.reference_data.register(
            app=self.label, name="service-map", order=10, run=reference.reference_data_load
        )
        contributions.demo_seeders.register(
            app=self.label, name="service-map", order=20, run=demo.seed, title="Sociale kaart:"
        )
