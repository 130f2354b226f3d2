"""Reads of the knowledge site's pages for the layout and the human sitemap."""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Exists, F, OuterRef
from django.db.models.lookups import StartsWith
from wagtail.models import Page, PageViewRestriction, Site

# The footer's pages, found by slug so editors may retitle them (created by migration
# pages.0003_site_pages). An unpublished (or deleted) one drops out of the footer.
FOOTER_PAGE_SLUGS = ("over-het-aanspreekpunt", "contact", "toegankelijkheid")
FOOTER_CACHE_KEY = "pages:footer-links"
# The cache is cleared when a page is published, unpublished, moved, renamed or deleted
# (pages.signals); the timeout only bounds how stale another process's local cache can be.
FOOTER_CACHE_SECONDS = 600


def live_public(model):
    """``model``'s live pages that no view restriction covers (a password, login or group
    restriction on the page or an ancestor): Wagtail's ``live().public()`` as one query.
    ``public()`` reads every restriction first, a query of its own each time it is built;
    here the restriction test is a subquery, so the search's seven page kinds cost nothing
    extra."""
    restricted = PageViewRestriction.objects.filter(StartsWith(OuterRef("path"), F("page__path")))
    return model.objects.live().filter(~Exists(restricted))


def topic_links(topics) -> list[tuple]:
    """``(topic, address)`` for each of ``topics``: its theme page while that is live and
    public, else the search for everything of the topic. One query."""
    from .models import ThemePage

    topics = list(topics)
    if not topics:
        return []
    pages = live_public(ThemePage).filter(topic__in=topics).only("url_path", "path", "topic_id")
    urls = {page.topic_id: page.get_url() for page in pages}
    return [(topic, urls.get(topic.pk) or topic.get_absolute_url()) for topic in topics]


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


# --- The knowledge pages ------------------------------------------------------------------

HOME_NEWS = 3
RELATED_LIMIT = 4
SECTION_LIMIT = 5


def paginate(queryset, number, size: int):
    """One page of ``queryset``; a wrong or too high page number gives the first or last."""
    from django.core.paginator import Paginator

    return Paginator(queryset, size).get_page(number)


def news_latest(*, parent=None):
    """Published, public news items, newest first."""
    from .models import NewsPage

    news = NewsPage.objects.live().public().order_by("-date", "-pk")
    if parent is not None:
        news = news.child_of(parent)
    return news


def practices(*, parent=None):
    from .models import PracticePage

    pages = PracticePage.objects.live().public().select_related("sector").order_by("title")
    if parent is not None:
        pages = pages.child_of(parent)
    return pages


def tagged(model, *, topics, below=None):
    """Live, public pages of ``model`` with one of ``topics`` (or below the page ``below``)."""
    from django.db.models import Q

    condition = Q(topics__in=[topic.pk for topic in topics])
    if below is not None:
        condition |= Q(path__startswith=below.path, depth__gt=below.depth)
    return model.objects.live().public().filter(condition).distinct()


def contributed_sections(*, topics, themes, limit: int = SECTION_LIMIT) -> list:
    """The sections other apps show for these topics and map themes (topic_sections)."""
    from aanspreekpunt.core import contributions

    sections = []
    for contribution in contributions.topic_sections:
        section = contribution.run(topics=list(topics), themes=list(themes), limit=limit)
        if section is not None and (section.items or section.template):
            sections.append(section)
    return sections


def theme_page_content(*, page) -> dict:
    """What a theme page lists: its topic's articles, news and practices, then the sections of
    the other apps (sessions, forum topics, policy actions, the map's offerings)."""
    from .models import ArticlePage, FAQPage, NewsPage, PracticePage, PublicationPage

    topics = [page.topic] if page.topic_id else []
    themes = [theme.pk for theme in page.themes.all()]
    knowledge = []
    for model in (ArticlePage, PublicationPage, FAQPage):
        knowledge += list(tagged(model, topics=topics, below=page).order_by("title")[:50])
    return {
        "articles": sorted(knowledge, key=lambda p: p.title.lower()),
        "news": list(tagged(NewsPage, topics=topics).order_by("-date")[:SECTION_LIMIT]),
        "practices": list(tagged(PracticePage, topics=topics).order_by("title")[:SECTION_LIMIT]),
        "sections": contributed_sections(topics=topics, themes=themes),
    }


def article_related(*, page) -> dict:
    """ "Gerelateerd nieuws" (the editor's choice, else the news of the same topics) and
    "Gerelateerde activiteiten" (the other apps' sections for the article's topics)."""
    from .models import NewsPage

    chosen = [block.value.pk for block in page.related_news if block.value is not None]
    topics = list(page.topics.all())
    if chosen:
        found = {p.pk: p for p in NewsPage.objects.live().public().filter(pk__in=chosen)}
        news = [found[pk] for pk in chosen if pk in found]
    else:
        news = list(tagged(NewsPage, topics=topics).order_by("-date")[:RELATED_LIMIT])
    links = [block.value for block in page.related_activities]
    if links:  # the editor's choice
        from aanspreekpunt.core import contributions

        items = [
            contributions.Item(title=link["title"], url=link["url"], meta=link["meta"] or "")
            for link in links
        ]
        sections = [contributions.Section(title="", items=items)]
    else:
        themes = [theme.pk for theme in page.themes.all()]
        sections = contributed_sections(topics=topics, themes=themes, limit=RELATED_LIMIT)
    return {"related_news": news, "related_sections": sections}


def organisation_offerings(*, page) -> list:
    if page.organisation_id is None:
        return []
    from socialekaart.selectors import public_offerings

    return list(public_offerings(for_cards=True).filter(organisation_id=page.organisation_id)[:20])


def home_content() -> dict:
    """The home page's blocks: the latest news, then what the other apps register.

    The same for everyone, so kept by the data versions (and the clock) of what the blocks
    show: logged-in members, whom the page cache does not serve, get it without a query.
    """
    from aanspreekpunt.core.pagecache import MINUTE, cached_by_versions

    versions, clock, stamp = _home_versions()
    return cached_by_versions(
        f"home-content:{stamp}",
        versions,
        _home_content,
        timeout=60 if clock == MINUTE else None,
    )


def home_body_key() -> dict:
    """What the home page's rendered body is kept by (pages/home_page.html): the versions of
    everything it shows and its clock. While it is kept, ``home_content`` is not read."""
    versions, _clock, stamp = _home_versions()
    return {"body_versions": " ".join(("deploy", *versions)), "body_stamp": stamp}


def _home_versions() -> tuple[tuple[str, ...], str | None, str]:
    from aanspreekpunt.core.pagecache import clock_stamp

    versions, clock = knowledge_page_versions()
    return versions, clock, clock_stamp(clock)


def _home_content() -> dict:
    from aanspreekpunt.core import contributions

    blocks = []
    for contribution in contributions.home_blocks:
        block = contribution.run(limit=SECTION_LIMIT)
        if block is not None and (block.items or block.template):
            blocks.append(block)
    return {"news": list(news_latest()[:HOME_NEWS]), "blocks": blocks}


def knowledge_page_versions() -> tuple[tuple[str, ...], str | None]:
    """The page-cache versions and clock of the knowledge site's pages: its own, and those of
    every app that shows something on them (topic_sections, home_blocks)."""
    from aanspreekpunt.core import contributions
    from aanspreekpunt.core.pagecache import DAY, MINUTE

    names = ["pages", "topics", "map", "reference"]
    clocks = set()
    for registry in (contributions.topic_sections, contributions.home_blocks):
        for contribution in registry:
            names += contribution.versions
            if contribution.clock:
                clocks.add(contribution.clock)
    clock = MINUTE if MINUTE in clocks else (DAY if DAY in clocks else None)
    return tuple(names), clock


def offerings_by_slugs(*, slugs) -> list:
    from socialekaart.selectors import public_offerings

    found = {
        o.slug: o
        for o in public_offerings(for_cards=True).prefetch_related(None).filter(slug__in=slugs[:30])
    }
    return [found[slug] for slug in slugs if slug in found]
