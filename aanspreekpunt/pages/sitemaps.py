"""/sitemap.xml: every public page, offering, organisation, session and action the apps
register (contributions.sitemap_sections), on the public site address (SITE_URL)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap

from aanspreekpunt.core import contributions


class SectionSitemap(Sitemap):
    def __init__(self, contribution):
        self.contribution = contribution

    def items(self):
        return list(self.contribution.run())

    def location(self, item):
        return item[0]

    def lastmod(self, item):
        return item[1]

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


def sitemaps() -> dict:
    return {c.name: SectionSitemap(c) for c in contributions.sitemap_sections}


def sitemap_versions() -> tuple[str, ...]:
    return tuple(v for c in contributions.sitemap_sections for v in c.versions)


def sitemap_view(request):
    return sitemap(request, sitemaps=sitemaps())
