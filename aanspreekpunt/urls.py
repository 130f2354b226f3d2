from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from aanspreekpunt.accounts import views as accounts_views
from aanspreekpunt.api import api
from aanspreekpunt.core import views as core_views
from aanspreekpunt.pages import sitemaps as pages_sitemaps
from aanspreekpunt.pages import views as pages_views

urlpatterns = [
    path("health/", core_views.health_view, name="health"),
    path("robots.txt", core_views.robots_view, name="robots"),
    path("sitemap.xml", pages_sitemaps.sitemap_view, name="sitemap"),
    path("sitemap/", pages_views.sitemap_view, name="sitemap_page"),
    # Before Wagtail's: its login views would skip allauth's limits, e-mail verification and
    # two-factor step (core.views.login_elsewhere_view).
    path("admin/login/", core_views.login_elsewhere_view, name="admin_login_elsewhere"),
    path("_util/login/", core_views.login_elsewhere_view, name="util_login_elsewhere"),
    path("admin/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("accounts/signup/", accounts_views.signup_view, name="account_signup"),
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("aanspreekpunt.accounts.urls")),
    path("privacy/", accounts_views.privacy_view, name="privacy"),
    path("api/v1/", api.urls),
    path("sociale-kaart/", include("socialekaart.urls")),
    path("vorming/", include("vorming.urls")),
    path("beleidsacties/", include("beleidsacties.urls")),
    path("forum/", include("aanspreekpunt.forum.urls")),
    path("zoeken/", include("aanspreekpunt.search.urls")),
    path("mijn-kennisplein/", include("aanspreekpunt.bookmarks.urls")),
    path("vraag/", include("aanspreekpunt.desk.urls")),
    path("stappenplan/", include("aanspreekpunt.stepplan.urls")),
    path("", include("aanspreekpunt.pages.urls")),  # the news feed, before the page tree
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every other path from the page tree, so it comes last.
urlpatterns.append(path("", include(wagtail_urls)))

handler404 = "aanspreekpunt.core.views.page_not_found_view"
handler500 = "aanspreekpunt.core.views.server_error_view"
