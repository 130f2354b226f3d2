from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeleidsactiesConfig(AppConfig):
    name = "beleidsacties"
    verbose_name = _("Policy actions")
