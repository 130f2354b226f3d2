"""What the knowledge site reads from the tracker (beleidsacties.selectors)."""

import pytest

from aanspreekpunt.topics.selectors import topics_by_slug
from beleidsacties import selectors, services

pytestmark = pytest.mark.django_db


def test_actions_public_have_addresses_by_plan(django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        actions = list(selectors.actions_public())
        urls = {action.get_absolute_url() for action in actions}
    assert len(actions) == 54
    assert "/beleidsacties/44/" in urls
    assert "/beleidsacties/plannen/ministeriele-acties-2015/10/" in urls


def test_actions_for_a_topic_are_known_ones_priority_first():
    vorming = topics_by_slug(slugs=["vorming"]).get()
    actions = selectors.actions_for_topic(topic=vorming, limit=3)
    assert len(actions) == 3
    assert all(action.title for action in actions)
    assert actions[0].is_priority
    assert selectors.actions_for_topic(topic=vorming, limit=10)[-1].plan.slug == (
        "ministeriele-acties-2015"
    )


def test_the_progress_summary_says_what_is_known(priority_action, coordinator):
    summary = selectors.progress_summary()
    assert (summary["actions"], summary["known"], summary["priority"]) == (54, 16, 6)
    assert summary["average_progress"] is None
    services.update_add(
        action=priority_action,
        actor=coordinator,
        data={"text": "Gestart.", "progress_after": 30, "status_after": "ongoing"},
    )
    summary = selectors.progress_summary()
    assert summary["average_progress"] == 30
    assert summary["with_progress"] == 1
    assert summary["by_status"]["ongoing"] == 1
    assert summary["by_status"]["unknown"] == 53
