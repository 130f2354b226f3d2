"""The query parameters of each path, checked before any query runs.

Every parameter the HSDS 3.0 OpenAPI defines for a path is accepted; so are the map's own
filters (named as in the earlier API). Anything else, a parameter given twice that takes
one value, or a malformed value answers 422 with the reason in English (``msg``) and in
Dutch (``msg_nl``): a consumer never gets a full list it did not ask for.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, time
from uuid import UUID

from django.http import JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from ..models import Offering
from ..opening import BRUSSELS

MAX_PAGE = 1_000_000  # keeps the offset within what the database takes
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_MINIMAL_PAGE_SIZE = 1000  # HSDS: "aim to return all services within one call"
TEXT_MAX_LENGTH = 200
TRUE, FALSE = ("true", "1", "yes"), ("false", "0", "no")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # int, bool, text, uuid, datetime, choice
    description: str
    many: bool = False  # may be repeated: any of the values
    choices: tuple[str, ...] = ()
    low: int | None = None
    high: int | None = None
    schema_type: str = field(default="string")


class BadQuery(Exception):
    def __init__(self, errors: list[dict]):
        super().__init__(errors)
        self.errors = errors


def problem(parameter: str, message, **params) -> dict:
    """One error, in English and in Dutch."""
    with override("en"):
        english = str(message) % params if params else str(message)
    with override("nl"):
        dutch = str(message) % params if params else str(message)
    return {"type": "value_error", "loc": ["query", parameter], "msg": english, "msg_nl": dutch}


def bad_query_response(errors: list[dict]) -> JsonResponse:
    return JsonResponse({"detail": errors}, status=422)


# --- The parameters -------------------------------------------------------------------

PAGE = Param("page", "int", "Page number, from 1.", low=1, high=MAX_PAGE, schema_type="integer")
PER_PAGE = Param(
    "per_page",
    "int",
    f"Results per page: {PAGE_SIZE} unless given, at most {MAX_PAGE_SIZE} "
    f"(with `minimal`, at most {MAX_MINIMAL_PAGE_SIZE}).",
    low=1,
    high=MAX_MINIMAL_PAGE_SIZE,
    schema_type="integer",
)
SEARCH = Param("search", "text", "Full text search in names and descriptions.")
FORMAT = Param(
    "format",
    "choice",
    "`json` (pages, the default) or `ndjson`: every result, one JSON object a line, without pages.",
    choices=("json", "ndjson"),
)
FULL = Param("full", "bool", "`true`: every object fully nested.", schema_type="boolean")
MINIMAL = Param(
    "minimal",
    "bool",
    "`true`: only id, name, status and last_modified of each service (and removals, with "
    "`modified_after`): the cheap way to see what changed.",
    schema_type="boolean",
)
MODIFIED_AFTER = Param(
    "modified_after",
    "datetime",
    "Only what changed on or after this moment (ISO 8601, for example "
    "`2026-03-01T09:00:00Z`; without an offset, Brussels time). Services taken off the map "
    "or deleted since then are listed too, as `status: defunct` with `x_removed`.",
)
ORGANIZATION_ID = Param("organization_id", "uuid", "Only the services of this organisation.")
TAXONOMY_ID = Param("taxonomy_id", "uuid", "Only what has a term of this taxonomy.")
TAXONOMY_TERM_ID = Param(
    "taxonomy_term_id",
    "uuid",
    "Only what has this taxonomy term; repeat for any of several.",
    many=True,
)
FULL_SERVICE = Param(
    "full_service",
    "bool",
    "`true`: the organisation's services fully nested.",
    schema_type="boolean",
)
TOP_ONLY = Param(
    "top_only", "bool", "`true`: only terms without a parent (all of ours).", schema_type="boolean"
)
PARENT_ID = Param("parent_id", "uuid", "Only the terms under this term (ours have none).")
POSTCODE = Param("postcode", "text", "A Belgian postcode: only what serves that municipality.")
PROXIMITY = Param(
    "proximity",
    "int",
    "Metres from the postcode's centre. Online help has no place: it counts as everywhere "
    "its service area covers, so this narrows nothing.",
    low=0,
    high=1_000_000,
    schema_type="integer",
)

# The map's own filters: the codes of the taxonomy terms, as on the HTML list.
SECTOR = Param("sector", "text", "Sector code of the organisation.", many=True)
MODALITY = Param("modality", "text", "Modality code, for example `chat`.", many=True)
TARGET_GROUP = Param("target_group", "text", "Target group code.", many=True)
THEME = Param("theme", "text", "Theme code.", many=True)
ANONYMITY = Param(
    "anonymity",
    "choice",
    "Anonymity (x_anonymity).",
    many=True,
    choices=("anonymous", "identified", "both", "unknown"),
)
STATUS = Param(
    "status",
    "choice",
    "Our own status (x_status).",
    many=True,
    choices=tuple(Offering.Status.values),
)
OPEN_NOW = Param(
    "open_now",
    "bool",
    "Only offerings reachable right now: staffed and open, or always available.",
    schema_type="boolean",
)
STAFFED_NOW = Param(
    "staffed_now",
    "bool",
    "Only offerings where a person answers right now (a staffed chat, phone or video window "
    "is open); false: the others.",
    schema_type="boolean",
)
MUNICIPALITY = Param(
    "municipality",
    "text",
    "Municipality served: a postcode (`9000`), a name (`Gent`) or a REFNIS code.",
)

LIST = (PAGE, PER_PAGE, SEARCH, FORMAT)
MAP_FILTERS = (
    SECTOR,
    MODALITY,
    TARGET_GROUP,
    THEME,
    ANONYMITY,
    STATUS,
    OPEN_NOW,
    STAFFED_NOW,
    MUNICIPALITY,
)
SERVICES = (
    *LIST,
    FULL,
    MINIMAL,
    MODIFIED_AFTER,
    ORGANIZATION_ID,
    TAXONOMY_ID,
    TAXONOMY_TERM_ID,
    *MAP_FILTERS,
)
SERVICE_AT_LOCATIONS = (
    *LIST,
    FULL,
    MODIFIED_AFTER,
    ORGANIZATION_ID,
    TAXONOMY_ID,
    TAXONOMY_TERM_ID,
    POSTCODE,
    PROXIMITY,
)
ORGANIZATIONS = (*LIST, FULL, FULL_SERVICE, SECTOR)
ORGANIZATION = (FULL_SERVICE,)
TAXONOMIES = LIST
TAXONOMY_TERMS = (*LIST, TAXONOMY_ID, TOP_ONLY, PARENT_ID)
NONE = ()


# --- Reading them -------------------------------------------------------------------------


def parse(request, params: tuple[Param, ...]) -> dict:
    """The values of ``params`` in the query string (absent or empty: not there); raises
    ``BadQuery`` with every problem at once."""
    known = {p.name: p for p in params}
    errors, values = [], {}
    for name in request.GET:
        if name not in known:
            if known:
                errors.append(
                    problem(
                        name,
                        _("Unknown parameter “%(name)s”. This path takes: %(known)s."),
                        name=name[:50],
                        known=", ".join(known),
                    )
                )
            else:
                errors.append(
                    problem(
                        name,
                        _("Unknown parameter “%(name)s”. This path takes no parameters."),
                        name=name[:50],
                    )
                )
    for param in params:
        raw = [value for value in request.GET.getlist(param.name) if value.strip()]
        if not raw:
            continue
        if len(raw) > 1 and not param.many:
            errors.append(problem(param.name, _("Give this parameter once.")))
            continue
        parsed = []
        for value in raw:
            try:
                parsed.append(convert(param, value))
            except BadValue as error:
                errors.append(problem(param.name, error.message, **error.params))
        if len(parsed) == len(raw):
            values[param.name] = parsed if param.many else parsed[0]
    if errors:
        raise BadQuery(errors)
    return values


class BadValue(Exception):
    def __init__(self, message, **params):
        super().__init__(message)
        self.message = message
        self.params = params


def convert(param: Param, value: str):
    if "\x00" in value:
        raise BadValue(_("NUL characters are not allowed."))
    value = value.strip()
    if param.kind == "int":
        if not re.fullmatch(r"\d{1,10}", value):
            raise BadValue(_("Not a whole number."))
        number = int(value)
        if not param.low <= number <= param.high:
            raise BadValue(
                _("Must be between %(low)s and %(high)s."), low=param.low, high=param.high
            )
        return number
    if param.kind == "bool":
        if value.lower() in TRUE:
            return True
        if value.lower() in FALSE:
            return False
        raise BadValue(_("Give true or false."))
    if param.kind == "uuid":
        try:
            return UUID(value)
        except ValueError:
            raise BadValue(_("Not a UUID.")) from None
    if param.kind == "datetime":
        return parse_moment(value)
    if param.kind == "choice":
        if value not in param.choices:
            raise BadValue(
                _("Unknown value “%(value)s”. Possible: %(choices)s."),
                value=value[:50],
                choices=", ".join(param.choices),
            )
        return value
    if len(value) > TEXT_MAX_LENGTH:
        raise BadValue(_("At most %(count)s characters."), count=TEXT_MAX_LENGTH)
    return value


def parse_moment(value: str) -> datetime:
    """ISO 8601: a date and time (with an offset, or in Brussels time), or a date (its
    start in Brussels). A ``+`` of an offset that was not escaped arrives as a space."""
    value = re.sub(r" (\d\d:?\d\d)$", r"+\1", value)
    try:
        moment = parse_datetime(value)
        day = None if moment else parse_date(value)
    except ValueError:
        moment = day = None
    if moment is None and day is not None:
        moment = datetime.combine(day, time.min)
    if moment is None:
        raise BadValue(_("Not a date and time in ISO 8601, for example 2026-03-01T09:00:00+01:00."))
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=BRUSSELS)
    return moment


def openapi_parameters(params: tuple[Param, ...], *, path: tuple = ()) -> dict:
    """The parameters for the OpenAPI document, from the same table."""
    rows = [
        {
            "in": "path",
            "name": name,
            "required": True,
            "schema": {"type": "string", "format": "uuid"},
        }
        for name in path
    ]
    for param in params:
        schema = {"type": param.schema_type}
        if param.kind == "uuid":
            schema["format"] = "uuid"
        if param.kind == "datetime":
            schema["format"] = "date-time"
        if param.choices:
            schema["enum"] = list(param.choices)
        if param.low is not None:
            schema |= {"minimum": param.low, "maximum": param.high}
        if param.many:
            schema = {"type": "array", "items": schema}
        rows.append(
            {
                "in": "query",
                "name": param.name,
                "required": False,
                "description": param.description,
                "schema": schema,
                **({"explode": True, "style": "form"} if param.many else {}),
            }
        )
    return {"parameters": rows}
