from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeleidsactiesConfig(AppConfig):
    name = "beleidsacties"
    verbose_name = _("Policy actions")

    def ready(self):
        from aanspreekpunt.core import contributions
        from aanspreekpunt.core.imports.importers import importers
        from aanspreekpunt.core.pagecache import watch_models

        from . import demo, indicators, privacy, reference
        from . import models as m
        from .imports import action_importer

        app = self.label
        contributions.reference_data.register(
            app=app, name="policy-actions", order=30, run=reference.reference_data_load
        )
        contributions.demo_seeders.register(
            app=app, name="policy-actions", order=40, run=demo.seed, title="Beleidsacties:"
        )
        contributions.personal_records.register(
            app=app, name="progress_updates", order=40, run=privacy.records
        )
        contributions.personal_data_exporters.register(
            app=app, name="progress_updates", order=70, run=privacy.updates_export
        )
        contributions.personal_data_erasers.register(
            app=app, name="progress_updates", order=60, run=privacy.updates_erase
        )
        importers.register(action_importer)
        indicators.register_own()
        from . import knowledge

        knowledge.register(app)  # search, topic pages, home page, sitemap
        # Every page of the tracker shows these rows: any change renders them afresh.
        watch_models(
            "beleidsacties",
            m.Plan,
            m.Strategy,
            m.Action,
            m.Actor,
            m.ProgressUpdate,
            m.IndicatorValue,
        )
