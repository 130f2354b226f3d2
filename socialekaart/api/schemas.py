"""The answers as the OpenAPI document describes them (the views build plain dicts).

These follow the HSDS 3.0 schemas (openreferral/specification, ``schema/compiled``) for the
fields the map fills; HSDS fields the map has no data for are left out of the answers, as
HSDS allows. Our own fields start with ``x_``.
"""

from ninja import Field, Schema
from pydantic import ConfigDict


class Open(Schema):
    model_config = ConfigDict(extra="allow")


class ApiRoot(Open):
    version: str = Field(description="The HSDS version: 3.0.")
    profile: str = Field(description="Where this API's profile of HSDS is described.")
    openapi_url: str


class TaxonomyTerm(Open):
    id: str
    code: str = Field(description="The term's stable key, as the map's filters take it.")
    name: str
    description: str
    taxonomy: str = Field(description="sector, modality, target_group or theme.")
    taxonomy_id: str
    language: str
    term_uri: str = Field(description="The map, filtered on this term.")


class Taxonomy(Open):
    id: str
    name: str
    description: str
    uri: str
    x_code: str


class Attribute(Open):
    id: str
    link_id: str
    link_type: str
    link_entity: str
    taxonomy_term_id: str
    taxonomy_term: TaxonomyTerm
    value: str | None = Field(
        None,
        description="For a quality norm: the answer (met, partly, not_yet or not_applicable).",
    )
    label: str | None = Field(None, description="For a quality norm: the answer in Dutch.")


class Phone(Open):
    id: str
    number: str


class Schedule(Open):
    id: str
    service_id: str
    freq: str = "WEEKLY"
    byday: str = Field(description="RFC 5545 day code: MO, TU, WE, TH, FR, SA or SU.")
    opens_at: str = Field(description="HH:MM, Brussels time.")
    closes_at: str = Field(description="HH:MM; before opens_at when the hours run past midnight.")
    attending_type: str | None = Field(None, description="The modality these hours are for.")


class ServiceArea(Open):
    id: str
    service_id: str | None = None
    name: str
    x_kind: str = Field(description="flanders, brussels, province or municipality.")
    x_code: str | None = Field(description="Province key, or the municipality's REFNIS code.")
    x_postal_codes: list[str]


class Location(Open):
    id: str
    location_type: str = Field(description="virtual: where the help is reached online.")
    url: str


class ServiceAtLocation(Open):
    id: str
    service_id: str
    location_id: str
    location: Location


class OrganizationSummary(Open):
    id: str
    name: str
    description: str
    email: str | None = None
    website: str | None = None
    uri: str = Field(description="The organisation's page on the map.")
    parent_organization_id: str | None = Field(None, description="The umbrella organisation.")


class Service(Open):
    id: str
    organization_id: str
    name: str
    status: str = Field(description="active (realised, pilot), inactive (planned), defunct.")
    last_modified: str = Field(
        description="Changes with everything the service shows, its organisation included."
    )
    description: str | None = None
    url: str | None = Field(None, description="Where the help is reached.")
    email: str | None = None
    eligibility_description: str | None = None
    assured_date: str | None = Field(None, description="When the organisation last confirmed it.")
    organization: OrganizationSummary
    phones: list[Phone] | None = Field(None, description="With full=true and in a detail.")
    schedules: list[Schedule] | None = None
    service_areas: list[ServiceArea] | None = Field(
        None, description="The organisation's areas: an offering has none of its own."
    )
    service_at_locations: list[ServiceAtLocation] | None = None
    attributes: list[Attribute] | None = Field(
        None, description="Modalities, target groups, themes and the answers to the quality norms."
    )
    x_status: str = Field(description="realised, planned, pilot, closed (for a while) or stopped.")
    x_anonymity: str = Field(description="anonymous, identified, both or unknown.")
    x_cost: str = Field(description="free, paid or unknown.")
    x_staffed_by: str = Field(description="volunteers, professionals, peers, automated or unknown.")
    x_languages: str
    x_always_available: bool
    x_open_now: bool | None = Field(
        description="Open at the time of the request (Belgian public holidays are closed "
        "unless an exception opens them); null when no hours are known."
    )
    x_staffed_now: bool | None = Field(
        description="A person answers now: a staffed window (chat, phone, video) is open; "
        "false for a website that is only always available; null when no hours are known."
    )
    x_staffed_until: str | None = Field(
        None, description="HH:MM, Brussels time: when the open staffed window closes."
    )
    x_next_opening: str | None = Field(
        description="When it opens next, within a week; null while open or unknown."
    )
    x_sectors: list[str] = Field(description="The Belgian sectors of the organisation.")
    x_detail_url: str
    x_removed: str | None = Field(
        None,
        description="Only in the sync feed (modified_after): unpublished or deleted. "
        "Delete the service from your copy.",
    )


class Organization(OrganizationSummary):
    phones: list[Phone] | None = None
    organization_identifiers: list[Open] | None = Field(
        None, description="The enterprise number (KBO), scheme BE-BCE_KBO."
    )
    attributes: list[Attribute] | None = Field(None, description="The organisation's sectors.")
    services: list[Service] | None = None


class Page(Open):
    total_items: int
    total_pages: int
    page_number: int
    size: int = Field(description="How many are on this page.")
    first_page: bool
    last_page: bool
    empty: bool


class ServiceAtLocationDetail(ServiceAtLocation):
    service: Service = Field(description="The service, fully nested.")
    name: str = Field(
        description="The service's name, repeated: the HSDS 3.0 OpenAPI names the service "
        "schema for this path."
    )
    status: str = Field(description="The service's status, repeated for the same reason.")


class ServicePage(Page):
    contents: list[Service]


class ServiceAtLocationPage(Page):
    contents: list[ServiceAtLocation]


class OrganizationPage(Page):
    contents: list[Organization]


class TaxonomyPage(Page):
    contents: list[Taxonomy]


class TaxonomyTermPage(Page):
    contents: list[TaxonomyTerm]
