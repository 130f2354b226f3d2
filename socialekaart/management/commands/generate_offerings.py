"""Fill the map with generated offerings for load tests; never for real data."""

import random
from datetime import time

from django.core.management.base import BaseCommand
from django.db import transaction

from socialekaart.models import (
    Modality,
    Municipality,
    Offering,
    OpeningHours,
    Organisation,
    Province,
    Sector,
    TargetGroup,
    Theme,
)

SEED = 20261123
PREFIX = "generated-"


class Command(BaseCommand):
    help = "Generate published offerings (marked as demo content) for load tests."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=20_000)
        parser.add_argument("--organisations", type=int, default=400)

    @transaction.atomic
    def handle(self, *args, count, organisations, **options):
        rng = random.Random(SEED)
        sectors = list(Sector.objects.all())
        modalities, groups, themes = (
            list(Modality.objects.all()),
            list(TargetGroup.objects.all()),
            list(Theme.objects.all()),
        )
        Offering.objects.filter(slug__startswith=PREFIX).delete()
        Organisation.objects.filter(slug__startswith=PREFIX).delete()
        # Service areas as the map has them: some serve all of Flanders or Brussels, most
        # a province or a few municipalities (the reference list, when it is loaded).
        provinces, municipalities = list(Province.objects.all()), list(Municipality.objects.all())
        orgs = Organisation.objects.bulk_create(
            Organisation(
                name=f"Testorganisatie {n}",
                slug=f"{PREFIX}org-{n}",
                serves_all_flanders=n % 10 == 0,
                serves_brussels=n % 10 == 1,
            )
            for n in range(organisations)
        )
        Organisation.provinces.through.objects.bulk_create(
            Organisation.provinces.through(organisation=org, province=rng.choice(provinces))
            for n, org in enumerate(orgs)
            if provinces and n % 10 in (2, 3, 4, 5)
        )
        Organisation.municipalities.through.objects.bulk_create(
            Organisation.municipalities.through(organisation=org, municipality=municipality)
            for n, org in enumerate(orgs)
            if municipalities and n % 10 >= 6
            for municipality in rng.sample(municipalities, k=rng.randint(1, 5))
        )
        Organisation.sectors.through.objects.bulk_create(
            Organisation.sectors.through(organisation=org, sector=rng.choice(sectors))
            for org in orgs
        )
        offerings = Offering.objects.bulk_create(
            (
                Offering(
                    organisation=rng.choice(orgs),
                    name=f"Testaanbod {n}",
                    sort_name=f"testaanbod {n}",
                    slug=f"{PREFIX}{n}",
                    description="Gegenereerd voor belastingtests.",
                    is_demo=True,
                    is_public=True,
                    moderation_state=Offering.Moderation.PUBLISHED,
                    status=rng.choice(Offering.Status.values),
                    anonymity=rng.choice(Offering.Anonymity.values),
                    always_available=rng.random() < 0.1,
                )
                for n in range(count)
            ),
            batch_size=2000,
        )
        for field, terms in (
            ("modalities", modalities),
            ("target_groups", groups),
            ("themes", themes),
        ):
            through = getattr(Offering, field).through
            column = getattr(Offering, field).field.m2m_reverse_field_name()
            rows = [
                through(offering=offering, **{column: term})
                for offering in offerings
                for term in rng.sample(terms, k=min(2, len(terms)))
            ]
            through.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)
        OpeningHours.objects.bulk_create(
            (
                OpeningHours(
                    offering=offering, weekday=day, opens=time(hour), closes=time(hour + 4)
                )
                for offering in offerings
                for day in rng.sample(range(7), k=3)
                for hour in [rng.choice([9, 14, 18])]
            ),
            batch_size=5000,
        )
        self.stdout.write(f"{len(offerings)} aanbod en {len(orgs)} organisaties aangemaakt.")
