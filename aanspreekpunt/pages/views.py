from django.shortcuts import render
from wagtail.models import Site

from .selectors import sitemap_pages


def sitemap_view(request):
    """The human sitemap: the platform's sections and the published pages of the site."""
    pages = sitemap_pages(site=Site.find_for_request(request), request=request)
    return render(request, "pages/sitemap.html", {"pages": pages})
