from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialeKaartConfig(AppConfig):
    name = "socialekaart"
    verbose_name = _("Service map")
