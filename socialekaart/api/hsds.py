"""HSDS 3.0 objects as plain dicts, built from prefetched rows without further queries.

HSDS wants every object to have a UUID. Organisations and offerings carry their own
(``uuid``, kept through renames and imports); everything derived from them (their phones,
schedules, areas, attributes, virtual locations) gets a UUID computed from its parent's and
what it is, so it is the same in every response. Taxonomies and terms get theirs from their
stable keys. An optional field that is empty is left out, as HSDS asks (``""`` is not a URI
or an e-mail address); the required ``description`` of an organisation stays, even empty.
Fields of our own, without an HSDS equivalent, start with ``x_``.
"""

from datetime import datetime, timedelta
from functools import lru_cache
from urllib.parse import urlencode
from uuid import UUID, uuid5

from django.urls import reverse
from django.utils.translation import gettext

from aanspreekpunt.core.pagecache import cached_by_versions

from ..models import (
    Modality,
    Offering,
    OpeningHours,
    QualityAnswer,
    QualityNorm,
    Sector,
    TargetGroup,
    Theme,
)
from ..opening import OpenState, day_windows, local_now, open_state

# The namespace of every UUID the API derives (never change it: ids would change).
NAMESPACE = UUID("6f1d2c1e-5a57-4c43-9a51-2b8f3a0e7d11")

HSDS_VERSION = "3.0"

# Our status as an HSDS service status: a pilot is being delivered, so it is active.
HSDS_STATUS = {
    Offering.Status.REALISED: "active",
    Offering.Status.PILOT: "active",
    Offering.Status.PLANNED: "inactive",
    # Closed for a while, not for good: HSDS has a status for that.
    Offering.Status.TEMPORARILY_CLOSED: "temporarily closed",
    Offering.Status.STOPPED: "defunct",
}

# Stands in for a slug in a URL reversed once per response.
SLUG = "slug-of-the-row"

# RFC 5545 day codes, indexed by OpeningHours.weekday (Monday is 0).
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class Vocabulary:
    """One of the map's vocabularies, served as an HSDS taxonomy."""

    def __init__(self, code, model, name, description, map_parameter):
        self.code = code
        self.model = model
        self.name = name
        self.description = description
        self.map_parameter = map_parameter  # the HTML list's filter for its terms
        self.id = derived_id("taxonomy", code)


@lru_cache(maxsize=65536)
def derived_id(*parts) -> str:
    return str(uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


def service_at_location_id(service_id) -> str:
    """The id of an online offering's one service_at_location (at its virtual location)."""
    return derived_id(str(service_id), "service_at_location", "virtual")


VOCABULARIES = {
    v.code: v
    for v in (
        Vocabulary(
            "sector",
            Sector,
            "Sectoren van welzijn en gezondheid",
            "De sectoren van welzijn en gezondheid in Vlaanderen waartoe een organisatie behoort.",
            "sector",
        ),
        Vocabulary(
            "modality",
            Modality,
            "Vormen van onlinehulp",
            "Hoe de hulp online verloopt: chat, e-mail, forum, videogesprek, zelfhulp en meer.",
            "modaliteit",
        ),
        Vocabulary(
            "target_group",
            TargetGroup,
            "Doelgroepen",
            "Voor wie het onlinehulpaanbod bedoeld is.",
            "doelgroep",
        ),
        Vocabulary("theme", Theme, "Thema's", "Waarover het onlinehulpaanbod gaat.", "thema"),
        # The quality norms: a service's attribute of a norm carries the organisation's
        # published answer as its ``value`` (issue 18).
        Vocabulary(
            "quality",
            QualityNorm,
            "OHUP-kwaliteitsnormen",
            "De kwaliteitsnormen voor onlinehulp. Een attribuut van een aanbod geeft het "
            "antwoord van de organisatie als value: met (voldaan), partly (deels voldaan), "
            "not_yet (nog niet) of not_applicable (niet van toepassing).",
            "",
        ),
    )
}
QUALITY = "quality"


def quality_terms() -> list[tuple[str, str]]:
    """The norms as (code, title), kept until the reference data change."""
    from .. import selectors

    def build():
        return [(t["code"], t["name"]) for t in selectors.quality_taxonomy()["terms"]]

    return cached_by_versions("api-quality-terms", ("reference",), build)


def term_id(vocabulary_code: str, slug: str) -> str:
    return derived_id("taxonomy_term", vocabulary_code, slug)


class Builder:
    """Builds the dicts of one response from the plain rows of ``selectors.api_service_rows``
    and ``api_organisation_rows``; knows the site's address for absolute URLs."""

    def __init__(self, request):
        self.base = request.build_absolute_uri("/")[:-1]
        self.map_url = self.base + reverse("socialekaart:offering_list")
        # Reversed once: a page has a hundred of them.
        self.offering_url = self.base + reverse(
            "socialekaart:offering_detail", kwargs={"slug": SLUG}
        )
        self.organisation_url = self.base + reverse(
            "socialekaart:organisation_detail", kwargs={"slug": SLUG}
        )
        self.weekdays = {value: str(label) for value, label in OpeningHours.Weekday.choices}
        self.flanders, self.brussels = gettext("All of Flanders"), gettext("Brussels")
        self.now = local_now()

    # --- taxonomies --------------------------------------------------------------------

    def taxonomy(self, vocabulary: Vocabulary) -> dict:
        return {
            "id": vocabulary.id,
            "name": vocabulary.name,
            "description": vocabulary.description,
            "uri": self.map_url,
            "x_code": vocabulary.code,
        }

    def term_of(self, vocabulary_code: str, slug: str, name: str) -> dict:
        vocabulary = VOCABULARIES[vocabulary_code]
        if vocabulary.map_parameter:
            uri = f"{self.map_url}?{urlencode({vocabulary.map_parameter: slug})}"
        else:  # no filter of the map's list: its list
            uri = self.map_url
        return {
            "id": term_id(vocabulary.code, slug),
            "code": slug,
            "name": name,
            "description": name,
            "taxonomy": vocabulary.code,
            "taxonomy_id": vocabulary.id,
            "language": "nl",
            "term_uri": uri,
        }

    def attributes(self, link_id: str, link_entity: str, vocabulary_code: str, terms) -> list:
        """HSDS attributes: links from a record to the taxonomy terms (slug, name) of one
        vocabulary that describe it."""
        rows = []
        for slug, name in terms:
            described = self.term_of(vocabulary_code, slug, name)
            rows.append(
                {
                    "id": derived_id(link_id, "attribute", described["id"]),
                    "link_id": link_id,
                    "link_type": vocabulary_code,
                    "link_entity": link_entity,
                    "taxonomy_term_id": described["id"],
                    "taxonomy_term": described,
                }
            )
        return rows

    def quality_attributes(self, link_id: str, answers) -> list:
        """The published answers to the quality norms (``selectors.
        quality_attributes_for_offerings``) as attributes whose ``value`` is the answer."""
        if not answers:
            return []
        names = dict(quality_terms())
        statuses = dict(QualityAnswer.Status.choices)
        rows = []
        for answer in answers:
            code = answer["taxonomy_term_id"].rsplit(":", 1)[-1]
            described = self.term_of(QUALITY, code, names.get(code, code))
            row = {
                "id": derived_id(link_id, "attribute", described["id"]),
                "link_id": link_id,
                "link_type": QUALITY,
                "link_entity": "service",
                "taxonomy_term_id": described["id"],
                "taxonomy_term": described,
                "value": answer["value"],
                "label": str(statuses.get(answer["value"], answer["value"])),
            }
            if answer["label"]:
                row["x_link"] = answer["label"]
            rows.append(row)
        return rows

    # --- organisations -----------------------------------------------------------------

    def organization(self, o: dict, *, full: bool) -> dict:
        """An organisation row (``api_organisation_rows``; ``full`` needs its areas)."""
        org_id = str(o["uuid"])
        data = {"id": org_id, "name": o["name"], "description": o["description"]}
        optional(data, "email", o["email"])
        optional(data, "website", o["website"])
        data["uri"] = self.organisation_url.replace(SLUG, o["slug"])
        if o["umbrella_organisation__uuid"]:
            data["parent_organization_id"] = str(o["umbrella_organisation__uuid"])
        if not full:
            return data
        data["phones"] = (
            [{"id": derived_id(org_id, "phone"), "organization_id": org_id, "number": o["phone"]}]
            if o["phone"]
            else []
        )
        data["organization_identifiers"] = (
            [
                {
                    "id": derived_id(org_id, "identifier", "BE-BCE_KBO"),
                    "organization_id": org_id,
                    "identifier_scheme": "BE-BCE_KBO",
                    "identifier_type": "ondernemingsnummer",
                    "identifier": o["enterprise_number"],
                }
            ]
            if o["enterprise_number"]
            else []
        )
        data["attributes"] = self.attributes(org_id, "organization", "sector", o["sectors"])
        data["x_address"] = (
            {
                "address_1": o["street"],
                "postal_code": o["postcode"],
                "city": o["city"],
                "country": "BE",
            }
            if (o["street"] or o["city"])
            else None
        )
        data["x_service_areas"] = self.areas(o, owner_id=org_id)
        return data

    def areas(self, o: dict, *, owner_id: str, service_id=None) -> list[dict]:
        """The areas an organisation serves (as its page lists them); a service's areas are
        its organisation's."""
        found = []
        if o["serves_all_flanders"]:
            found.append(("flanders", self.flanders, None, []))
        if o["serves_brussels"]:
            found.append(("brussels", self.brussels, None, []))
        found += [("province", name, slug, []) for slug, name in o["provinces"]]
        found += [("municipality", name, nis, codes) for nis, name, codes in o["municipalities"]]
        rows = []
        for kind, name, code, postcodes in found:
            row = {"id": derived_id(owner_id, "service_area", kind, code or "")}
            if service_id:
                row["service_id"] = service_id
            row |= {
                "name": name,
                "extent_type": "x_" + kind,
                "x_kind": kind,
                "x_code": code,
                "x_postal_codes": postcodes,
            }
            rows.append(row)
        return rows

    # --- services ----------------------------------------------------------------------

    def service(self, s: dict, *, full: bool) -> dict:
        """A published offering (a row of ``api_service_rows``) as an HSDS service: the
        list's fields, or (``full``) with everything nested."""
        service_id = str(s["uuid"])
        organisation = s["organisation"]
        data = {
            "id": service_id,
            "organization_id": str(organisation["uuid"]),
            "name": s["name"],
            "status": HSDS_STATUS[s["status"]],
            "last_modified": s["updated_at"].isoformat(),
        }
        optional(data, "description", s["description"])
        optional(data, "url", s["access_url"])
        optional(data, "email", s["email"])
        optional(data, "eligibility_description", s["target_group_note"])
        if s["last_reviewed_at"]:
            data["assured_date"] = local_now(s["last_reviewed_at"]).date().isoformat()
        data["organization"] = self.organization(organisation, full=False)
        rules, exceptions = s["hours"], s["exceptions"]
        always = s["always_available"]
        state = open_state(always_available=always, rules=rules, exceptions=exceptions, at=self.now)
        data |= {
            "x_status": s["status"],
            "x_anonymity": s["anonymity"],
            "x_cost": s["cost"],
            "x_staffed_by": s["staffed_by"],
            "x_languages": s["languages"],
            "x_always_available": always,
            "x_open_now": None if state.status == OpenState.UNKNOWN else state.is_open,
            # A person answers now: a staffed window (chat, phone, video) is open.
            "x_staffed_now": None if state.status == OpenState.UNKNOWN else state.is_staffed,
            "x_next_opening": next_opening(always, rules, exceptions, self.now, state),
            "x_sectors": [slug for slug, _name in organisation["sectors"]],
            "x_detail_url": self.offering_url.replace(SLUG, s["slug"]),
        }
        if state.is_staffed and state.closes_at is not None:
            data["x_staffed_until"] = state.closes_at.strftime("%H:%M")
        if not full:
            return data
        data["phones"] = (
            [
                {
                    "id": derived_id(service_id, "phone"),
                    "service_id": service_id,
                    "number": s["phone"],
                }
            ]
            if s["phone"]
            else []
        )
        attending = s["hours_modality__name"]
        data["schedules"] = [self.schedule(service_id, rule, attending) for rule in rules]
        data["service_areas"] = self.areas(organisation, owner_id=service_id, service_id=service_id)
        data["service_at_locations"] = (
            [self.service_at_location(s, with_service=False)] if s["access_url"] else []
        )
        data["attributes"] = (
            self.attributes(service_id, "service", "modality", s["modalities"])
            + self.attributes(service_id, "service", "target_group", s["target_groups"])
            + self.attributes(service_id, "service", "theme", s["themes"])
            + self.quality_attributes(service_id, s.get("quality", []))
        )
        today = self.now.date()
        data["x_opening_exceptions"] = [
            {
                "date": e.date.isoformat(),
                "closed": e.closed,
                "opens_at": e.opens.strftime("%H:%M") if e.opens else None,
                "closes_at": e.closes.strftime("%H:%M") if e.closes else None,
                "note": e.note,
            }
            for e in exceptions
            if e.date >= today
        ]
        data["x_hours_note"] = s["hours_note"]
        return data

    def schedule(self, service_id: str, rule, attending: str | None) -> dict:
        opens, closes = rule.opens.strftime("%H:%M"), rule.closes.strftime("%H:%M")
        row = {
            "id": derived_id(service_id, "schedule", rule.pk),
            "service_id": service_id,
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": BYDAY[rule.weekday],
            "opens_at": opens,
            "closes_at": closes,
            "description": f"{self.weekdays[rule.weekday]} {opens}-{closes}",
            "x_timezone": "Europe/Brussels",
        }
        optional(row, "attending_type", attending)
        return row

    def service_at_location(self, s: dict, *, with_service: bool = True) -> dict:
        """An online offering at its virtual location: where the help is reached."""
        service_id = str(s["uuid"])
        organization_id = str(s["organisation"]["uuid"])
        location_id = derived_id(service_id, "location", "virtual")
        row = {
            "id": service_at_location_id(service_id),
            "service_id": service_id,
            "location_id": location_id,
            "location": {
                "id": location_id,
                "location_type": "virtual",
                "url": s["access_url"],
                "name": s["name"],
                "organization_id": organization_id,
            },
        }
        if with_service:
            row["service"] = {
                "id": service_id,
                "name": s["name"],
                "status": HSDS_STATUS[s["status"]],
                "organization_id": organization_id,
                "last_modified": s["updated_at"].isoformat(),
            }
        return row


def optional(data: dict, key: str, value) -> None:
    if value:
        data[key] = value


def next_opening(always_available: bool, rules, exceptions, now: datetime, state) -> str | None:
    """When the offering next opens, within a week; None while open, always open or unknown."""
    if state.status in (OpenState.OPEN, OpenState.UNKNOWN) or always_available:
        return None
    for offset in range(8):
        day = now.date() + timedelta(days=offset)
        starts = sorted(
            opens
            for opens, _closes in day_windows(day=day, rules=rules, exceptions=exceptions)
            if offset or opens > now.time()
        )
        if starts:
            return now.replace(
                year=day.year,
                month=day.month,
                day=day.day,
                hour=starts[0].hour,
                minute=starts[0].minute,
                second=0,
                microsecond=0,
            ).isoformat()
    return None


def removed_service(uuid, name: str, when: datetime, reason: str) -> dict:
    """A tombstone: a service that left the map (``unpublished``) or was deleted."""
    return {
        "id": str(uuid),
        "name": name,
        "status": "defunct",
        "last_modified": when.isoformat(),
        "x_removed": reason,
    }


def minimal_service(uuid, name: str, status: str, when: datetime) -> dict:
    """``minimal=true``: what a consumer needs to know whether to fetch a service again."""
    return {
        "id": str(uuid),
        "name": name,
        "status": HSDS_STATUS[status],
        "last_modified": when.isoformat(),
    }
