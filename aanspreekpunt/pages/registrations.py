"""The knowledge site's own pages in the platform-wide registries (core.contributions): the
site search, "Mijn kennisplein" and the sitemap. Registered in ``PagesConfig.ready()``."""

from django.utils.translation import gettext_lazy as _

from aanspreekpunt.core import contributions

from . import selectors


def page_url(page) -> str:
    return page.get_url() or ""


def page_source(model):
    def source() -> contributions.SearchSource:
        return contributions.SearchSource(
            queryset=selectors.live_public(model),
            title="title",
            body=("search_text",),
            date="date" if hasattr(model, "date") else "last_published_at",
            topics="topics",
            vector="search_vector",
            url=page_url,
        )

    return source


def load_pages(ids, user) -> dict:
    """Live, public pages by id (as strings); other ids are left out."""
    from wagtail.models import Page

    numbers = [int(i) for i in ids if str(i).isdigit() and len(str(i)) < 12]
    pages = Page.objects.live().public().filter(pk__in=numbers).specific()
    return {
        str(page.pk): contributions.Item(
            title=page.title,
            url=page_url(page),
            meta=str(page.specific_class._meta.verbose_name) if page.specific_class else "",
        )
        for page in pages
    }


def pages_kind() -> contributions.BookmarkKind:
    return contributions.BookmarkKind(label=str(_("Pages")), load=load_pages)


def sitemap_pages():
    from wagtail.models import Page, Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return []
    pages = Page.objects.live().public().descendant_of(site.root_page, inclusive=True)
    return [
        (page.get_url(), page.last_published_at)
        for page in pages.only("url_path", "path", "depth", "last_published_at").order_by("path")
    ]


def register(app: str) -> None:
    from . import models as m

    kinds = [
        (m.ThemePage, "themas", _("Themes")),
        (m.ArticlePage, "artikels", _("Articles")),
        (m.NewsPage, "nieuws", _("News")),
        (m.PracticePage, "praktijken", _("Inspiring practices")),
        (m.PublicationPage, "publicaties", _("Publications")),
        (m.FAQPage, "vragen", _("Frequently asked questions")),
        (m.StandardPage, "paginas", _("Other pages")),
    ]
    for order, (model, name, title) in enumerate(kinds, start=10):
        contributions.search_sources.register(
            app=app,
            name=name,
            order=order,
            title=title,
            run=page_source(model),
            versions=("pages",),
        )
    contributions.bookmark_kinds.register(
        app=app, name="pagina", order=10, title=_("Pages"), run=pages_kind, versions=("pages",)
    )
    contributions.sitemap_sections.register(
        app=app, name="paginas", order=10, run=sitemap_pages, versions=("pages",)
    )
