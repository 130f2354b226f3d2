from django.core.management.base import BaseCommand

from aanspreekpunt.core.contributions import reference_data
from aanspreekpunt.core.pagecache import data_changed


class Command(BaseCommand):
    help = (
        "Load the reference data every app registers (sectors, taxonomies, provinces, "
        "municipalities with postcodes ...); running it again changes nothing."
    )

    def handle(self, *args, **options):
        summaries = [loader.run(warn=self.stderr.write) for loader in reference_data]
        summary = ", ".join(text for text in summaries if text)
        # Saves and deletes bump it already; this also covers what the signals do not see
        # (bulk writes of postcodes).
        data_changed("reference")
        if options["verbosity"]:
            self.stdout.write(
                f"Referentiegegevens geladen ({summary})."
                if summary
                else "Referentiegegevens geladen."
            )
