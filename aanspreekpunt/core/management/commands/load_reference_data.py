from django.core.management.base import BaseCommand

from aanspreekpunt.core.contributions import reference_data


class Command(BaseCommand):
    help = (
        "Load the reference data every app registers (sectors, taxonomies, provinces, "
        "municipalities with postcodes ...); running it again changes nothing."
    )

    def handle(self, *args, **options):
        summaries = [loader.run(warn=self.stderr.write) for loader in reference_data]
        summary = ", ".join(text for text in summaries if text)
        if options["verbosity"]:
            self.stdout.write(
                f"Referentiegegevens geladen ({summary})."
                if summary
                else "Referentiegegevens geladen."
            )
