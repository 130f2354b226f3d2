"""Site search: one query across the platform's content."""

from django.db.models import QuerySet
from wagtail.models import Page

QUERY_MAX_LENGTH = 200


def site_search(*, query: str) -> QuerySet | list:
    """Live, public pages matching ``query``, best match first; nothing for an empty query."""
    query = query.strip()[:QUERY_MAX_LENGTH]
    if not query:
        return []
    return Page.objects.live().public().specific().search(query)
