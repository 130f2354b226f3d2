from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "aanspreekpunt.accounts"
    label = "accounts"
    verbose_name = _("Accounts and profiles")

    def ready(self):
        from aanspreekpunt.core import contributions

        from . import demo, privacy, signals  # noqa: F401  (signals connects the receivers)

        app = self.label
        contributions.demo_seeders.register(
            app=app,
            name="accounts",
            order=10,
            run=demo.seed,
            title=f"Demo-accounts (wachtwoord: {demo.DEMO_PASSWORD}):",
        )
        contributions.personal_records.register(
            app=app, name="account", order=10, run=privacy.records
        )
        for order, name, export in [
            (10, "account", privacy.account_export),
            (20, "profile", privacy.profile_export),
            (30, "email_addresses", privacy.email_addresses_export),
            (40, "two_factor", privacy.two_factor_export),
        ]:
            contributions.personal_data_exporters.register(
                app=app, name=name, order=order, run=export
            )
        # Last of all: deleting the user row cascades to what other erasers still need.
        contributions.personal_data_erasers.register(
            app=app, name="account", order=1000, run=privacy.account_erase
        )
