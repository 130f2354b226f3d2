"""The read-only JSON API under /api/v1/, with its OpenAPI docs at /api/v1/docs."""

from django.conf import settings
from ninja import NinjaAPI, Schema

from aanspreekpunt.core.pagecache import MINUTE, public_route
from socialekaart.api import router as socialekaart_router

api = NinjaAPI(
    title="Aanspreekpunt Onlinehulp API",
    version="1",
    description="Read-only access to the published data of the platform.",
    urls_namespace="api",
    docs_url="/docs",
)


class ApiIndex(Schema):
    name: str
    version: str
    docs: str


@api.get("/", response=ApiIndex, summary="About this API")
def api_index(request):
    return {"name": str(settings.WAGTAIL_SITE_NAME), "version": "1", "docs": "/api/v1/docs"}


api.add_router("/", socialekaart_router)

# Every answer is public data of the map; "open now" is part of it, so by the minute.
public_route("api", "map", "reference", clock=MINUTE)
