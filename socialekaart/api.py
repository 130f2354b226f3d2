"""The service map as read-only JSON, with the names of Open Referral HSDS 3.0.

Only what visitors may see is served: the organisations, and the offerings (HSDS
services) that are on the public map. Fields of our own, without an HSDS equivalent,
start with ``x_``. Identifiers are strings, as in HSDS.
"""

import hashlib
from datetime import date, datetime, time
from functools import partial
from typing import Literal

from django.db.models import Q, QuerySet
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError
from ninja.pagination import PageNumberPagination, paginate
from pydantic import ConfigDict, field_validator

from aanspreekpunt.core.pagecache import cached_by_versions

from .filters import OfferingFilter
from .models import (
    Modality,
    Offering,
    OpeningHours,
    Organisation,
    Sector,
    TargetGroup,
    Theme,
)
from .opening import OpenState, local_now
from .selectors import offering_open_state, public_offerings

router = Router(tags=["Service map (HSDS 3.0)"])

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 1_000_000  # keeps the offset within what the database takes
MAX_ID = 2**63 - 1  # the largest primary key (BigAutoField)
# RFC 5545 day codes, indexed by OpeningHours.weekday (Monday is 0).
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Our status as an HSDS service status: a pilot is being delivered, so it is active.
HSDS_STATUS = {
    Offering.Status.REALISED: "active",
    Offering.Status.PILOT: "active",
    Offering.Status.PLANNED: "inactive",
    Offering.Status.STOPPED: "defunct",
}
TAXONOMIES = {"sector": Sector, "modality": Modality, "target_group": TargetGroup, "theme": Theme}
# API parameter -> parameter of the HTML list's FilterSet, so both filter alike.
SERVICE_FILTERS = {
    "sector": "sector",
    "modality": "modaliteit",
    "target_group": "doelgroep",
    "theme": "thema",
    "anonymity": "anonimiteit",
    "status": "status",
    "q": "q",
    "municipality": "gemeente",
}

Taxonomy = Literal["sector", "modality", "target_group", "theme"]
AnonymityCode = Literal["anonymous", "identified", "both", "unknown"]
StatusCode = Literal["realised", "planned", "pilot", "stopped"]


def term_dict(taxonomy: str, term) -> dict:
    return {
        "id": f"{taxonomy}:{term.slug}",
        "code": term.slug,
        "name": term.name,
        "taxonomy": taxonomy,
    }


def attributes(taxonomy: str, terms) -> list[dict]:
    """HSDS attributes: links from a record to the taxonomy terms that describe it."""
    return [{"taxonomy_term": term_dict(taxonomy, term)} for term in terms]


def service_areas(organisation: Organisation) -> list[dict]:
    """The areas an organisation serves, from its prefetched provinces and municipalities."""
    rows = organisation.service_areas()
    postcodes = {
        m.nis_code: sorted(p.code for p in m.postal_codes.all())
        for m in organisation.municipalities.all()
    }
    return [
        {
            "id": f"{organisation.pk}-{kind}-{code}" if code else f"{organisation.pk}-{kind}",
            "name": name,
            "x_organization_id": str(organisation.pk),
            "x_kind": kind,
            "x_code": code,
            "x_postal_codes": postcodes.get(code, []) if kind == "municipality" else [],
        }
        for kind, name, code in rows
    ]


def absolute_url(context, obj) -> str:
    return context["request"].build_absolute_uri(obj.get_absolute_url())


# --- Schemas ------------------------------------------------------------------------------


class HsdsSchema(Schema):
    # Our primary keys are integers; HSDS identifiers are strings.
    model_config = ConfigDict(coerce_numbers_to_str=True)


class TaxonomyTermOut(HsdsSchema):
    id: str = Field(description="Taxonomy and code, for example `modality:chat`.")
    code: str = Field(description="Stable key, the value the filters take.")
    name: str
    taxonomy: Taxonomy


class AttributeOut(HsdsSchema):
    taxonomy_term_id: str
    taxonomy_term: TaxonomyTermOut

    @staticmethod
    def resolve_taxonomy_term_id(obj):
        return obj["taxonomy_term"]["id"]


class PhoneOut(HsdsSchema):
    number: str


class OrganizationIdentifierOut(HsdsSchema):
    identifier_scheme: str = Field("BE-BCE_KBO", description="org-id.guide code.")
    identifier_type: str = "enterprise number"
    identifier: str


class AddressOut(HsdsSchema):
    address_1: str
    postal_code: str
    city: str
    country: str = "BE"


class ServiceAreaOut(HsdsSchema):
    id: str
    name: str
    x_organization_id: str = Field(
        description="Areas are recorded per organisation and hold for all its services."
    )
    x_kind: Literal["flanders", "brussels", "province", "municipality"]
    x_code: str | None = Field(
        description="Province key, or the municipality's REFNIS code (Statbel)."
    )
    x_postal_codes: list[str] = Field(description="A municipality's postcodes.")


class OrganizationOut(HsdsSchema):
    id: str
    name: str
    description: str
    email: str
    website: str
    uri: str = Field(description="The organisation's page on the service map.")
    parent_organization_id: str | None = Field(
        validation_alias="umbrella_organisation_id", description="The umbrella organisation."
    )
    phones: list[PhoneOut]
    organization_identifiers: list[OrganizationIdentifierOut]
    attributes: list[AttributeOut] = Field(description="The organisation's sectors.")
    x_address: AddressOut | None

    @staticmethod
    def resolve_uri(obj, context):
        return absolute_url(context, obj)

    @staticmethod
    def resolve_phones(obj):
        return [{"number": obj.phone}] if obj.phone else []

    @staticmethod
    def resolve_organization_identifiers(obj):
        return [{"identifier": obj.enterprise_number}] if obj.enterprise_number else []

    @staticmethod
    def resolve_attributes(obj):
        return attributes("sector", obj.sectors.all())

    @staticmethod
    def resolve_x_address(obj):
        if not (obj.street or obj.city):
            return None
        return {"address_1": obj.street, "postal_code": obj.postcode, "city": obj.city}


class ScheduleOut(HsdsSchema):
    id: str
    service_id: str = Field(validation_alias="offering_id")
    freq: Literal["WEEKLY"] = "WEEKLY"
    byday: str = Field(description="RFC 5545 day code: MO, TU, WE, TH, FR, SA or SU.")
    opens_at: time = Field(validation_alias="opens", description="Brussels time.")
    closes_at: time = Field(
        validation_alias="closes",
        description="Brussels time; before opens_at when the hours run past midnight.",
    )
    attending_type: str | None = Field(
        description="The modality these hours are for (for example chat), when recorded."
    )
    description: str

    @staticmethod
    def resolve_byday(obj):
        return BYDAY[obj.weekday]

    @staticmethod
    def resolve_attending_type(obj):
        modality = obj.offering.hours_modality
        return modality.name if modality else None

    @staticmethod
    def resolve_description(obj):
        return str(obj)


class OpeningExceptionOut(HsdsSchema):
    date: date
    closed: bool
    opens_at: time | None = Field(validation_alias="opens")
    closes_at: time | None = Field(validation_alias="closes")
    note: str


class ServiceOut(HsdsSchema):
    id: str
    organization_id: str = Field(validation_alias="organisation_id")
    name: str
    description: str
    url: str = Field(validation_alias="access_url", description="Where the help is reached.")
    email: str
    status: Literal["active", "inactive", "defunct", "temporarily closed"] = Field(
        description=(
            "From x_status: realised and pilot are active, planned is inactive, stopped is defunct."
        )
    )
    x_status: StatusCode
    eligibility_description: str = Field(
        validation_alias="target_group_note", description="For whom, in words."
    )
    assured_date: date | None = Field(description="When the organisation last confirmed it.")
    last_modified: datetime = Field(validation_alias="updated_at")
    phones: list[PhoneOut]
    schedules: list[ScheduleOut] = Field(
        validation_alias="opening_hours", description="Weekly opening hours."
    )
    service_areas: list[ServiceAreaOut] = Field(description="The organisation's areas.")
    attributes: list[AttributeOut] = Field(description="Modalities, target groups and themes.")
    x_anonymity: AnonymityCode = Field(validation_alias="anonymity")
    x_cost: Literal["free", "paid", "unknown"] = Field(validation_alias="cost")
    x_staffed_by: Literal["volunteers", "professionals", "peers", "automated", "unknown"] = Field(
        validation_alias="staffed_by"
    )
    x_languages: str = Field(validation_alias="languages")
    x_always_available: bool = Field(validation_alias="always_available")
    x_open_now: bool | None = Field(
        description=(
            "Open at the time of the request; Belgian public holidays are closed unless an "
            "exception opens them. Null when no hours are known."
        )
    )
    x_opening_exceptions: list[OpeningExceptionOut] = Field(
        description="Days from today on with other hours than the weekly ones."
    )
    x_hours_note: str = Field(validation_alias="hours_note")
    x_detail_url: str = Field(description="The offering's page on the service map.")

    @staticmethod
    def resolve_status(obj):
        return HSDS_STATUS[obj.status]

    @staticmethod
    def resolve_x_status(obj):
        return obj.status  # not an alias: the getter would run resolve_status for "status"

    @staticmethod
    def resolve_assured_date(obj):
        return local_now(obj.last_reviewed_at).date() if obj.last_reviewed_at else None

    @staticmethod
    def resolve_phones(obj):
        return [{"number": obj.phone}] if obj.phone else []

    @staticmethod
    def resolve_service_areas(obj):
        return service_areas(obj.organisation)

    @staticmethod
    def resolve_attributes(obj):
        return (
            attributes("modality", obj.modalities.all())
            + attributes("target_group", obj.target_groups.all())
            + attributes("theme", obj.themes.all())
        )

    @staticmethod
    def resolve_x_open_now(obj):
        state = offering_open_state(obj)
        return None if state.status == OpenState.UNKNOWN else state.is_open

    @staticmethod
    def resolve_x_opening_exceptions(obj):
        today = local_now().date()
        return [e for e in obj.opening_exceptions.all() if e.date >= today]

    @staticmethod
    def resolve_x_detail_url(obj, context):
        return absolute_url(context, obj)


# --- Filters ------------------------------------------------------------------------------


class TextFilters(Schema):
    """Query parameters may not hold NUL characters: the database cannot store or compare them."""

    @field_validator("*", mode="after")
    @classmethod
    def no_nul_characters(cls, value):
        values = value if isinstance(value, list) else [value]
        if any(isinstance(item, str) and "\x00" in item for item in values):
            raise ValueError("NUL characters are not allowed.")
        return value


class OrganizationFilters(TextFilters):
    sector: list[str] | None = Field(None, description="Sector code; repeat for several.")
    q: str | None = Field(None, max_length=200, description="Text in the name.")


class ServiceFilters(TextFilters):
    sector: list[str] | None = Field(None, description="Sector code of the organisation.")
    modality: list[str] | None = Field(None, description="Modality code, for example `chat`.")
    target_group: list[str] | None = Field(None, description="Target group code.")
    theme: list[str] | None = Field(None, description="Theme code.")
    anonymity: list[AnonymityCode] | None = None
    status: list[StatusCode] | None = Field(None, description="Our own status (x_status).")
    open_now: bool | None = Field(None, description="Only offerings open right now.")
    q: str | None = Field(None, max_length=200, description="Text in name or description.")
    municipality: str | None = Field(
        None,
        max_length=100,
        description="Municipality served: a postcode (`9000`), a name (`Gent`) or a REFNIS code.",
    )


class ScheduleFilters(Schema):
    service_id: int | None = Field(None, ge=1, le=MAX_ID, description="Only this service.")


class ServiceAreaFilters(Schema):
    organization_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Only this organisation's areas."
    )


# --- Queries ------------------------------------------------------------------------------


# What ``service_areas`` reads of an organisation.
AREA_RELATIONS = ("provinces", "municipalities__postal_codes")


def api_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.prefetch_related("sectors", *AREA_RELATIONS)


def api_services() -> QuerySet[Offering]:
    """Public offerings with everything ServiceOut reads, in a fixed number of queries."""
    return public_offerings().prefetch_related(*(f"organisation__{r}" for r in AREA_RELATIONS))


def primary_key(value: str) -> int:
    """An identifier from the path; anything that cannot be one is a 404, like a wrong number."""
    if not value.isascii() or not value.isdigit() or int(value) > MAX_ID:
        raise Http404
    return int(value)


def unknown_value(field: str, message: str) -> ValidationError:
    return ValidationError([{"type": "value_error", "loc": ["query", field], "msg": message}])


def filtered_organisations(*, sectors: list[str] | None, q: str | None):
    organisations = api_organisations().order_by("name", "pk")
    if sectors:
        known = set(Sector.objects.filter(slug__in=sectors).values_list("slug", flat=True))
        unknown = sorted(set(sectors) - known)
        if unknown:
            message = _("Unknown sector: %(codes)s.") % {"codes": ", ".join(unknown)}
            raise unknown_value("sector", message)
        organisations = organisations.filter(sectors__slug__in=sectors).distinct()
    if q and q.strip():
        organisations = organisations.filter(name__icontains=q.strip())
    return organisations


def filtered_services(filters: dict) -> QuerySet[Offering]:
    """Public offerings filtered as the HTML list filters them; unknown codes give a 422."""
    data = QueryDict(mutable=True)
    for name, value in filters.items():
        if name in SERVICE_FILTERS and value:
            data.setlist(SERVICE_FILTERS[name], value if isinstance(value, list) else [value])
    if filters.get("open_now") is not None:
        data["nu_open"] = "true" if filters["open_now"] else "false"
    filterset = OfferingFilter(data, queryset=api_services())
    if not filterset.is_valid():
        api_name = {value: key for key, value in SERVICE_FILTERS.items()}
        raise ValidationError(
            [
                {"type": "value_error", "loc": ["query", api_name.get(field, field)], "msg": msg}
                for field, messages in filterset.errors.items()
                for msg in messages
            ]
        )
    return filterset.qs.order_by("name", "pk")


# --- Endpoints ----------------------------------------------------------------------------


class Pages(PageNumberPagination):
    """Ninja's page numbers, with a last page so that a huge number is a 422, not a 500."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, description=f"At most {MAX_PAGE_SIZE}.")

    def _items_count(self, queryset) -> int:
        """Counting 20,000 offerings for every page is the list's most expensive query: the
        count of one query is kept until the map's data changes. "Open now" names the time
        to the microsecond, so it is counted each time."""
        if not isinstance(queryset, QuerySet):  # a list, built in Python
            return super()._items_count(queryset)
        sql = str(queryset.query)
        if OpeningHours._meta.db_table in sql:
            return super()._items_count(queryset)
        digest = hashlib.sha1(sql.encode()).hexdigest()
        count = partial(super()._items_count, queryset)
        return cached_by_versions(f"api-count:{digest}", ("map", "reference"), count)


def paginated(func):
    return paginate(Pages, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)(func)


@router.get("/organizations", response=list[OrganizationOut], summary="Organisations")
@paginated
def organizations_list(request, filters: Query[OrganizationFilters]):
    return filtered_organisations(sectors=filters.sector, q=filters.q)


@router.get(
    "/organizations/{organization_id}", response=OrganizationOut, summary="One organisation"
)
def organizations_get(request, organization_id: str):
    return get_object_or_404(api_organisations(), pk=primary_key(organization_id))


@router.get("/services", response=list[ServiceOut], summary="Published online-help offerings")
@paginated
def services_list(request, filters: Query[ServiceFilters]):
    return filtered_services(filters.model_dump())


@router.get("/services/{service_id}", response=ServiceOut, summary="One published offering")
def services_get(request, service_id: str):
    return get_object_or_404(api_services(), pk=primary_key(service_id))


@router.get("/schedules", response=list[ScheduleOut], summary="Weekly hours of published offerings")
@paginated
def schedules_list(request, filters: Query[ScheduleFilters]):
    rows = OpeningHours.objects.filter(offering__in=public_offerings()).select_related(
        "offering__hours_modality"
    )
    if filters.service_id is not None:
        rows = rows.filter(offering_id=filters.service_id)
    return rows.order_by("offering__name", "offering_id", "weekday", "opens", "pk")


@router.get(
    "/service_areas", response=list[ServiceAreaOut], summary="Areas the organisations serve"
)
@paginated
def service_areas_list(request, filters: Query[ServiceAreaFilters]):
    organisations = Organisation.objects.filter(
        Q(serves_all_flanders=True)
        | Q(serves_brussels=True)
        | Q(provinces__isnull=False)
        | Q(municipalities__isnull=False)
    )
    if filters.organization_id is not None:
        organisations = organisations.filter(pk=filters.organization_id)
    organisations = organisations.distinct().prefetch_related(*AREA_RELATIONS)
    return [row for o in organisations.order_by("name", "pk") for row in service_areas(o)]


@router.get(
    "/taxonomy_terms", response=list[TaxonomyTermOut], summary="Terms of the map's vocabularies"
)
@paginated
def taxonomy_terms_list(request, taxonomy: Taxonomy | None = None):
    chosen = [taxonomy] if taxonomy else list(TAXONOMIES)
    return [term_dict(name, term) for name in chosen for term in TAXONOMIES[name].objects.all()]
