"""The API's endpoints: read-only, paginated, built on the service map's selectors."""

import hashlib
from functools import partial

from django.db.models import QuerySet
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError
from ninja.pagination import PageNumberPagination, paginate

from aanspreekpunt.core.pagecache import cached_by_versions

from ..filters import OfferingFilter
from ..models import (
    Offering,
    OpeningHours,
)
from ..selectors import (
    offerings_for_api,
    organisations_for_api,
    organisations_with_areas,
    public_opening_hours,
    sector_slugs_known,
    taxonomy_terms,
)
from .query import (
    SERVICE_FILTERS,
    OrganizationFilters,
    ScheduleFilters,
    ServiceAreaFilters,
    ServiceFilters,
)
from .schemas import (
    MAX_ID,
    MAX_PAGE,
    MAX_PAGE_SIZE,
    PAGE_SIZE,
    TAXONOMIES,
    OrganizationOut,
    ScheduleOut,
    ServiceAreaOut,
    ServiceOut,
    Taxonomy,
    TaxonomyTermOut,
    service_areas,
    term_dict,
)

router = Router(tags=["Service map (HSDS 3.0)"])


def primary_key(value: str) -> int:
    """An identifier from the path; anything that cannot be one is a 404, like a wrong number."""
    if not value.isascii() or not value.isdigit() or int(value) > MAX_ID:
        raise Http404
    return int(value)


def unknown_value(field: str, message: str) -> ValidationError:
    return ValidationError([{"type": "value_error", "loc": ["query", field], "msg": message}])


def filtered_organisations(*, sectors: list[str] | None, q: str | None):
    unknown = sorted(set(sectors or ()) - sector_slugs_known(slugs=sectors or ()))
    if unknown:
        message = _("Unknown sector: %(codes)s.") % {"codes": ", ".join(unknown)}
        raise unknown_value("sector", message)
    return organisations_for_api(sectors=sectors, q=q)


def filtered_services(filters: dict) -> QuerySet[Offering]:
    """Public offerings filtered as the HTML list filters them; unknown codes give a 422."""
    data = QueryDict(mutable=True)
    for name, value in filters.items():
        if name in SERVICE_FILTERS and value:
            data.setlist(SERVICE_FILTERS[name], value if isinstance(value, list) else [value])
    if filters.get("open_now") is not None:
        data["nu_open"] = "true" if filters["open_now"] else "false"
    filterset = OfferingFilter(data, queryset=offerings_for_api())
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
    return get_object_or_404(organisations_for_api(), pk=primary_key(organization_id))


@router.get("/services", response=list[ServiceOut], summary="Published online-help offerings")
@paginated
def services_list(request, filters: Query[ServiceFilters]):
    return filtered_services(filters.model_dump())


@router.get("/services/{service_id}", response=ServiceOut, summary="One published offering")
def services_get(request, service_id: str):
    return get_object_or_404(offerings_for_api(), pk=primary_key(service_id))


@router.get("/schedules", response=list[ScheduleOut], summary="Weekly hours of published offerings")
@paginated
def schedules_list(request, filters: Query[ScheduleFilters]):
    return public_opening_hours(offering_id=filters.service_id)


@router.get(
    "/service_areas", response=list[ServiceAreaOut], summary="Areas the organisations serve"
)
@paginated
def service_areas_list(request, filters: Query[ServiceAreaFilters]):
    organisations = organisations_with_areas(organisation_id=filters.organization_id)
    return [row for o in organisations for row in service_areas(o)]


@router.get(
    "/taxonomy_terms", response=list[TaxonomyTermOut], summary="Terms of the map's vocabularies"
)
@paginated
def taxonomy_terms_list(request, taxonomy: Taxonomy | None = None):
    chosen = [taxonomy] if taxonomy else list(TAXONOMIES)
    return [term_dict(name, term) for name in chosen for term in taxonomy_terms(TAXONOMIES[name])]
