from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from aanspreekpunt.accounts import demo as accounts_demo
from aanspreekpunt.pages import demo as pages_demo
from socialekaart import demo as socialekaart_demo


class Command(BaseCommand):
    help = "Load the reference data and the demo content; running it again changes nothing."

    def handle(self, *args, **options):
        call_command("load_reference_data", verbosity=0)
        # The demo goes through the real services, which e-mail the demo accounts at every
        # step; those addresses do not exist, so the messages stay in memory.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            accounts = accounts_demo.seed()
            offerings = socialekaart_demo.seed()
            pages = pages_demo.seed()
        self.stdout.write("Referentiegegevens en demo-inhoud geladen.")
        self.stdout.write(f"Demo-accounts (wachtwoord: {accounts_demo.DEMO_PASSWORD}):")
        self.stdout.write("\n".join(accounts))
        self.stdout.write("Sociale kaart:\n" + "\n".join(offerings))
        self.stdout.write("Demo-pagina's:\n" + "\n".join(pages))
