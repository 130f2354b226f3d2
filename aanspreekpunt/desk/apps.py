from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "aanspreekpunt.desk"
    label = "desk"
    verbose_name = _("Question desk")

    def ready(self):
        from aanspreekpunt.core import contributions

        from . import demo, privacy

        app = self.label
        contributions.demo_seeders.register(
            app=app, name="question-desk", order=60, run=demo.seed, title="Vragenbalie:"
        )
        contributions.personal_records.register(
            app=app, name="desk_questions", order=40, run=privacy.records
        )
        contributions.personal_data_exporters.register(
            app=app, name="desk_questions", order=40, run=privacy.questions_export
        )
        contributions.personal_data_erasers.register(
            app=app, name="desk_questions", order=40, run=privacy.questions_erase
        )
        # The policy tracker's live figure for the desk's own action; a question asked or
        # answered renders that action's page afresh (aanspreekpunt.core.pagecache).
        from aanspreekpunt.core.pagecache import watch_models

        from . import indicators
        from .models import Question

        contributions.policy_indicators.register(
            app=app,
            name=indicators.NAME,
            order=20,
            run=indicators.measure,
            title=_("Measured at the question desk of this platform"),
            versions=("desk",),
        )
        watch_models("desk", Question)
