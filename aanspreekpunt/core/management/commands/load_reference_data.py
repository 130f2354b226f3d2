from django.core.management import call_command
from django.core.management.base import BaseCommand

from aanspreekpunt.core.pagecache import data_changed
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
        result = municipalities_load()
        # Saves and deletes bump it already; this also covers what the signals do not see
        # (bulk writes of postcodes).
        data_changed("reference")
        if result.kept:
            self.stderr.write(
                "Niet meer op de lijst van Statbel, maar nog gebruikt door organisaties "
                "(verplaats hun werkingsgebied naar de nieuwe gemeente): " + ", ".join(result.kept)
            )
        if options["verbosity"]:
            removed = f", {len(result.removed)} verwijderd" if result.removed else ""
            self.stdout.write(f"Referentiegegevens geladen ({result.loaded} gemeenten{removed}).")
