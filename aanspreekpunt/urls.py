from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from aanspreekpunt.accounts import views as account_views
from aanspreekpunt.api import api
from aanspreekpunt.core import views as core_views

urlpatterns = [
    path("health/", core_views.health_view, name="health"),
    path("robots.txt", core_views.robots_view, name="robots"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("admin/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("accounts/signup/", account_views.signup_view, name="account_signup"),
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("aanspreekpunt.accounts.urls")),
    path("api/v1/", api.urls),
    path("sociale-kaart/", include("socialekaart.urls")),
    path("vorming/", include("vorming.urls")),
    path("beleidsacties/", include("beleidsacties.urls")),
    path("forum/", include("aanspreekpunt.forum.urls")),
    path("zoeken/", include("aanspreekpunt.search.urls")),
    path("mijn-kennisplein/", include("aanspreekpunt.bookmarks.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every other path from the page tree, so it comes last.
urlpatterns.append(path("", include(wagtail_urls)))

handler404 = "aanspreekpunt.core.views.page_not_found_view"
handler500 = "aanspreekpunt.core.views.server_error_view"
