from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "aanspreekpunt.pages"
    label = "pages"
    verbose_name = _("Knowledge site")

    def ready(self) -> None:
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import Page, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from aanspreekpunt.core import contributions
        from aanspreekpunt.core.pagecache import public_route, public_route_lazy, watch_models
        from aanspreekpunt.topics.models import Topic

        from . import demo, registrations, selectors, signals, sitemaps

        signals.connect()
        contributions.demo_seeders.register(
            app=self.label, name="knowledge-site", order=30, run=demo.seed, title="Demo-pagina's:"
        )
        registrations.register(self.label)
        # Wagtail's pages are public pages, keyed by the "pages" version (publishing,
        # unpublishing, moving or deleting a page, or changing a site, image or document) and
        # by the versions of what the other apps show on them (home blocks, topic sections),
        # known once every app is ready.
        public_route_lazy("wagtail_serve", selectors.knowledge_page_versions)
        public_route("pages:news_feed", "pages")
        public_route_lazy("sitemap", lambda: (sitemaps.sitemap_versions(), None))
        page_published.connect(signals.pages_changed, dispatch_uid="pagecache:page_published")
        page_unpublished.connect(signals.pages_changed, dispatch_uid="pagecache:page_unpublished")
        post_page_move.connect(signals.pages_changed, dispatch_uid="pagecache:post_page_move")
        watch_models("pages", Page, Site, get_image_model(), get_document_model())
        watch_models("topics", Topic)
        # An answered question of the desk becomes a draft FAQ page for an editor to approve.
        from aanspreekpunt.desk import publishing

        from .faq_drafts import make_faq_draft

        publishing.register_faq_draft_maker(make_faq_draft)
