from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from aanspreekpunt.core.contributions import demo_seeders
from aanspreekpunt.core.services import emails_withheld


class Command(BaseCommand):
    help = (
        "Load the reference data and the demo content every app registers (or only that of "
        "--app); running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--app",
            action="append",
            dest="apps",
            choices=demo_seeders.apps(),
            help="Seed only this app's demo content (repeat for more apps).",
        )

    def handle(self, *args, **options):
        call_command("load_reference_data", verbosity=0)
        apps = options["apps"]
        seeders = [seeder for seeder in demo_seeders if not apps or seeder.app in apps]
        reports = []
        # The demo goes through the real services, which e-mail the demo accounts at every
        # step; those addresses do not exist, so the e-mails are not queued at all.
        with emails_withheld():
            for seeder in seeders:
                try:
                    reports.append((seeder.title, seeder.run()))
                except ValueError as error:
                    raise CommandError(f"{seeder.app}: {error}") from error
        self.stdout.write("Referentiegegevens en demo-inhoud geladen.")
        for title, lines in reports:
            self.stdout.write("\n".join([title, *lines]))
