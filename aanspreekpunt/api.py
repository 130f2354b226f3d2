"""The read-only JSON API under /api/v1/: Open Referral's HSDS 3.0, docs at /api/v1/docs."""

from ninja import NinjaAPI

from aanspreekpunt.core.pagecache import MINUTE, public_route
from socialekaart.api import router as socialekaart_router

api = NinjaAPI(
    title="Aanspreekpunt Onlinehulp API",
    version="1",
    description=(
        "Het onlinehulpaanbod van de sociale kaart als open data, volgens de Human Services "
        "Data Specification (HSDS) 3.0 van Open Referral. Alleen lezen; geen sleutel nodig."
    ),
    urls_namespace="api",
    docs_url="/docs",
)

api.add_router("/", socialekaart_router)

# Every answer is public data of the map; "open now" is part of it, so by the minute.
public_route("api", "map", "reference", clock=MINUTE)
