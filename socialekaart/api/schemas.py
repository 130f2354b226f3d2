"""What the API answers: HSDS 3.0 objects built from the service map, and their limits."""

from datetime import date, datetime, time
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from ..models import (
    Modality,
    Offering,
    Organisation,
    Sector,
    TargetGroup,
    Theme,
)
from ..opening import OpenState, local_now
from ..selectors import (
    offering_open_state,
)

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
    # Closed for a while, not for good: HSDS has a status for that.
    Offering.Status.TEMPORARILY_CLOSED: "temporarily closed",
    Offering.Status.STOPPED: "defunct",
}


TAXONOMIES = {"sector": Sector, "modality": Modality, "target_group": TargetGroup, "theme": Theme}


Taxonomy = Literal["sector", "modality", "target_group", "theme"]


AnonymityCode = Literal["anonymous", "identified", "both", "unknown"]


StatusCode = Literal["realised", "planned", "pilot", "closed", "stopped"]


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
            "From x_status: realised and pilot are active, planned is inactive, closed is "
            "temporarily closed, stopped is defunct."
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
