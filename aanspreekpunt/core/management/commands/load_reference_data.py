from django.core.management import call_command
from django.core.management.base import BaseCommand

from socialekaart.reference import municipalities_load

REFERENCE_FIXTURES = [
    "fixtures/sectors.json",
    "fixtures/taxonomies.json",
    "fixtures/provinces.json",
]


class Command(BaseCommand):
    help = (
        "Load the reference data the platform needs (sectors, taxonomies, provinces, "
        "municipalities with postcodes); running it again changes nothing."
    )

    def handle(self, *args, **options):
        for fixture in REFERENCE_FIXTURES:
            call_command("loaddata", fixture, verbosity=0)
        municipalities = municipalities_load()
        if options["verbosity"]:
            self.stdout.write(f"Referentiegegevens geladen ({municipalities} gemeenten).")
