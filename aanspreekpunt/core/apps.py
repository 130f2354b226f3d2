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
        post_migrate.connect(deployed, sender=self, dispatch_uid="pagecache:deployed")
