"""The HSDS 3.0 paths: read-only, paged as HSDS pages them, built on the map's selectors.

Each view answers with JSON it builds itself from plain dicts (``hsds.Builder``): the
pydantic schemas in ``schemas`` describe the answers in the OpenAPI document only, so a
page of 100 services costs its few queries and no model validation.
"""

import hashlib
import json
import math
import time
from functools import partial, wraps
from uuid import UUID

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpResponse, JsonResponse, QueryDict, StreamingHttpResponse
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from ninja import Router

from aanspreekpunt.core.http import client_address
from aanspreekpunt.core.pagecache import (
    MINUTE,
    cached_by_versions,
    clock_stamp,
    freeze,
    is_anonymous_request,
    thaw,
)

from ..filters import STAFFED, OfferingFilter
from ..models import Offering, OpeningHours, Organisation
from ..opening import staffed_now_q
from ..selectors import (
    DELETED,
    LIVE,
    api_organisation_rows,
    api_organisations,
    api_organisations_services,
    api_public_services,
    api_removed_services,
    api_sector_ids,
    api_service_changes,
    api_service_rows,
    api_terms,
    api_unpublished_services,
    quality_met_q,
)
from . import query as q
from . import schemas
from .hsds import (
    QUALITY,
    VOCABULARIES,
    Builder,
    minimal_service,
    quality_terms,
    removed_service,
    service_at_location_id,
    term_id,
)
from .query import BadQuery, bad_query_response, problem

router = Router(tags=["HSDS 3.0"])


def read(path: str, **options):
    """A GET path, which also answers HEAD (for the headers alone; not in the OpenAPI
    document, where it would repeat the GET's operation id)."""

    def decorator(view):
        registered = router.get(path, **options)(view)
        router.add_api_operation(path, ["HEAD"], view, include_in_schema=False)
        return registered

    return decorator


NDJSON_CHUNK = 200
# What the map's own filters are called on the HTML list (OfferingFilter).
MAP_FILTERS = {
    "sector": "sector",
    "modality": "modaliteit",
    "target_group": "doelgroep",
    "theme": "thema",
    "anonymity": "anonimiteit",
    "status": "status",
    "search": "q",
    "municipality": "gemeente",
    "postcode": "gemeente",
}
# The links from an offering to the terms of each vocabulary.
TERM_LINKS = {
    "modality": (Offering.modalities.through, "offering", "modality"),
    "target_group": (Offering.target_groups.through, "offering", "targetgroup"),
    "theme": (Offering.themes.through, "offering", "theme"),
    "sector": (Organisation.sectors.through, "organisation", "sector"),
}


# --- Around every view: rate limit, parameters, CORS -------------------------------------


def hsds(params: tuple, *, path: tuple = ()):
    """Checks the query string against ``params`` (the parsed values are ``request.hsds``),
    limits anonymous clients per address, and lets other sites read the answer."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            limited = rate_limited(request)
            if limited is not None:
                return with_cors(limited)
            try:
                request.hsds = q.parse(request, params)
                response = kept_answer(request, partial(view, request, *args, **kwargs))
            except BadQuery as error:
                response = bad_query_response(error.errors)
            return with_cors(response)

        wrapper.hsds_params = params
        return wrapper

    return decorator


# What every answer of the API shows, as for its route in the page cache (aanspreekpunt.api).
ANSWER_VERSIONS = ("deploy", "map", "reference")


def kept_answer(request, answer) -> HttpResponse:
    """``answer()``; for a logged-in client, whom the page cache does not serve, kept by
    address, data versions and minute ("staffed now" follows the clock) like the anonymous
    copy: the API shows nothing personal. An error is raised, so never kept."""
    if is_anonymous_request(request) or request.hsds.get("format") == "ndjson":
        return answer()
    address = hashlib.sha1(request.build_absolute_uri().encode()).hexdigest()
    kept = cached_by_versions(
        f"api-answer:{request.method}:{address}:{clock_stamp(MINUTE)}",
        ANSWER_VERSIONS,
        lambda: freeze(answer(), ""),
        timeout=120,
    )
    return thaw(kept)


def with_cors(response):
    """Open data: any site may read it from a browser (GET and HEAD, no credentials)."""
    response["Access-Control-Allow-Origin"] = "*"
    return response


def rate_limited(request):
    """A 429 once an anonymous client passes ``API_RATE_LIMIT_PER_MINUTE`` requests this
    minute. Answers from the page cache never get here, so they do not count."""
    limit = settings.API_RATE_LIMIT_PER_MINUTE
    if not limit:
        return None
    # Without a session cookie nobody is logged in, and the session is not read: reading it
    # would make every answer vary on the cookie and keep it out of shared caches.
    if not is_anonymous_request(request) and request.user.is_authenticated:
        return None
    now = time.time()
    key = f"api-rate:{client_address(request)}:{int(now // 60)}"
    try:
        cache.add(key, 0, 70)
        count = cache.incr(key)
    except ValueError:  # the cache is down or lost the key: let the request through
        return None
    if count <= limit:
        return None
    retry = max(1, 60 - int(now % 60))
    error = problem(
        "",
        _("Too many requests: at most %(limit)s a minute. Try again in %(seconds)s seconds."),
        limit=limit,
        seconds=retry,
    )
    error["loc"] = []
    response = JsonResponse({"detail": [error]}, status=429)
    response["Retry-After"] = str(retry)
    return response


def json_response(data, *, last_modified=None) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False),
        content_type="application/json",
    )
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    return response


# --- Pages -------------------------------------------------------------------------------


def counted(queryset) -> int:
    """Counting 20,000 offerings for every page is a list's most expensive query: the count
    of one query is kept until the map's data changes. "Open now" names the time to the
    microsecond, so it is counted each time."""
    sql = str(queryset.query)
    if OpeningHours._meta.db_table in sql:
        return queryset.count()
    digest = hashlib.sha1(sql.encode()).hexdigest()
    return cached_by_versions(f"api-count:{digest}", ("map", "reference"), queryset.count)


def paged(request, *, total, items, max_size=q.MAX_PAGE_SIZE) -> HttpResponse:
    """An HSDS page of ``items(start, stop)``, or with ``format=ndjson`` every item, one a line."""
    query = request.hsds
    per_page = query.get("per_page", q.PAGE_SIZE)
    if per_page > max_size:
        message = _("Must be between %(low)s and %(high)s.")
        raise BadQuery([problem("per_page", message, low=1, high=max_size)])
    if query.get("format") == "ndjson":
        return StreamingHttpResponse(ndjson(total(), items), content_type="application/x-ndjson")
    page = query.get("page", 1)
    count = total()
    start = (page - 1) * per_page
    contents = items(start, start + per_page) if start < count else []
    pages = math.ceil(count / per_page)
    return json_response(
        {
            "total_items": count,
            "total_pages": pages,
            "page_number": page,
            "size": len(contents),
            "first_page": page == 1,
            "last_page": page >= pages,
            "empty": not contents,
            "contents": contents,
        }
    )


def ndjson(count, items):
    for start in range(0, count, NDJSON_CHUNK):
        for item in items(start, start + NDJSON_CHUNK):
            yield json.dumps(item, cls=DjangoJSONEncoder, ensure_ascii=False) + "\n"


def in_python(rows: list, start: int, stop: int) -> list:
    return rows[start:stop]


# --- Taxonomies --------------------------------------------------------------------------


def term_index() -> dict[str, tuple[str, str, str, int]]:
    """Every term's HSDS id -> (vocabulary, code, name, pk), kept until the terms change."""

    def build():
        index = {
            term_id(code, term.slug): (code, term.slug, term.name, term.pk)
            for code, vocabulary in VOCABULARIES.items()
            if code != QUALITY
            for term in api_terms(vocabulary.model)
        }
        for code, name in quality_terms():  # a norm's code is its key
            index[term_id(QUALITY, code)] = (QUALITY, code, name, code)
        return index

    return cached_by_versions("api-term-index", ("reference",), build)


def vocabulary_by_id(value: UUID, name: str):
    found = next((v for v in VOCABULARIES.values() if v.id == str(value)), None)
    if found is None:
        raise BadQuery([problem(name, _("Unknown taxonomy."))])
    return found


def terms_by_id(values, name: str) -> list[tuple]:
    index = term_index()
    unknown = [str(v) for v in values if str(v) not in index]
    if unknown:
        raise BadQuery(
            [problem(name, _("Unknown taxonomy term: %(ids)s."), ids=", ".join(unknown))]
        )
    return [index[str(v)] for v in values]


# --- Filtering services --------------------------------------------------------------------


def filtered_services(request) -> QuerySet[Offering]:
    """Public offerings as the parameters narrow them; unknown codes and terms are a 422."""
    query = request.hsds
    data = QueryDict(mutable=True)
    for name, target in MAP_FILTERS.items():
        if name in query:
            value = query[name]
            data.setlist(target, value if isinstance(value, list) else [value])
    if "open_now" in query:
        data["nu_open"] = "true" if query["open_now"] else "false"
    if query.get("staffed_now"):
        data["bereikbaar"] = STAFFED
    filterset = OfferingFilter(data, queryset=api_public_services())
    if not filterset.is_valid():
        api_name = {target: name for name, target in MAP_FILTERS.items() if name in query}
        raise BadQuery(filter_errors(filterset, api_name))
    services = filterset.qs
    if query.get("staffed_now") is False:
        services = services.exclude(pk__in=api_public_services().filter(staffed_now_q()))
    if "organization_id" in query:
        services = services.filter(organisation__uuid=query["organization_id"])
    if "taxonomy_id" in query:
        vocabulary = vocabulary_by_id(query["taxonomy_id"], "taxonomy_id")
        services = services.filter(term_links(vocabulary.code, None))
    if "taxonomy_term_id" in query:
        chosen = terms_by_id(query["taxonomy_term_id"], "taxonomy_term_id")
        condition = Q(pk__in=[])
        for code, _slug, _name, pk in chosen:
            condition |= term_links(code, [pk])
        services = services.filter(condition)
    return services


def filter_errors(filterset, api_name: dict) -> list[dict]:
    """The filter form's errors in English and in Dutch, named by the API's parameters."""
    errors = []
    for field, field_errors in filterset.form.errors.as_data().items():
        for error in field_errors:
            for single in error.error_list:
                errors.append(
                    problem(
                        api_name.get(field, field),
                        single.message,
                        **(single.params or {}),
                    )
                )
    return errors


def term_links(vocabulary_code: str, pks) -> Q:
    """Offerings that carry one of the terms ``pks`` of a vocabulary (any term: None); for
    the quality norms: that meet one of the norms ``pks`` (codes)."""
    if vocabulary_code == QUALITY:
        codes = [code for code, _name in quality_terms()] if pks is None else pks
        condition = Q(pk__in=[])
        for code in codes:
            condition |= Q(quality_met_q(code))
        return condition
    through, owner, column = TERM_LINKS[vocabulary_code]
    links = through.objects.filter(**{owner: OuterRef(owner if owner != "offering" else "pk")})
    if pks is not None:
        links = links.filter(**{f"{column}__in": pks})
    return Q(Exists(links))


# --- Root ----------------------------------------------------------------------------------


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


@read("/", response=schemas.ApiRoot, summary="About this API", openapi_extra={})
@hsds(q.NONE)
def api_index(request):
    return json_response(
        {
            "version": "3.0",
            "profile": absolute(request, "/api/v1/docs#profiel"),
            "openapi_url": absolute(request, "/api/v1/openapi.json"),
            "name": str(settings.WAGTAIL_SITE_NAME),
            "docs": absolute(request, "/api/v1/docs"),
        }
    )


# --- Services ------------------------------------------------------------------------------


@read(
    "/services",
    response=schemas.ServicePage,
    summary="Services: the published online-help offerings",
    openapi_extra=q.openapi_parameters(q.SERVICES),
)
@hsds(q.SERVICES)
def services_list(request):
    query = request.hsds
    full, minimal = query.get("full", False), query.get("minimal", False)
    if full and minimal:
        raise BadQuery([problem("minimal", _("Choose full or minimal, not both."))])
    builder = Builder(request)
    live = filtered_services(request)
    max_size = q.MAX_MINIMAL_PAGE_SIZE if minimal else q.MAX_PAGE_SIZE
    if "modified_after" in query:
        changes = api_service_changes(live=live, since=query["modified_after"])
        return paged(
            request,
            total=changes.count,
            items=partial(changed_services, changes, builder, full=full, minimal=minimal),
            max_size=max_size,
        )
    ordered = live.order_by("name", "pk")
    if minimal:
        rows = ordered.values_list("uuid", "name", "status", "updated_at")

        def items(start, stop):
            return [minimal_service(*row) for row in rows[start:stop]]

    else:

        def items(start, stop):
            pks = list(ordered.values_list("pk", flat=True)[start:stop])
            return [builder.service(s, full=full) for s in api_service_rows(pks, full=full)]

    return paged(request, total=partial(counted, ordered), items=items, max_size=max_size)


def changed_services(changes, builder, start, stop, *, full, minimal) -> list[dict]:
    """One page of the sync feed: changed services, and tombstones of removed ones."""
    keys = list(changes[start:stop])
    live = [uuid for uuid, _when, kind in keys if kind == LIVE]
    gone = [uuid for uuid, _when, kind in keys if kind != LIVE]
    rows = {}
    if live:
        found = api_public_services().filter(uuid__in=live)
        if minimal:
            for uuid, name, status, when in found.values_list(
                "uuid", "name", "status", "updated_at"
            ):
                rows[uuid] = minimal_service(uuid, name, status, when)
        else:
            pks = list(found.values_list("pk", flat=True))
            for s in api_service_rows(pks, full=full):
                rows[s["uuid"]] = builder.service(s, full=full)
    if gone:
        for s in api_unpublished_services(uuids=gone).only("uuid", "name", "updated_at"):
            rows[s.uuid] = removed_service(s.uuid, s.name, s.updated_at, "unpublished")
        for r in api_removed_services(uuids=gone):
            rows.setdefault(r.uuid, removed_service(r.uuid, r.name, r.removed_at, DELETED))
    # A row that changed again between the two reads is in the next delta anyway.
    return [rows[uuid] for uuid, _when, _kind in keys if uuid in rows]


def uuid_or_404(value: str) -> UUID:
    try:
        return UUID(value)
    except ValueError:
        raise Http404 from None


@read(
    "/services/{service_id}",
    response=schemas.Service,
    summary="One published offering, fully nested",
    openapi_extra=q.openapi_parameters(q.NONE, path=("service_id",)),
)
@hsds(q.NONE)
def services_get(request, service_id: str):
    row = one_service_row(api_public_services().filter(uuid=uuid_or_404(service_id)))
    data = Builder(request).service(row, full=True)
    return json_response(data, last_modified=row["updated_at"])


def one_service_row(services) -> dict:
    """The fully nested row of the one service in ``services``, or 404."""
    rows = api_service_rows(services.values_list("pk", flat=True)[:1], full=True)
    if not rows:
        raise Http404
    return rows[0]


@read(
    "/service_at_locations",
    response=schemas.ServiceAtLocationPage,
    summary="Online offerings at their virtual location",
    openapi_extra=q.openapi_parameters(q.SERVICE_AT_LOCATIONS),
)
@hsds(q.SERVICE_AT_LOCATIONS)
def service_at_locations_list(request):
    query = request.hsds
    builder = Builder(request)
    live = filtered_services(request).exclude(access_url="")
    if "modified_after" in query:
        live = live.filter(updated_at__gte=query["modified_after"])
    ordered = live.order_by("name", "pk")
    full = query.get("full", False)

    def items(start, stop):
        pks = list(ordered.values_list("pk", flat=True)[start:stop])
        rows = []
        for s in api_service_rows(pks, full=full):
            row = builder.service_at_location(s)
            if full:
                row["service"] = builder.service(s, full=True)
            rows.append(row)
        return rows

    return paged(request, total=partial(counted, ordered), items=items)


def service_at_location_index() -> dict[str, int]:
    """Every service_at_location's id -> its offering's pk, kept until the map changes: the
    id is derived from the offering's, so it cannot be looked up in the database."""

    def build():
        reached_online = api_public_services().exclude(access_url="")
        return {
            service_at_location_id(uuid): pk
            for pk, uuid in reached_online.values_list("pk", "uuid").order_by()
        }

    return cached_by_versions("api-service-at-location-index", ("map",), build)


@read(
    "/service_at_locations/{service_at_location_id}",
    response=schemas.ServiceAtLocationDetail,
    summary="One online offering at its virtual location, with the service fully nested",
    openapi_extra=q.openapi_parameters(q.NONE, path=("service_at_location_id",)),
)
@hsds(q.NONE)
def service_at_locations_get(request, service_at_location_id: str):
    """HSDS 3.0's OpenAPI describes this path as a fully nested service_at_location but names
    the service schema for it; the answer is both: the service_at_location with its service
    nested, and the service's name and status repeated at the top."""
    pk = service_at_location_index().get(str(uuid_or_404(service_at_location_id)))
    if pk is None:
        raise Http404
    row = one_service_row(api_public_services().exclude(access_url="").filter(pk=pk))
    builder = Builder(request)
    service = builder.service(row, full=True)
    data = builder.service_at_location(row, with_service=False)
    data.update(name=service["name"], status=service["status"], service=service)
    return json_response(data, last_modified=row["updated_at"])


# --- Organisations -------------------------------------------------------------------------


@read(
    "/organizations",
    response=schemas.OrganizationPage,
    summary="Organisations",
    openapi_extra=q.openapi_parameters(q.ORGANIZATIONS),
)
@hsds(q.ORGANIZATIONS)
def organizations_list(request):
    query = request.hsds
    full, full_service = query.get("full", False), query.get("full_service", False)
    sectors = []
    if "sector" in query:
        known = api_sector_ids(slugs=query["sector"])
        unknown = sorted(set(query["sector"]) - set(known))
        if unknown:
            message = _("Unknown sector: %(codes)s.")
            raise BadQuery([problem("sector", message, codes=", ".join(unknown))])
        sectors = list(known.values())
    organisations = api_organisations(search=query.get("search", ""), sectors=sectors)
    builder = Builder(request)
    nested = full or full_service

    def items(start, stop):
        pks = list(organisations.values_list("pk", flat=True)[start:stop])
        found = api_organisation_rows(pks, full=nested)
        rows = [builder.organization(found[pk], full=nested) for pk in pks]
        if full_service:
            services = api_organisations_services(organisation_pks=pks, full=True)
            for row, pk in zip(rows, pks, strict=True):
                row["services"] = [builder.service(s, full=True) for s in services.get(pk, [])]
        return rows

    return paged(request, total=partial(counted, organisations), items=items)


@read(
    "/organizations/{organization_id}",
    response=schemas.Organization,
    summary="One organisation, with its services",
    openapi_extra=q.openapi_parameters(q.ORGANIZATION, path=("organization_id",)),
)
@hsds(q.ORGANIZATION)
def organizations_get(request, organization_id: str):
    wanted = api_organisations().filter(uuid=uuid_or_404(organization_id))
    found = api_organisation_rows(wanted.values_list("pk", flat=True)[:1], full=True)
    if not found:
        raise Http404
    (organisation,) = found.values()
    full_service = request.hsds.get("full_service", False)
    builder = Builder(request)
    data = builder.organization(organisation, full=True)
    services = api_organisations_services(organisation_pks=[organisation["pk"]], full=full_service)
    data["services"] = [
        builder.service(s, full=full_service) for s in services.get(organisation["pk"], [])
    ]
    return json_response(data)


# --- Taxonomies ----------------------------------------------------------------------------


def matches(text: str, *fields) -> bool:
    return any(text.casefold() in field.casefold() for field in fields)


@read(
    "/taxonomies",
    response=schemas.TaxonomyPage,
    summary="The map's vocabularies",
    openapi_extra=q.openapi_parameters(q.TAXONOMIES),
)
@hsds(q.TAXONOMIES)
def taxonomies_list(request):
    builder = Builder(request)
    search = request.hsds.get("search", "")
    rows = [
        builder.taxonomy(v)
        for v in VOCABULARIES.values()
        if not search or matches(search, v.name, v.description, v.code)
    ]
    return paged(request, total=lambda: len(rows), items=partial(in_python, rows))


@read(
    "/taxonomies/{taxonomy_id}",
    response=schemas.Taxonomy,
    summary="One vocabulary",
    openapi_extra=q.openapi_parameters(q.NONE, path=("taxonomy_id",)),
)
@hsds(q.NONE)
def taxonomies_get(request, taxonomy_id: str):
    wanted = str(uuid_or_404(taxonomy_id))
    found = next((v for v in VOCABULARIES.values() if v.id == wanted), None)
    if found is None:
        raise Http404
    return json_response(Builder(request).taxonomy(found))


@read(
    "/taxonomy_terms",
    response=schemas.TaxonomyTermPage,
    summary="The terms of the map's vocabularies",
    openapi_extra=q.openapi_parameters(q.TAXONOMY_TERMS),
)
@hsds(q.TAXONOMY_TERMS)
def taxonomy_terms_list(request):
    query = request.hsds
    builder = Builder(request)
    terms = list(term_index().values())
    if "taxonomy_id" in query:
        code = vocabulary_by_id(query["taxonomy_id"], "taxonomy_id").code
        terms = [t for t in terms if t[0] == code]
    if "parent_id" in query:
        terms_by_id([query["parent_id"]], "parent_id")
        terms = []  # our terms have no parents: nothing lies under any of them
    # ``top_only``: every term of ours is a top term, so it narrows nothing.
    search = query.get("search", "")
    rows = [
        builder.term_of(code, slug, name)
        for code, slug, name, _pk in terms
        if not search or matches(search, name, slug)
    ]
    return paged(request, total=lambda: len(rows), items=partial(in_python, rows))


@read(
    "/taxonomy_terms/{taxonomy_term_id}",
    response=schemas.TaxonomyTerm,
    summary="One term",
    openapi_extra=q.openapi_parameters(q.NONE, path=("taxonomy_term_id",)),
)
@hsds(q.NONE)
def taxonomy_terms_get(request, taxonomy_term_id: str):
    found = term_index().get(str(uuid_or_404(taxonomy_term_id)))
    if found is None:
        raise Http404
    code, slug, name, _pk = found
    return json_response(Builder(request).term_of(code, slug, name))
