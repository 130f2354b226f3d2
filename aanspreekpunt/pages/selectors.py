"""Reads of the knowledge site's pages for the layout and the human sitemap."""

from dataclasses import dataclass, field

from django.core.cache import cache
from wagtail.models import Page, Site

# The footer's pages, found by slug so editors may retitle them (created by migration
# pages.0003_site_pages). An unpublished (or deleted) one drops out of the footer.
FOOTER_PAGE_SLUGS = ("over-het-aanspreekpunt", "contact", "toegankelijkheid")
FOOTER_CACHE_KEY = "pages:footer-links"
# The cache is cleared when a page is published, unpublished, moved, renamed or deleted
# (pages.signals); the timeout only bounds how stale another process's local cache can be.
FOOTER_CACHE_SECONDS = 600


@dataclass
class PageNode:
    title: str
    url: str
    children: list["PageNode"] = field(default_factory=list)


def footer_links() -> list[dict[str, str]]:
    """The live footer pages as ``{"slug", "title", "url"}``, in FOOTER_PAGE_SLUGS order."""
    links = cache.get(FOOTER_CACHE_KEY)
    if links is None:
        # live() only: public() would cost a query of its own, and these pages are public.
        pages = Page.objects.live().filter(slug__in=FOOTER_PAGE_SLUGS, depth=3)
        found = {page.slug: page for page in pages.only("title", "slug", "url_path", "path")}
        links = [
            {"slug": slug, "title": found[slug].title, "url": found[slug].get_url()}
            for slug in FOOTER_PAGE_SLUGS
            if slug in found
        ]
        cache.set(FOOTER_CACHE_KEY, links, FOOTER_CACHE_SECONDS)
    return links


def footer_links_forget() -> None:
    cache.delete(FOOTER_CACHE_KEY)


def sitemap_pages(*, site: Site | None, request=None) -> list[PageNode]:
    """The live, public pages below ``site``'s home page, as a tree in the editors' order."""
    if site is None:
        return []
    root = site.root_page
    pages = (
        Page.objects.live()
        .public()
        .descendant_of(root)
        .order_by("path")
        .only("title", "path", "depth", "url_path")
    )
    nodes: dict[str, PageNode] = {}
    top: list[PageNode] = []
    for page in pages:
        node = PageNode(title=page.title, url=page.get_url(request=request))
        nodes[page.path] = node
        parent = nodes.get(page.path[: -Page.steplen])
        if parent is not None:
            parent.children.append(node)
        elif page.depth == root.depth + 1:
            top.append(node)
        # a page below an unpublished or private parent is left out, as it is in menus
    return top
