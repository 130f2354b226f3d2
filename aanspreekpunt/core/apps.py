from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "aanspreekpunt.core"
    label = "core"
    verbose_name = _("Platform core")

    def ready(self):
        from . import contributions, privacy

        contributions.personal_data_exporters.register(
            app=self.label, name="audit_entries", order=80, run=privacy.audit_entries_export
        )
        contributions.personal_data_exporters.register(
            app=self.label, name="emails", order=90, run=privacy.emails_export
        )
        # First: they still find the member as the actor, and every address and name.
        contributions.personal_data_erasers.register(
            app=self.label, name="audit_entries", order=10, run=privacy.audit_entries_erase
        )
        contributions.personal_data_erasers.register(
            app=self.label, name="emails", order=10, run=privacy.emails_erase
        )
