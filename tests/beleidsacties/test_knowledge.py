"""The policy actions on the knowledge site: found by the site search, listed on their topic's
page, their progress on the home page, their pages in the sitemap; a change is seen at once."""

import pytest
from django.test import Client
from wagtail.models import Site

from aanspreekpunt.core import contributions
from aanspreekpunt.pages.models import ThemePage
from aanspreekpunt.topics.models import Topic
from beleidsacties import knowledge
from beleidsacties.models import Action
from beleidsacties.selectors import progress_summary
from tests.knowledge.conftest import publish

pytestmark = pytest.mark.django_db

DESK_ACTION = "/beleidsacties/plannen/ministeriele-acties-2015/1/"


@pytest.fixture
def desk_action(db):
    return Action.objects.get(plan__slug="ministeriele-acties-2015", number=1)


@pytest.fixture
def home(db):
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def topic(db):
    return Topic.objects.get(slug="chathulp")


def test_the_site_search_finds_an_action(client, desk_action):
    html = client.get("/zoeken/", {"q": "intersectoraal aanspreekpunt"}).content.decode()
    assert "Realiseren van een intersectoraal aanspreekpunt onlinehulp" in html
    assert DESK_ACTION in html


def test_actions_without_text_are_not_in_the_search(desk_action):
    source = knowledge.actions_source()
    assert source.queryset.filter(pk=desk_action.pk).exists()
    assert not source.queryset.filter(title="").exists()


def test_a_topic_page_lists_the_actions_of_its_topic(client, home, topic, desk_action):
    page = publish(home, ThemePage(title="Chathulp", slug="chathulp-thema", topic=topic))
    assert "intersectoraal aanspreekpunt" not in client.get(page.url).content.decode()
    desk_action.topics.add(topic)
    html = Client().get(page.url).content.decode()
    assert "Realiseren van een intersectoraal aanspreekpunt onlinehulp" in html
    assert "Beleidsacties over dit onderwerp" in html


def test_the_topic_section_is_left_out_without_actions(topic):
    assert knowledge.actions_section(topics=[topic], themes=[], limit=5) is None


def test_the_home_page_shows_the_progress_of_the_actions(client, home):
    Action.objects.filter(plan__slug="ministeriele-acties-2015", number__in=[1, 2]).update(
        progress=40
    )
    Action.objects.filter(plan__slug="ministeriele-acties-2015", number=3).update(progress=70)
    html = Client().get(home.url).content.decode()
    assert "Voortgang van de beleidsacties" in html
    assert f"{progress_summary()['average_progress']}&nbsp;%" in html
    assert f"{Action.objects.count()} beleidsacties worden opgevolgd" in html


def test_the_sitemap_lists_the_tracker(client, desk_action):
    xml = client.get("/sitemap.xml").content.decode()
    assert DESK_ACTION in xml
    assert "/beleidsacties/plannen/bouwstenen-2014/" in xml


def test_every_registration_names_the_trackers_version():
    for registry in (
        contributions.search_sources,
        contributions.topic_sections,
        contributions.home_blocks,
        contributions.sitemap_sections,
    ):
        [registration] = registry.for_app("beleidsacties")
        assert "beleidsacties" in registration.versions


def test_a_progress_update_renders_the_cached_home_page_afresh(
    home, page_cache, coordinator, priority_action, django_capture_on_commit_callbacks
):
    from beleidsacties import services

    client = Client()
    before = client.get(home.url).content
    assert client.get(home.url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        services.update_add(
            action=priority_action,
            actor=coordinator,
            data={"text": "Gestart.", "status_after": "realised", "progress_after": 100},
        )
    response = client.get(home.url)
    assert response["X-Page-Cache"] != "hit"
    assert response.content != before
    assert "Laatste update" in response.content.decode()
