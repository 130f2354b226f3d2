from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "aanspreekpunt.desk"
    label = "desk"
    verbose_name = _("Question desk")

    def ready(self):
        from aanspreekpunt.core import contributions

        from . import privacy

        app = self.label
        contributions.personal_records.register(
            app=app, name="desk_questions", order=40, run=privacy.records
        )
        contributions.personal_data_exporters.register(
            app=app, name="desk_questions", order=40, run=privacy.questions_export
        )
        contributions.personal_data_erasers.register(
            app=app, name="desk_questions", order=40, run=privacy.questions_erase
        )
