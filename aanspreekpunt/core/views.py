from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from .health import health_report
from .pagecache import public_page


@never_cache
@require_GET
def health_view(request):
    healthy, report = health_report()
    return JsonResponse(report, status=200 if healthy else 503)


@require_GET
@cache_control(max_age=86400, public=True)
def robots_view(request):
    sitemap = settings.SITE_URL.rstrip("/") + reverse("sitemap")
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /accounts/", f"Sitemap: {sitemap}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@csrf_exempt
@never_cache
def login_elsewhere_view(request):
    """Wagtail's own login routes: there is one way in, allauth's login page.

    It limits failed attempts, insists on a verified e-mail address and asks staff for their
    second factor; a login here would skip all three. Nothing posted here is read; the
    visitor keeps where they were going (``next``) when it is a local address.
    """
    target = reverse("account_login")
    next_url = request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = f"{target}?{urlencode({'next': next_url})}"
    return redirect(target)


@public_page()
def placeholder_view(request, *, title, intro, template="core/placeholder.html"):
    """A page of a part of the platform that is still being built, in the site's layout."""
    return render(request, template, {"title": title, "intro": intro})


def page_not_found_view(request, exception=None):
    return render(request, "404.html", status=404)


def server_error_view(request):
    return render(request, "500.html", status=500)
