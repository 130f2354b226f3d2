"""Reads of the HSDS API (``socialekaart.api``): re-exported by ``selectors``, the one door.

Each returns a queryset with exactly the prefetches its serialiser (``api.hsds``) reads, so
a page costs the same few queries at 10 rows and at 500.
"""

from datetime import datetime, timedelta

from django.db.models import CharField, Prefetch, Q, QuerySet, Value

from .models import (
    Offering,
    OpeningException,
    Organisation,
    RemovedOffering,
    Sector,
)
from .opening import local_now

LIVE, UNPUBLISHED, DELETED = "live", "unpublished", "deleted"

AREA_RELATIONS = ("provinces", "municipalities__postal_codes")


def api_public_services() -> QuerySet[Offering]:
    """Offerings on the public map (filter them, then ask ``api_services_rows`` for rows)."""
    return Offering.objects.filter(is_public=True)


def api_services_rows(*, full: bool) -> QuerySet[Offering]:
    """Public offerings with what a service in a list (or ``full``) shows."""
    today = local_now().date()
    relations = [
        "opening_hours",
        # from yesterday: a closed yesterday ends an overnight window in the small hours
        Prefetch(
            "opening_exceptions",
            queryset=OpeningException.objects.filter(date__gte=today - timedelta(days=1)),
        ),
        "organisation__sectors",
    ]
    if full:
        relations += [
            "modalities",
            "target_groups",
            "themes",
            *(f"organisation__{relation}" for relation in AREA_RELATIONS),
        ]
    return (
        Offering.objects.filter(is_public=True)
        .select_related("organisation", "organisation__umbrella_organisation", "hours_modality")
        .prefetch_related(*relations)
    )


def api_service_changes(*, live: QuerySet[Offering], since: datetime) -> QuerySet:
    """What changed on or after ``since``, oldest first: (uuid, moment, kind) of the public
    offerings among ``live``, of offerings taken off the map and of deleted ones."""
    live_keys = (
        Offering.objects.filter(pk__in=live.values("pk"), updated_at__gte=since)
        .annotate(kind=Value(LIVE, output_field=CharField()))
        .values_list("uuid", "updated_at", "kind")
        .order_by()
    )
    unpublished = (
        Offering.objects.filter(is_public=False, published_at__isnull=False)
        .filter(updated_at__gte=since)
        .annotate(kind=Value(UNPUBLISHED, output_field=CharField()))
        .values_list("uuid", "updated_at", "kind")
        .order_by()
    )
    deleted = (
        RemovedOffering.objects.filter(removed_at__gte=since)
        .annotate(kind=Value(DELETED, output_field=CharField()))
        .values_list("uuid", "removed_at", "kind")
        .order_by()
    )
    return live_keys.union(unpublished, deleted, all=True).order_by("updated_at", "uuid")


def api_unpublished_services(*, uuids) -> QuerySet[Offering]:
    return Offering.objects.filter(uuid__in=list(uuids), is_public=False)


def api_removed_services(*, uuids) -> QuerySet[RemovedOffering]:
    return RemovedOffering.objects.filter(uuid__in=list(uuids))


def api_organisations(*, full: bool, search: str = "", sectors=()) -> QuerySet[Organisation]:
    """Organisations by name, with what the API shows of them (``full``: everything)."""
    organisations = Organisation.objects.select_related("umbrella_organisation")
    if full:
        organisations = organisations.prefetch_related("sectors", *AREA_RELATIONS)
    if sectors:
        organisations = organisations.filter(
            pk__in=Organisation.sectors.through.objects.filter(sector__in=sectors).values(
                "organisation"
            )
        )
    if search.strip():
        organisations = organisations.filter(
            Q(name__icontains=search.strip()) | Q(description__icontains=search.strip())
        )
    return organisations.order_by("name", "pk")


def api_organisation_services(*, organisation: Organisation, full: bool) -> list[Offering]:
    return list(api_services_rows(full=full).filter(organisation=organisation).order_by("name"))


def api_terms(model) -> list:
    """Every term of one of the map's vocabularies, in its order."""
    return list(model.objects.all())


def api_sector_ids(*, slugs) -> dict[str, int]:
    """The known sectors among ``slugs``: key -> pk."""
    return dict(Sector.objects.filter(slug__in=list(slugs)).values_list("slug", "pk"))
