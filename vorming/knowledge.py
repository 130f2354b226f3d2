"""Training sessions on the knowledge site (core.contributions): sessions in the site search,
"Mijn kennisplein" and the sitemap; the upcoming sessions of a topic page and of the home page.
Registered in ``VormingConfig.ready()``."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from aanspreekpunt.core import contributions, pagecache

from . import selectors

VERSIONS = ("vorming",)


def when(session) -> str:
    return formats.date_format(timezone.localtime(session.start), "j F Y")


def item(session) -> contributions.Item:
    return contributions.Item(
        title=session.title,
        url=session.get_absolute_url(),
        meta=when(session),
        summary=session.description[:200],
    )


def sessions_source() -> contributions.SearchSource:
    return contributions.SearchSource(
        queryset=selectors.sessions_public(),
        title="title",
        body=("description",),
        date="start",
        topics="topics",
        url=lambda session: session.get_absolute_url(),
    )


def load_sessions(ids, user) -> dict:
    numbers = [int(i) for i in ids if str(i).isdigit() and len(str(i)) < 12]
    if not numbers:
        return {}
    sessions = selectors.sessions_public().prefetch_related(None).filter(pk__in=numbers)
    return {str(session.pk): item(session) for session in sessions}


def sessions_kind() -> contributions.BookmarkKind:
    return contributions.BookmarkKind(label=str(_("Training sessions")), load=load_sessions)


def sessions_section(*, topics, themes, limit):
    found = {}
    for topic in topics:
        for session in selectors.sessions_upcoming(limit=limit, topic=topic):
            found.setdefault(session.pk, session)
    return _upcoming(sorted(found.values(), key=lambda s: (s.start, s.pk))[:limit])


def upcoming_block(*, limit):
    return _upcoming(selectors.sessions_upcoming(limit=limit))


def _upcoming(sessions):
    """The list of upcoming sessions a topic page and the home page show; None when empty."""
    if not sessions:
        return None
    return contributions.Section(
        title=str(_("Upcoming sessions")),
        items=[item(session) for session in sessions],
        more_url=reverse("vorming:session_list"),
        more_label=str(_("All training sessions")),
    )


def sitemap_items():
    sessions = selectors.sessions_public().prefetch_related(None).order_by("start", "pk")
    return [(session.get_absolute_url(), session.updated_at) for session in sessions]


def register(app: str) -> None:
    contributions.search_sources.register(
        app=app,
        name="sessies",
        order=30,
        title=_("Training sessions"),
        run=sessions_source,
        versions=VERSIONS,
    )
    contributions.bookmark_kinds.register(
        app=app,
        name="sessie",
        order=30,
        title=_("Training sessions"),
        run=sessions_kind,
        versions=VERSIONS,
    )
    # "Upcoming" changes with the day, not only with the data.
    contributions.topic_sections.register(
        app=app,
        name="sessies",
        order=30,
        run=sessions_section,
        versions=VERSIONS,
        clock=pagecache.DAY,
    )
    contributions.home_blocks.register(
        app=app,
        name="sessies",
        order=30,
        run=upcoming_block,
        versions=VERSIONS,
        clock=pagecache.DAY,
    )
    contributions.sitemap_sections.register(
        app=app, name="vorming", order=30, run=sitemap_items, versions=VERSIONS
    )
