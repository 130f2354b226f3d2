from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StepPlanConfig(AppConfig):
    name = "aanspreekpunt.stepplan"
    label = "stepplan"
    verbose_name = _("Implementation step plan")

    def ready(self):
        from aanspreekpunt.core import contributions
        from aanspreekpunt.core.pagecache import watch_models
        from aanspreekpunt.topics.models import Topic

        from . import demo, privacy
        from . import models as m

        app = self.label
        contributions.demo_seeders.register(
            app=app, name="step-plan", order=61, run=demo.seed, title="Stappenplan:"
        )
        contributions.personal_data_exporters.register(
            app=app, name="step_plan_notes", order=45, run=privacy.notes_export
        )
        contributions.personal_data_erasers.register(
            app=app, name="step_plan_notes", order=45, run=privacy.notes_erase
        )
        # /stappenplan/ and the sector figures follow the steps and the organisations' progress.
        watch_models("stepplan", m.Step, m.OrganisationPlan, m.StepProgress, Topic)
        # The policy tracker's live figure for the action the step plan carries out.
        from . import indicators

        contributions.policy_indicators.register(
            app=app,
            name=indicators.NAME,
            order=30,
            run=indicators.measure,
            title=_("Measured with the implementation step plan of this platform"),
            versions=("stepplan", "map"),
        )
