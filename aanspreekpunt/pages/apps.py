from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "aanspreekpunt.pages"
    label = "pages"
    verbose_name = _("Knowledge site")

    def ready(self):
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import Page, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from aanspreekpunt.core.pagecache import public_route, watch_models

        from .signals import pages_changed

        # Wagtail's pages are public pages, keyed by the "pages" version: publishing,
        # unpublishing, moving or deleting a page, or changing a site, image or document.
        public_route("wagtail_serve", "pages")
        page_published.connect(pages_changed, dispatch_uid="pagecache:page_published")
        page_unpublished.connect(pages_changed, dispatch_uid="pagecache:page_unpublished")
        post_page_move.connect(pages_changed, dispatch_uid="pagecache:post_page_move")
        watch_models("pages", Page, Site, get_image_model(), get_document_model())
