"""Wagtail's site for a page request, kept by the "pages" version.

Wagtail looks the site up in the database for every page it serves (``Site.find_for_request``):
about 4 ms a request, most of it spent building the query. The site changes only when a
site is edited, which moves the "pages" version (``PagesConfig.ready``), so it is kept by
that version per host and port and handed to Wagtail on the request, where
``find_for_request`` looks first.
"""

from functools import partial

from wagtail import views as wagtail_views
from wagtail.models import Site

from aanspreekpunt.core.pagecache import cached_by_versions


class SiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_views.serve and not hasattr(request, "_wagtail_site"):
            request._wagtail_site = cached_by_versions(
                f"wagtail-site:{request.get_host()}:{request.get_port()}",
                ("pages",),
                partial(Site.find_for_request, request),
            )
        return None
