"""Factories for the service map; ``OfferingFactory`` makes a published, public offering."""

import itertools
from datetime import time

import factory
from django.utils import timezone

from socialekaart.models import (
    Modality,
    Municipality,
    Offering,
    OpeningException,
    OpeningHours,
    Organisation,
    PostalCode,
    Province,
    Sector,
    TargetGroup,
    Theme,
)


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Sector {n}")
    slug = factory.Sequence(lambda n: f"sector-{n}")
    organisation_count = 100
    sort_order = factory.Sequence(lambda n: n)


class ModalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Modality
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Modaliteit {n}")
    slug = factory.Sequence(lambda n: f"modaliteit-{n}")
    family = Modality.Family.COMMUNICATIVE


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Doelgroep {n}")
    slug = factory.Sequence(lambda n: f"doelgroep-{n}")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Provincie {n}")
    slug = factory.Sequence(lambda n: f"provincie-{n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    """A municipality; pass ``postcodes=["3500"]`` to give it postcodes."""

    class Meta:
        model = Municipality
        skip_postgeneration_save = True

    nis_code = factory.Sequence(lambda n: f"{90000 + n}")
    name = factory.Sequence(lambda n: f"Gemeente {n}")
    province = factory.SubFactory(ProvinceFactory)

    @factory.post_generation
    def postcodes(self, create, extracted, **kwargs):
        if create and extracted:
            PostalCode.objects.bulk_create(PostalCode(code=c, municipality=self) for c in extracted)


class OrganisationFactory(factory.django.DjangoModelFactory):
    """An organisation; pass ``sectors=[...]`` (and ``provinces=[...]``) to link them."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.Sequence(lambda n: f"organisatie-{n}")
    website = "https://example.org/"

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.add(*extracted)

    @factory.post_generation
    def provinces(self, create, extracted, **kwargs):
        if create and extracted:
            self.provinces.add(*extracted)

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.add(*extracted)


class OfferingFactory(factory.django.DjangoModelFactory):
    """A realised offering that visitors see: published and public, unless told otherwise.

    ``modalities``, ``target_groups`` and ``themes`` take lists of terms.
    """

    class Meta:
        model = Offering
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Aanbod {n}")
    slug = factory.Sequence(lambda n: f"aanbod-{n}")
    description = "Online hulp voor wie ermee zit."
    access_url = "https://example.org/chat"
    status = Offering.Status.REALISED
    anonymity = Offering.Anonymity.ANONYMOUS
    moderation_state = Offering.Moderation.PUBLISHED
    is_public = True
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(
            moderation_state=Offering.Moderation.DRAFT, is_public=False, published_at=None
        )

    @factory.post_generation
    def modalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.modalities.add(*extracted)

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_groups.add(*extracted)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.add(*extracted)


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    offering = factory.SubFactory(OfferingFactory)
    weekday = OpeningHours.Weekday.MONDAY
    opens = time(9)
    closes = time(17)


class OpeningExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningException

    offering = factory.SubFactory(OfferingFactory)
    date = factory.LazyFunction(lambda: timezone.localdate())
    closed = True


_bulk_batches = itertools.count()


def bulk_public_offerings(
    count, *, organisations, modalities=(), target_groups=(), themes=(), online=False
):
    """``count`` published offerings in a handful of queries, for query-budget tests;
    ``online``: each with a web address of its own (a virtual location in the API)."""
    batch = next(_bulk_batches)
    offerings = Offering.objects.bulk_create(
        Offering(
            organisation=organisations[number % len(organisations)],
            name=f"Bulkaanbod {batch}-{number:05d}",
            sort_name=f"bulkaanbod {batch}{number:05d}",
            slug=f"bulkaanbod-{batch}-{number}",
            status=list(Offering.Status)[number % len(Offering.Status)],
            is_public=True,
            moderation_state=Offering.Moderation.PUBLISHED,
            access_url=f"https://example.org/chat/{batch}/{number}" if online else "",
        )
        for number in range(count)
    )
    for field, terms in (
        ("modalities", modalities),
        ("target_groups", target_groups),
        ("themes", themes),
    ):
        relation = getattr(Offering, field)
        through, column = relation.through, relation.field.m2m_reverse_field_name()
        through.objects.bulk_create(
            through(offering=offering, **{column: term}) for offering in offerings for term in terms
        )
    OpeningHours.objects.bulk_create(
        OpeningHours(offering=offering, weekday=day, opens=time(9), closes=time(17))
        for offering in offerings
        for day in range(5)
    )
    return offerings
