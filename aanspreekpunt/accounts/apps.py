from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "aanspreekpunt.accounts"
    label = "accounts"
    verbose_name = _("Accounts and profiles")

    def ready(self):
        from aanspreekpunt.core import contributions

        from . import demo, signals  # noqa: F401  (signals connects the receivers)

        contributions.demo_seeders.register(
            app=self.label,
            name="accounts",
            order=10,
            run=demo.seed,
            title=f"Demo-accounts (wachtwoord: {demo.DEMO_PASSWORD}):",
        )
