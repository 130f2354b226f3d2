"""What the API's lists take as query parameters, checked before any query runs."""

from ninja import Field, Schema
from pydantic import field_validator

from .schemas import MAX_ID, AnonymityCode, StatusCode

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
