"""Training sessions on the knowledge site: found by the site search, listed on their topic's
page and on the home page (only when there are any), kept in "Mijn kennisplein", in the
sitemap, and a change renders the cached home and topic pages afresh."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from aanspreekpunt.core.pagecache import Bump
from aanspreekpunt.pages.models import ThemePage
from aanspreekpunt.topics.models import Topic
from tests.knowledge.conftest import publish
from vorming import services
from vorming.models import Session

from .factories import make_session

pytestmark = pytest.mark.django_db

TOGGLE = "/mijn-kennisplein/bewaren/"


@pytest.fixture
def topic(db):
    return Topic.objects.get(slug="chathulp")


@pytest.fixture
def theme_page(topic):
    home = Site.objects.get(is_default_site=True).root_page.specific
    return publish(home, ThemePage(title="Chathulp", slug="chathulp", topic=topic))


def text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def settle() -> None:
    """Run the page-cache bumps the fixtures queued for a commit that never comes."""
    for _savepoints, callback, _robust in connection.run_on_commit:
        if isinstance(callback, Bump) and not callback.done:
            callback()


def served(url) -> tuple[str, str]:
    response = Client().get(url)
    return text(response), response.get("X-Page-Cache", "")


def test_the_search_finds_a_session_by_title_and_description(client):
    make_session(title="Vorming chatgesprekken", description="Over het eerste contact.")
    html = text(client.get("/zoeken/", {"q": "chatgesprekken"}))
    assert "Vorming chatgesprekken" in html
    html = text(client.get("/zoeken/", {"q": "eerste contact", "soort": "sessies"}))
    assert "Vorming chatgesprekken" in html


def test_the_topic_page_lists_its_upcoming_sessions_only_when_there_are_any(
    client, theme_page, topic
):
    assert "Komende sessies" not in text(client.get(theme_page.url))
    make_session(title="Later in het jaar", topics=[topic])
    make_session(title="Over iets anders")
    past = timezone.now() - timedelta(days=3)
    make_session(title="Al voorbij", topics=[topic], start=past, end=past + timedelta(hours=2))
    html = text(client.get(theme_page.url))
    assert "Komende sessies" in html
    assert "Later in het jaar" in html
    assert "Over iets anders" not in html
    assert "Al voorbij" not in html


def test_the_home_page_shows_upcoming_sessions_only_when_there_are_any(client):
    assert "Komende sessies" not in text(client.get("/"))
    session = make_session(title="Vormingsdag voor directies")
    html = text(client.get("/"))
    assert "Komende sessies" in html
    assert session.get_absolute_url() in html


def test_a_member_bookmarks_a_session_and_finds_it_in_mijn_kennisplein(member_client, member):
    session = make_session(title="Vormingsdag om te bewaren")
    html = text(member_client.get(session.get_absolute_url()))
    assert 'name="kind" value="sessie"' in html
    response = member_client.post(
        TOGGLE, {"kind": "sessie", "object_id": session.pk, "action": "add", "next": "/"}
    )
    assert response.status_code == 302
    html = text(member_client.get("/mijn-kennisplein/"))
    assert "Vormingsdag om te bewaren" in html
    assert session.get_absolute_url() in html


def test_a_session_that_does_not_exist_cannot_be_bookmarked(member_client, member):
    for object_id in ["999999", "abc", "1" * 40]:
        member_client.post(
            TOGGLE, {"kind": "sessie", "object_id": object_id, "action": "add", "next": "/"}
        )
    assert not member.bookmarks.exists()


def test_the_sitemap_lists_public_sessions(client):
    session = make_session()
    assert session.get_absolute_url() in text(client.get("/sitemap.xml"))


@pytest.mark.usefixtures("page_cache")
def test_a_new_or_changed_session_renders_home_and_topic_page_afresh(
    theme_page, topic, coordinator, django_capture_on_commit_callbacks
):
    for url in ["/", theme_page.url]:
        settle()
        served(url)
        html, status = served(url)
        assert status == "hit"
        assert "Vers gepland" not in html
    with django_capture_on_commit_callbacks(execute=True):
        session = make_session(actor=coordinator, title="Vers gepland", topics=[topic])
    for url in ["/", theme_page.url]:
        html, status = served(url)
        assert status == "miss"
        assert "Vers gepland" in html
    with django_capture_on_commit_callbacks(execute=True):
        services.session_set_status(
            session=session, to_status=Session.Status.CANCELLED, actor=coordinator
        )
    for url in ["/", theme_page.url]:
        assert "Vers gepland" not in served(url)[0]


def bulk_sessions(count: int) -> None:
    start = timezone.now() + timedelta(days=2)
    Session.objects.bulk_create(
        [
            Session(
                kind=Session.Kind.TRAINING_DAY,
                title=f"Bulksessie {n}",
                slug=f"bulksessie-{n}",
                description="Een bulkvorming.",
                start=start + timedelta(hours=n),
                end=start + timedelta(hours=n + 2),
                capacity=20,
            )
            for n in range(count)
        ]
    )


@pytest.mark.parametrize("count", [10, 500])
def test_home_and_search_cost_the_same_queries_for_10_and_500_sessions(
    client, count, django_assert_max_num_queries
):
    bulk_sessions(count)
    text(client.get("/"))  # the site's root paths, once
    with django_assert_max_num_queries(20):
        html = text(client.get("/"))
    assert "Bulksessie 0" in html
    with django_assert_max_num_queries(24):
        html = text(client.get("/zoeken/", {"q": "bulksessie", "soort": "sessies"}))
    assert "Bulksessie" in html
