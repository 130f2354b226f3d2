from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def deployed(sender, **kwargs) -> None:
    """Every deploy migrates: pages rendered by the previous code are not served again."""
    from .pagecache import DEPLOY, bump

    bump(DEPLOY)


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
        post_migrate.connect(deployed, sender=self, dispatch_uid="pagecache:deployed")
