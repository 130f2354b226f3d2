"""The expertise forum on the knowledge site (core.contributions): public threads in the site
search, "Mijn kennisplein" and the sitemap; the threads of a topic page and the latest threads
on the home page. Only threads every visitor may read (``selectors.threads_public``): a thread
in a working group's category never shows here. Registered in ``ForumConfig.ready()``."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from aanspreekpunt.core import contributions

from . import markdown, selectors

VERSIONS = ("forum",)


def item(thread) -> contributions.Item:
    return contributions.Item(
        title=thread.title,
        url=thread.get_absolute_url(),
        meta=f"{thread.category.name}, "
        + formats.date_format(timezone.localtime(thread.last_activity_at), "j F Y"),
    )


def threads_source() -> contributions.SearchSource:
    # A thread's text is its question (its first post) and, once answered, the answer.
    return contributions.SearchSource(
        queryset=selectors.threads_public_with_text(),
        title="title",
        body=("question_text", "answer_text"),
        date="last_activity_at",
        topics="topics",
        url=lambda thread: thread.get_absolute_url(),
        plain=markdown.plain_text,
    )


def load_threads(ids, user) -> dict:
    numbers = [int(i) for i in ids if str(i).isdigit() and len(str(i)) < 12]
    if not numbers:
        return {}
    threads = selectors.threads_public().filter(pk__in=numbers)
    return {str(thread.pk): item(thread) for thread in threads}


def threads_kind() -> contributions.BookmarkKind:
    return contributions.BookmarkKind(label=str(_("Forum threads")), load=load_threads)


def threads_section(*, topics, themes, limit):
    found = {}
    for topic in topics:
        for thread in selectors.threads_for_topic(topic=topic, limit=limit):
            found.setdefault(thread.pk, thread)
    threads = sorted(found.values(), key=lambda t: (t.last_activity_at, t.pk), reverse=True)
    return _section(str(_("On the expertise forum")), threads[:limit])


def latest_block(*, limit):
    return _section(str(_("Latest on the expertise forum")), selectors.threads_latest(limit=limit))


def _section(title: str, threads):
    """A list of threads for a topic page or the home page; None when there are none."""
    if not threads:
        return None
    return contributions.Section(
        title=title,
        items=[item(thread) for thread in threads],
        more_url=reverse("forum:category_list"),
        more_label=str(_("To the expertise forum")),
    )


def sitemap_items():
    threads = selectors.threads_public().order_by("-last_activity_at", "-pk")
    return [(thread.get_absolute_url(), thread.last_activity_at) for thread in threads]


def register(app: str) -> None:
    contributions.search_sources.register(
        app=app,
        name="forum",
        order=40,
        title=_("Forum threads"),
        run=threads_source,
        versions=VERSIONS,
    )
    contributions.bookmark_kinds.register(
        app=app,
        name="forum",
        order=40,
        title=_("Forum threads"),
        run=threads_kind,
        versions=VERSIONS,
    )
    contributions.topic_sections.register(
        app=app, name="forum", order=40, run=threads_section, versions=VERSIONS
    )
    contributions.home_blocks.register(
        app=app, name="forum", order=40, run=latest_block, versions=VERSIONS
    )
    contributions.sitemap_sections.register(
        app=app, name="forum", order=40, run=sitemap_items, versions=VERSIONS
    )
