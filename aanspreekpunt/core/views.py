from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from .health import health_report


@never_cache
@require_GET
def health_view(request):
    healthy, report = health_report()
    return JsonResponse(report, status=200 if healthy else 503)


@require_GET
@cache_control(max_age=86400, public=True)
def robots_view(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /accounts/", f"Sitemap: {sitemap}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def placeholder_view(request, *, title, intro, template="core/placeholder.html"):
    """A page of a part of the platform that is still being built, in the site's layout."""
    return render(request, template, {"title": title, "intro": intro})


def page_not_found_view(request, exception=None):
    return render(request, "404.html", status=404)


def server_error_view(request):
    return render(request, "500.html", status=500)
