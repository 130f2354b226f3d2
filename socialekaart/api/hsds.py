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
from urllib.parse import urlencode
from uuid import UUID, uuid5

from django.urls import reverse

from ..models import Modality, Offering, Organisation, Sector, TargetGroup, Theme
from ..opening import OpenState, day_windows, local_now, open_state

# The namespace of every UUID the API derives (never change it: ids would change).
NAMESPACE = UUID("6f1d2c1e-5a57-4c43-9a51-2b8f3a0e7d11")

HSDS_VERSION = "3.0"

# Our status as an HSDS service status: a pilot is being delivered, so it is active.
HSDS_STATUS = {
    Offering.Status.REALISED: "active",
    Offering.Status.PILOT: "active",
    Offering.Status.PLANNED: "inactive",
    Offering.Status.STOPPED: "defunct",
}

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


def derived_id(*parts) -> str:
    return str(uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


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
    )
}
VOCABULARY_OF_MODEL = {v.model: v for v in VOCABULARIES.values()}


def term_id(vocabulary_code: str, slug: str) -> str:
    return derived_id("taxonomy_term", vocabulary_code, slug)


class Builder:
    """Builds the dicts of one response; knows the site's address for absolute URLs."""

    def __init__(self, request):
        self.base = request.build_absolute_uri("/")[:-1]
        self.map_url = self.base + reverse("socialekaart:offering_list")
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

    def term(self, term) -> dict:
        """A term row (Sector, Modality, TargetGroup or Theme) as an HSDS taxonomy term."""
        return self.term_of(VOCABULARY_OF_MODEL[type(term)].code, term.slug, term.name)

    def term_of(self, vocabulary_code: str, slug: str, name: str) -> dict:
        vocabulary = VOCABULARIES[vocabulary_code]
        query = urlencode({vocabulary.map_parameter: slug})
        return {
            "id": term_id(vocabulary.code, slug),
            "code": slug,
            "name": name,
            "description": name,
            "taxonomy": vocabulary.code,
            "taxonomy_id": vocabulary.id,
            "language": "nl",
            "term_uri": f"{self.map_url}?{query}",
        }

    def attributes(self, link_id: str, link_entity: str, terms) -> list[dict]:
        """HSDS attributes: links from a record to the taxonomy terms that describe it."""
        rows = []
        for term in terms:
            described = self.term(term)
            rows.append(
                {
                    "id": derived_id(link_id, "attribute", described["id"]),
                    "link_id": link_id,
                    "link_type": described["taxonomy"],
                    "link_entity": link_entity,
                    "taxonomy_term_id": described["id"],
                    "taxonomy_term": described,
                }
            )
        return rows

    # --- organisations -----------------------------------------------------------------

    def organization(self, o: Organisation, *, full: bool) -> dict:
        org_id = str(o.uuid)
        data = {"id": org_id, "name": o.name, "description": o.description}
        optional(data, "email", o.email)
        optional(data, "website", o.website)
        data["uri"] = self.base + o.get_absolute_url()
        if o.umbrella_organisation_id:
            data["parent_organization_id"] = str(o.umbrella_organisation.uuid)
        if not full:
            return data
        data["phones"] = (
            [{"id": derived_id(org_id, "phone"), "organization_id": org_id, "number": o.phone}]
            if o.phone
            else []
        )
        data["organization_identifiers"] = (
            [
                {
                    "id": derived_id(org_id, "identifier", "BE-BCE_KBO"),
                    "organization_id": org_id,
                    "identifier_scheme": "BE-BCE_KBO",
                    "identifier_type": "ondernemingsnummer",
                    "identifier": o.enterprise_number,
                }
            ]
            if o.enterprise_number
            else []
        )
        data["attributes"] = self.attributes(org_id, "organization", o.sectors.all())
        data["x_address"] = (
            {"address_1": o.street, "postal_code": o.postcode, "city": o.city, "country": "BE"}
            if (o.street or o.city)
            else None
        )
        data["x_service_areas"] = self.areas(o, owner_id=org_id)
        return data

    def areas(self, organisation: Organisation, *, owner_id: str, service_id=None) -> list[dict]:
        """The areas an organisation serves, from its prefetched provinces and municipalities;
        the areas of a service are its organisation's."""
        postcodes = {
            m.nis_code: sorted(p.code for p in m.postal_codes.all())
            for m in organisation.municipalities.all()
        }
        rows = []
        for kind, name, code in organisation.service_areas():
            row = {"id": derived_id(owner_id, "service_area", kind, code or "")}
            if service_id:
                row["service_id"] = service_id
            row |= {
                "name": name,
                "extent_type": "x_" + kind,
                "x_kind": kind,
                "x_code": code,
                "x_postal_codes": postcodes.get(code, []) if kind == "municipality" else [],
            }
            rows.append(row)
        return rows

    # --- services ----------------------------------------------------------------------

    def service(self, s: Offering, *, full: bool) -> dict:
        """A published offering as an HSDS service: the list's fields, or (``full``) with
        everything nested. Needs ``selectors.api_services(full=...)``'s prefetches."""
        service_id = str(s.uuid)
        data = {
            "id": service_id,
            "organization_id": str(s.organisation.uuid),
            "name": s.name,
            "status": HSDS_STATUS[s.status],
            "last_modified": s.updated_at.isoformat(),
        }
        optional(data, "description", s.description)
        optional(data, "url", s.access_url)
        optional(data, "email", s.email)
        optional(data, "eligibility_description", s.target_group_note)
        if s.last_reviewed_at:
            data["assured_date"] = local_now(s.last_reviewed_at).date().isoformat()
        data["organization"] = self.organization(s.organisation, full=False)
        rules = list(s.opening_hours.all())
        exceptions = list(s.opening_exceptions.all())
        state = open_state(
            always_available=s.always_available, rules=rules, exceptions=exceptions, at=self.now
        )
        data |= {
            "x_status": s.status,
            "x_anonymity": s.anonymity,
            "x_cost": s.cost,
            "x_staffed_by": s.staffed_by,
            "x_languages": s.languages,
            "x_always_available": s.always_available,
            "x_open_now": None if state.status == OpenState.UNKNOWN else state.is_open,
            "x_next_opening": next_opening(s, rules, exceptions, self.now, state),
            "x_sectors": [sector.slug for sector in s.organisation.sectors.all()],
            "x_detail_url": self.base + s.get_absolute_url(),
        }
        if not full:
            return data
        data["phones"] = (
            [{"id": derived_id(service_id, "phone"), "service_id": service_id, "number": s.phone}]
            if s.phone
            else []
        )
        attending = s.hours_modality.name if s.hours_modality_id else None
        data["schedules"] = [self.schedule(s, rule, attending) for rule in rules]
        data["service_areas"] = self.areas(
            s.organisation, owner_id=service_id, service_id=service_id
        )
        data["service_at_locations"] = (
            [self.service_at_location(s, with_service=False)] if s.access_url else []
        )
        data["attributes"] = (
            self.attributes(service_id, "service", s.modalities.all())
            + self.attributes(service_id, "service", s.target_groups.all())
            + self.attributes(service_id, "service", s.themes.all())
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
        data["x_hours_note"] = s.hours_note
        return data

    def schedule(self, s: Offering, rule, attending: str | None) -> dict:
        service_id = str(s.uuid)
        row = {
            "id": derived_id(service_id, "schedule", rule.pk),
            "service_id": service_id,
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": BYDAY[rule.weekday],
            "opens_at": rule.opens.strftime("%H:%M"),
            "closes_at": rule.closes.strftime("%H:%M"),
            "description": str(rule),
            "x_timezone": "Europe/Brussels",
        }
        optional(row, "attending_type", attending)
        return row

    def service_at_location(self, s: Offering, *, with_service: bool = True) -> dict:
        """An online offering at its virtual location: where the help is reached."""
        service_id = str(s.uuid)
        location_id = derived_id(service_id, "location", "virtual")
        row = {
            "id": derived_id(service_id, "service_at_location", "virtual"),
            "service_id": service_id,
            "location_id": location_id,
            "location": {
                "id": location_id,
                "location_type": "virtual",
                "url": s.access_url,
                "name": s.name,
                "organization_id": str(s.organisation.uuid),
            },
        }
        if with_service:
            row["service"] = {
                "id": service_id,
                "name": s.name,
                "status": HSDS_STATUS[s.status],
                "organization_id": str(s.organisation.uuid),
                "last_modified": s.updated_at.isoformat(),
            }
        return row


def optional(data: dict, key: str, value) -> None:
    if value:
        data[key] = value


def next_opening(s: Offering, rules, exceptions, now: datetime, state) -> str | None:
    """When the offering next opens, within a week; None while open, always open or unknown."""
    if state.status in (OpenState.OPEN, OpenState.UNKNOWN) or s.always_available:
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
