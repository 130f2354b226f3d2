from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialeKaartConfig(AppConfig):
    name = "socialekaart"
    verbose_name = _("Service map")

    def ready(self):
        from aanspreekpunt.core import contributions
        from aanspreekpunt.core.imports.importers import importers

        from . import demo, privacy, reference
        from .imports import offering_importer

        app = self.label
        contributions.reference_data.register(
            app=app, name="service-map", order=10, run=reference.reference_data_load
        )
        contributions.demo_seeders.register(
            app=app, name="service-map", order=20, run=demo.seed, title="Sociale kaart:"
        )
        contributions.personal_records.register(
            app=app, name="representations", order=20, run=privacy.records
        )
        contributions.personal_data_exporters.register(
            app=app, name="representations", order=50, run=privacy.representations_export
        )
        contributions.personal_data_exporters.register(
            app=app,
            name="submitted_offerings",
            order=60,
            run=privacy.submitted_offerings_export,
        )
        contributions.personal_data_erasers.register(
            app=app, name="representations", order=50, run=privacy.representations_erase
        )
        contributions.personal_records.register(
            app=app, name="correction_reports", order=21, run=privacy.correction_records
        )
        contributions.personal_data_exporters.register(
            app=app, name="correction_reports", order=61, run=privacy.correction_reports_export
        )
        contributions.personal_data_erasers.register(
            app=app, name="correction_reports", order=51, run=privacy.correction_reports_erase
        )
        importers.register(offering_importer)
        # Quality of online help (issue 18): the norms are reworded by their code.
        from .services.quality import quality_norms_load

        contributions.reference_data.register(
            app=app,
            name="quality-norms",
            order=15,
            run=lambda *, warn: f"{quality_norms_load()} kwaliteitsnormen",
        )

        from . import knowledge

        knowledge.register(app)  # search, bookmarks, topic pages, home page, sitemap

        from . import indicators

        contributions.policy_indicators.register(
            app=app,
            name=indicators.NAME,
            order=15,
            run=indicators.measure,
            title=_("Quality norms, measured on the service map of this platform"),
            versions=("map",),
        )

        from aanspreekpunt.core.pagecache import watch_models

        from . import models as m

        # What the public map, its pages and the API show: any change bumps the version
        # their cached copies are keyed by (aanspreekpunt.core.pagecache).
        watch_models(
            "map", m.Offering, m.Organisation, m.OpeningHours, m.OpeningException, m.Subsector
        )
        # The API's sync feed: updated_at follows what a service shows; tombstones.
        from . import feed

        feed.connect()
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
