"""The read-only JSON API under /api/v1/: Open Referral's HSDS 3.0, docs at /api/v1/docs."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase

from aanspreekpunt.core.pagecache import MINUTE, public_route
from aanspreekpunt.pages.selectors import footer_links
from socialekaart.api import query as q
from socialekaart.api import router as socialekaart_router

# The paths the docs page lists, with what they give and the parameters they take.
PATHS = [
    ("/api/v1/", _("The version (3.0), this profile and the OpenAPI document."), q.NONE),
    ("/api/v1/services", _("The published offerings of online help."), q.SERVICES),
    ("/api/v1/services/ID", _("One offering, fully nested."), q.NONE),
    ("/api/v1/organizations", _("The organisations."), q.ORGANIZATIONS),
    ("/api/v1/organizations/ID", _("One organisation, with its offerings."), q.ORGANIZATION),
    (
        "/api/v1/service_at_locations",
        _("The offerings reached online, at their web address (a virtual location)."),
        q.SERVICE_AT_LOCATIONS,
    ),
    (
        "/api/v1/service_at_locations/ID",
        _("One offering at its web address, with the offering fully nested."),
        q.NONE,
    ),
    (
        "/api/v1/taxonomies",
        _("The vocabularies: sectors, modalities, target groups, themes."),
        q.TAXONOMIES,
    ),
    ("/api/v1/taxonomies/ID", _("One vocabulary."), q.NONE),
    ("/api/v1/taxonomy_terms", _("The terms of the vocabularies."), q.TAXONOMY_TERMS),
    ("/api/v1/taxonomy_terms/ID", _("One term."), q.NONE),
]


class DutchDocs(DocsBase):
    """The API's documentation in Dutch, inside the site's layout (no script needed)."""

    def render_page(self, request, api, **kwargs):
        contact = next((link for link in footer_links() if link["slug"] == "contact"), None)
        context = {
            "openapi_url": self.get_openapi_url(api, kwargs),
            "paths": [
                {"url": url, "what": what, "params": [p.name for p in params]}
                for url, what, params in PATHS
            ],
            "rate_limit": settings.API_RATE_LIMIT_PER_MINUTE,
            "licence_name": settings.API_DATA_LICENCE,
            "licence_url": settings.API_DATA_LICENCE_URL,
            "contact_url": contact["url"] if contact else "",
        }
        return render(request, "api/docs.html", context)


def data_licence() -> dict:
    """The data's licence in the OpenAPI document's info, once one is set."""
    if not settings.API_DATA_LICENCE:
        return {}
    licence = {"name": settings.API_DATA_LICENCE}
    if settings.API_DATA_LICENCE_URL:
        licence["url"] = settings.API_DATA_LICENCE_URL
    return {"info": {"license": licence}}


api = NinjaAPI(
    title="Aanspreekpunt Onlinehulp API",
    version="1",
    description=(
        "Het onlinehulpaanbod van de sociale kaart als open data, volgens de Human Services "
        "Data Specification (HSDS) 3.0 van Open Referral. Alleen lezen; geen sleutel nodig. "
        "Uitleg: /api/v1/docs."
    ),
    urls_namespace="api",
    docs_url="/docs",
    docs=DutchDocs(),
    openapi_extra=data_licence(),
)

api.add_router("/", socialekaart_router)

# Every answer is public data of the map; "open now" is part of it, so by the minute.
public_route("api", "map", "reference", clock=MINUTE)
