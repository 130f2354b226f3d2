from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VormingConfig(AppConfig):
    name = "vorming"
    verbose_name = _("Training")
