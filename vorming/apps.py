from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VormingConfig(AppConfig):
    name = "vorming"
    verbose_name = _("Training")

    def ready(self):
        from aanspreekpunt.core import contributions
        from aanspreekpunt.core.pagecache import watch_models

        from . import demo, privacy, reference
        from . import models as m

        app = self.label
        contributions.reference_data.register(
            app=app, name="training", order=30, run=reference.vorming_reference_load
        )
        contributions.demo_seeders.register(
            app=app, name="training", order=40, run=demo.seed, title="Vorming:"
        )
        contributions.personal_records.register(
            app=app, name="registrations", order=40, run=privacy.records
        )
        contributions.personal_data_exporters.register(
            app=app, name="registrations", order=70, run=privacy.registrations_export
        )
        contributions.personal_data_erasers.register(
            app=app, name="registrations", order=40, run=privacy.registrations_erase
        )
        from . import knowledge

        knowledge.register(app)  # search, bookmarks, topic pages, home page, sitemap
        # What the public session pages and the feed show: a session scheduled, moved or
        # cancelled, a place taken or freed (aanspreekpunt.core.pagecache).
        watch_models("vorming", m.Session, m.Registration, m.Element, m.Material)
        # The policy tracker's live figure for the teasers (the outreach pipeline's meetings).
        from . import indicators

        contributions.policy_indicators.register(
            app=app,
            name=indicators.NAME,
            order=40,
            run=indicators.measure,
            title=_("Teasers and training days, measured by this platform"),
            versions=("vorming-pipeline",),
        )
        # The figures read the meetings, the sessions held and the plan.
        watch_models("vorming-pipeline", m.Meeting, m.Session, m.TrainingDayPlan)
