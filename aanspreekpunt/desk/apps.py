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
