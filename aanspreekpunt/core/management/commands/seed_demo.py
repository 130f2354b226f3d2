from django.core.management import call_command
from django.core.management.base import BaseCommand

from aanspreekpunt.accounts import demo as accounts_demo
from aanspreekpunt.pages import demo as pages_demo

REFERENCE_FIXTURES = ["fixtures/sectors.json"]


class Command(BaseCommand):
    help = "Load the reference data and the demo content; running it again changes nothing."

    def handle(self, *args, **options):
        for fixture in REFERENCE_FIXTURES:
            call_command("loaddata", fixture, verbosity=0)
        accounts = accounts_demo.seed()
        pages = pages_demo.seed()
        self.stdout.write("Referentiegegevens en demo-inhoud geladen.")
        self.stdout.write(f"Demo-accounts (wachtwoord: {accounts_demo.DEMO_PASSWORD}):")
        self.stdout.write("\n".join(accounts))
        self.stdout.write("Demo-pagina's:\n" + "\n".join(pages))
