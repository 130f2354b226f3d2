"""The policy actions on the knowledge site (core.contributions): the actions in the site
search, the actions of a topic page, the progress of the actions on the home page, and the
tracker's pages in the sitemap. Registered in ``BeleidsactiesConfig.ready()``."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aanspreekpunt.core import contributions

from . import selectors
from .models import Status

VERSIONS = ("beleidsacties",)


def actions_source() -> contributions.SearchSource:
    return contributions.SearchSource(
        queryset=selectors.actions_public().exclude(title=""),
        title="title",
        body=("description",),
        topics="topics",
        url=lambda action: action.get_absolute_url(),
    )


def _meta(action) -> str:
    return f"{action.plan.short_title} · {action.get_status_display()}"


def actions_section(*, topics, themes, limit):
    found = {}
    for topic in topics:
        for action in selectors.actions_for_topic(topic=topic, limit=limit):
            found.setdefault(action.pk, action)
    if not found:
        return None
    return contributions.Section(
        title=_("Policy actions on this topic"),
        items=[
            contributions.Item(
                title=action.title,
                url=action.get_absolute_url(),
                meta=_meta(action),
                summary=action.description[:200],
            )
            for action in list(found.values())[:limit]
        ],
        more_url=reverse("beleidsacties:overview"),
        more_label=_("All policy actions"),
    )


def progress_block(*, limit):
    summary = selectors.progress_summary()
    if not summary["actions"]:
        return None
    labels = dict(Status.choices)
    statuses = [
        (str(labels[value]), count) for value, count in summary["by_status"].items() if count
    ][:limit]
    return contributions.Section(
        title=_("Progress of the policy actions"),
        template="beleidsacties/includes/home_progress.html",
        context={**summary, "statuses": statuses},
        more_url=reverse("beleidsacties:dashboard"),
        more_label=_("To the dashboard of the policy actions"),
    )


def sitemap_items():
    rows = [(reverse("beleidsacties:overview"), None)]
    rows += [(plan.get_absolute_url(), None) for plan in selectors.plans()]
    for action in selectors.actions_public().prefetch_related(None):
        changed = action.last_update.recorded_at if action.last_update else None
        rows.append((action.get_absolute_url(), changed))
    return rows


def register(app: str) -> None:
    contributions.search_sources.register(
        app=app,
        name="beleidsacties",
        order=70,
        title=gettext_lazy("Policy actions"),
        run=actions_source,
        versions=VERSIONS,
    )
    contributions.topic_sections.register(
        app=app, name="beleidsacties", order=70, run=actions_section, versions=VERSIONS
    )
    contributions.home_blocks.register(
        app=app, name="beleidsacties", order=60, run=progress_block, versions=VERSIONS
    )
    contributions.sitemap_sections.register(
        app=app, name="beleidsacties", order=60, run=sitemap_items, versions=VERSIONS
    )
