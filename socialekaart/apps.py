from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialeKaartConfig(AppConfig):
    name = "socialekaart"
    verbose_name = _("Service map")

    def ready(self):
        from aanspreekpunt.core.pagecache import watch_models

        from . import models as m

        # What the public map, its pages and the API show: any change bumps the version
        # their cached copies are keyed by (aanspreekpunt.core.pagecache).
        watch_models(
            "map", m.Offering, m.Organisation, m.OpeningHours, m.OpeningException, m.Subsector
        )
        watch_models(
            "reference",
            m.Sector,
            m.Modality,
            m.TargetGroup,
            m.Theme,
            m.Province,
            m.Municipality,
            m.PostalCode,
        )
