"""Reads of the HSDS API (``socialekaart.api``): re-exported by ``selectors``, the one door.

Each returns a queryset with exactly the prefetches its serialiser (``api.hsds``) reads, so
a page costs the same few queries at 10 rows and at 500.
"""

from collections import namedtuple
from datetime import datetime, timedelta

from django.db.models import CharField, Q, QuerySet, Value

from .models import (
    Offering,
    OpeningException,
    OpeningHours,
    Organisation,
    PostalCode,
    RemovedOffering,
    Sector,
)
from .opening import local_now

LIVE, UNPUBLISHED, DELETED = "live", "unpublished", "deleted"


def api_public_services() -> QuerySet[Offering]:
    """Offerings on the public map (filter them, then ask ``api_service_rows`` for rows)."""
    return Offering.objects.filter(is_public=True)


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


def api_organisations(*, search: str = "", sectors=()) -> QuerySet[Organisation]:
    """Organisations by name; ``search`` in name or description, ``sectors`` (pks)."""
    organisations = Organisation.objects.all()
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


def api_organisations_services(*, organisation_pks, full: bool) -> dict[int, list[dict]]:
    """The public offerings of these organisations, by name, as rows per organisation."""
    pks = (
        Offering.objects.filter(is_public=True, organisation__in=list(organisation_pks))
        .order_by("name", "pk")
        .values_list("pk", flat=True)
    )
    grouped: dict[int, list[dict]] = {}
    for row in api_service_rows(list(pks), full=full):
        grouped.setdefault(row["organisation_id"], []).append(row)
    return grouped


def api_terms(model) -> list:
    """Every term of one of the map's vocabularies, in its order."""
    return list(model.objects.all())


def api_sector_ids(*, slugs) -> dict[str, int]:
    """The known sectors among ``slugs``: key -> pk."""
    return dict(Sector.objects.filter(slug__in=list(slugs)).values_list("slug", "pk"))


# --- Lean reads for the serialiser: plain rows from ``.values()``, no model instances --------
# Prefetching many-to-many relations builds a queryset per row and relation; for a page of
# 100 services that cost more than the queries. These read each relation once, as tuples.

Rule = namedtuple("Rule", "pk weekday opens closes")
DayException = namedtuple("DayException", "date closed opens closes note")
Term = namedtuple("Term", "slug name")

SERVICE_FIELDS = (
    "pk",
    "uuid",
    "slug",
    "name",
    "description",
    "access_url",
    "email",
    "phone",
    "status",
    "target_group_note",
    "last_reviewed_at",
    "updated_at",
    "anonymity",
    "cost",
    "staffed_by",
    "languages",
    "always_available",
    "hours_note",
    "organisation_id",
    "hours_modality__name",
)
ORGANISATION_FIELDS = (
    "pk",
    "uuid",
    "slug",
    "name",
    "description",
    "email",
    "website",
    "phone",
    "enterprise_number",
    "street",
    "postcode",
    "city",
    "serves_all_flanders",
    "serves_brussels",
    "umbrella_organisation__uuid",
)


def _grouped(rows, key_index: int = 0, make=None) -> dict:
    grouped: dict = {}
    for row in rows:
        grouped.setdefault(row[key_index], []).append(make(*row[1:]) if make else row[1:])
    return grouped


def api_organisation_rows(pks, *, full: bool) -> dict[int, dict]:
    """Organisations ``pks`` as dicts: their fields, their sectors and (``full``) areas."""
    pks = list(pks)
    rows = {
        row["pk"]: row
        for row in Organisation.objects.filter(pk__in=pks).values(*ORGANISATION_FIELDS)
    }
    sectors = _grouped(
        Organisation.sectors.through.objects.filter(organisation__in=pks)
        .order_by("sector__sort_order", "sector__name")
        .values_list("organisation_id", "sector__slug", "sector__name"),
        make=Term,
    )
    provinces, municipalities = {}, {}
    if full:
        provinces = _grouped(
            Organisation.provinces.through.objects.filter(organisation__in=pks)
            .order_by("province__name")
            .values_list("organisation_id", "province__slug", "province__name"),
            make=Term,
        )
        links = list(
            Organisation.municipalities.through.objects.filter(organisation__in=pks)
            .order_by("municipality__name")
            .values_list(
                "organisation_id", "municipality_id", "municipality__nis_code", "municipality__name"
            )
        )
        postcodes = _grouped(
            PostalCode.objects.filter(municipality__in={link[1] for link in links})
            .order_by("code")
            .values_list("municipality_id", "code")
        )
        for organisation, municipality, nis_code, name in links:
            codes = [code for (code,) in postcodes.get(municipality, [])]
            municipalities.setdefault(organisation, []).append((nis_code, name, codes))
    for pk, row in rows.items():
        row["sectors"] = sectors.get(pk, [])
        row["provinces"] = provinces.get(pk, [])
        row["municipalities"] = municipalities.get(pk, [])
    return rows


def api_service_rows(pks, *, full: bool) -> list[dict]:
    """Offerings ``pks`` as dicts, in the order of ``pks``: their fields, organisation, hours,
    exceptions from yesterday on and (``full``) terms; a fixed number of queries."""
    pks = list(pks)
    found = {row["pk"]: row for row in Offering.objects.filter(pk__in=pks).values(*SERVICE_FIELDS)}
    organisations = api_organisation_rows(
        {row["organisation_id"] for row in found.values()}, full=full
    )
    hours = _grouped(
        OpeningHours.objects.filter(offering__in=pks)
        .order_by("weekday", "opens")
        .values_list("offering_id", "pk", "weekday", "opens", "closes"),
        make=Rule,
    )
    yesterday = local_now().date() - timedelta(days=1)
    exceptions = _grouped(
        OpeningException.objects.filter(offering__in=pks, date__gte=yesterday)
        .order_by("date")
        .values_list("offering_id", "date", "closed", "opens", "closes", "note"),
        make=DayException,
    )
    terms = {}
    if full:
        for name, relation, column in (
            ("modalities", Offering.modalities, "modality"),
            ("target_groups", Offering.target_groups, "targetgroup"),
            ("themes", Offering.themes, "theme"),
        ):
            terms[name] = _grouped(
                relation.through.objects.filter(offering__in=pks)
                .order_by(f"{column}__sort_order", f"{column}__name")
                .values_list("offering_id", f"{column}__slug", f"{column}__name"),
                make=Term,
            )
    if full:  # the published answers to the quality norms, as attributes
        from .selectors_quality import quality_attributes_for_offerings

        terms["quality"] = quality_attributes_for_offerings(offering_ids=pks)
    rows = []
    for pk in pks:
        row = found.get(pk)
        if row is None:
            continue
        row["organisation"] = organisations[row["organisation_id"]]
        row["hours"] = hours.get(pk, [])
        row["exceptions"] = exceptions.get(pk, [])
        for name, by_offering in terms.items():
            row[name] = by_offering.get(pk, [])
        rows.append(row)
    return rows
