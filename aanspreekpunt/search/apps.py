from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "aanspreekpunt.search"
    label = "sitesearch"
    verbose_name = _("Site search")

    def ready(self) -> None:
        from aanspreekpunt.core import contributions
        from aanspreekpunt.core.pagecache import public_route_lazy

        def versions():
            names = ["topics"]
            for source in contributions.search_sources:
                names += source.versions
            return tuple(names), None

        # Results for anonymous visitors from the page cache, per address (query, kind,
        # topic, page), until any searched data changes.
        public_route_lazy("search:search", versions)
