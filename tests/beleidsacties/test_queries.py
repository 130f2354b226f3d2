"""Query counts of the public pages do not grow with the number of actions and updates."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from beleidsacties.models import Action, Plan, ProgressUpdate, Status, Strategy

pytestmark = pytest.mark.django_db

PAGES = [
    "/beleidsacties/",
    "/beleidsacties/plannen/groot/",
    "/beleidsacties/plannen/groot/1/",
    "/beleidsacties/dashboard/",
    "/beleidsacties/feed/",
    "/beleidsacties/plannen/groot/feed/",
]
BUDGET = 10


def grow(size: int) -> None:
    """A plan of ``size`` actions over 8 strategies, each with an update; the first action
    has ``size`` updates more."""
    plan = Plan.objects.create(
        slug="groot", title="Groot plan", short_title="Groot", action_count=max(size, 1)
    )
    strategies = Strategy.objects.bulk_create(
        [Strategy(plan=plan, number=n, title=f"Strategie {n}") for n in range(1, 9)]
    )
    actions = Action.objects.bulk_create(
        [
            Action(
                plan=plan,
                number=n,
                title=f"Actie {n}",
                strategy=strategies[n % 8],
                is_priority=n % 7 == 0,
            )
            for n in range(1, size + 1)
        ]
    )
    start = date(2024, 1, 1)
    updates = [
        ProgressUpdate(
            action=action,
            happened_on=start + timedelta(days=index),
            text=f"Update {index}",
            status_after=Status.ONGOING,
            progress_after=index % 101,
        )
        for index, action in enumerate(actions)
    ]
    updates += [
        ProgressUpdate(
            action=actions[0], happened_on=start, text=f"Extra {index}", progress_after=5
        )
        for index in range(size)
    ]
    ProgressUpdate.objects.bulk_create(updates)
    for action, update in zip(actions, updates, strict=False):
        action.last_update = update
        action.progress = update.progress_after
        action.status = Status.ONGOING
    Action.objects.bulk_update(actions, ["last_update", "progress", "status"])


def counts(client) -> dict[str, int]:
    found = {}
    for url in PAGES:
        client.get(url)  # the site's layout (footer links) is cached after a first render
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        found[url] = len(queries)
    return found


def test_query_counts_stay_the_same_from_10_to_500_rows(client):
    grow(10)
    small = counts(client)
    Action.objects.filter(plan__slug="groot").update(last_update=None)
    ProgressUpdate.objects.filter(action__plan__slug="groot")._raw_delete(ProgressUpdate.objects.db)
    Action.objects.filter(plan__slug="groot").delete()
    Strategy.objects.filter(plan__slug="groot").delete()
    Plan.objects.filter(slug="groot").delete()
    grow(500)
    large = counts(client)
    assert large == small
    assert max(large.values()) <= BUDGET, large
