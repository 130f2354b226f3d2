"""The expertise forum on the knowledge site: public threads found by the site search, listed
on their topic's page and on the home page (only when there are any), kept in "Mijn
kennisplein", in the sitemap; a thread of a working group never shows anywhere; a change
renders the cached pages afresh; an answered thread becomes a draft FAQ page."""

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from aanspreekpunt.core.models import AuditEntry
from aanspreekpunt.core.pagecache import Bump
from aanspreekpunt.forum import services
from aanspreekpunt.forum.models import Category, Thread
from aanspreekpunt.pages.models import FAQPage, ThemePage
from aanspreekpunt.topics.models import Topic
from tests.knowledge.conftest import publish
from tests.sessions import login

from .helpers import (
    coordinator,
    forum_member,
    public_category,
    question,
    reply,
    restricted_category,
    working_group,
)

pytestmark = pytest.mark.django_db

TOGGLE = "/mijn-kennisplein/bewaren/"


@pytest.fixture
def topic(db):
    return Topic.objects.get(slug="chathulp")


@pytest.fixture
def theme_page(topic):
    home = Site.objects.get(is_default_site=True).root_page.specific
    return publish(home, ThemePage(title="Chathulp", slug="chathulp", topic=topic))


@pytest.fixture
def group_member(db):
    user = forum_member()
    working_group().members.add(user)
    return user


@pytest.fixture
def restricted(group_member):
    return question(
        group_member, category=restricted_category(), title="Interne vraag werkgroep kwaliteit"
    )


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


def untagged_category(topic) -> Category:
    """A public category not tagged with ``topic`` (its threads show only when tagged)."""
    return Category.objects.filter(working_group__isnull=True).exclude(topics=topic).first()


def tagged_question(topic, title):
    return services.thread_create(
        user=forum_member(),
        category=untagged_category(topic),
        title=title,
        body="Wie heeft hier ervaring mee?",
        topics=[topic],
    )


def answered(title="Hoe plannen we de chatpermanentie?"):
    thread = question(title=title, body="Met hoeveel mensen doen jullie dat?")
    answer = reply(thread, body="Wij werken met twee vrijwilligers per avond.")
    services.answer_mark(actor=coordinator(), post=answer, as_coordinator=True)
    return thread


def test_the_search_finds_a_public_thread_and_never_a_restricted_one(client, restricted):
    thread = question(title="Chatpermanentie in het weekend")
    html = text(client.get("/zoeken/", {"q": "chatpermanentie"}))
    assert thread.title in html
    assert thread.get_absolute_url() in html
    for q in ["werkgroep kwaliteit", "interne vraag"]:
        assert restricted.title not in text(client.get("/zoeken/", {"q": q}))


def test_the_search_reads_the_question_too_and_quotes_it(client):
    thread = question(
        title="Hoe starten we?", body="Wij zoeken een **weekendpermanentie** voor onze chat."
    )
    html = text(client.get("/zoeken/", {"q": "weekendpermanentie", "soort": "forum"}))
    assert thread.get_absolute_url() in html
    assert "<mark>weekendpermanentie</mark>" in html.lower()
    assert "1 resultaat" in html


def test_the_snippet_quotes_the_words_without_their_markdown(client):
    question(
        title="Een gids?",
        body="# Vraag\n\nWie kent **de nachtpermanentiegids** van [Tejo](https://tejo.be) & co?",
    )
    html = text(client.get("/zoeken/", {"q": "nachtpermanentiegids", "soort": "forum"}))
    snippet = html.split("<mark>", 1)[1].split("</li>", 1)[0]
    assert "nachtpermanentiegids</mark>" in snippet.lower()
    assert "van Tejo &amp; co?" in snippet
    for markup in ["**", "](", "https://tejo.be", "# Vraag"]:
        assert markup not in html.split("<mark>", 1)[0][-200:] + snippet


def test_the_search_reads_the_accepted_answer_once_it_is_marked(client):
    thread = question(title="Hoe plannen we?", body="Wie heeft een idee?")
    answer = reply(thread, body="Wij werken met een beurtrolsysteem per avond.")
    assert "0 resultaten" in text(client.get("/zoeken/", {"q": "beurtrolsysteem"}))
    services.answer_mark(actor=coordinator(), post=answer, as_coordinator=True)
    html = text(client.get("/zoeken/", {"q": "beurtrolsysteem", "soort": "forum"}))
    assert thread.get_absolute_url() in html
    assert "<mark>beurtrolsysteem</mark>" in html.lower()


def test_a_hidden_question_is_not_found_by_its_text_but_by_its_title(client):
    thread = question(title="Vraag over planning", body="Geheimezinnige nachtdienstregeling hier.")
    services.post_moderate(
        actor=coordinator(),
        post=thread.posts.get(is_question=True),
        action="hide",
        reason="Persoonsgegevens",
    )
    html = text(client.get("/zoeken/", {"q": "nachtdienstregeling"}))
    assert thread.get_absolute_url() not in html
    assert "<mark>" not in html
    assert thread.get_absolute_url() in text(client.get("/zoeken/", {"q": "planning"}))


def test_a_restricted_question_is_not_found_by_its_text(client, group_member):
    thread = question(
        group_member, category=restricted_category(), body="Ons interne kwaliteitsdraaiboek."
    )
    client.force_login(group_member)
    html = text(client.get("/zoeken/", {"q": "kwaliteitsdraaiboek"}))
    assert thread.get_absolute_url() not in html
    assert "<mark>" not in html


def test_the_group_member_does_not_find_the_restricted_thread_in_the_search_either(
    client, restricted, group_member
):
    client.force_login(group_member)
    assert restricted.title not in text(client.get("/zoeken/", {"q": "interne vraag"}))


def test_the_topic_page_lists_its_threads_only_when_there_are_any(
    client, theme_page, topic, restricted
):
    assert "Op het expertiseforum" not in text(client.get(theme_page.url))
    restricted.topics.add(topic)
    assert restricted.title not in text(client.get(theme_page.url))
    thread = tagged_question(topic, "Chatten met jongeren 's nachts")
    question(title="Over iets anders", category=untagged_category(topic))
    html = text(client.get(theme_page.url))
    assert "Op het expertiseforum" in html
    assert thread.get_absolute_url() in html
    assert "Over iets anders" not in html
    assert restricted.title not in html


def test_the_home_page_shows_the_latest_threads_only_when_there_are_any(client, restricted):
    assert "Nieuw op het expertiseforum" not in text(client.get("/"))
    thread = question(title="Een nieuwe vraag voor iedereen")
    html = text(client.get("/"))
    assert "Nieuw op het expertiseforum" in html
    assert thread.get_absolute_url() in html
    assert restricted.title not in html


def test_a_member_bookmarks_a_thread_and_finds_it_in_mijn_kennisplein(member_client):
    thread = question(title="Een vraag om te bewaren")
    html = text(member_client.get(thread.get_absolute_url()))
    assert 'name="kind" value="forum"' in html
    member_client.post(
        TOGGLE, {"kind": "forum", "object_id": thread.pk, "action": "add", "next": "/"}
    )
    html = text(member_client.get("/mijn-kennisplein/"))
    assert "Een vraag om te bewaren" in html
    assert thread.get_absolute_url() in html


def test_a_restricted_thread_cannot_be_bookmarked_even_by_its_group(
    client, restricted, group_member
):
    client.force_login(group_member)
    html = text(client.get(restricted.get_absolute_url()))
    assert restricted.title in html  # the group member reads it
    assert 'name="kind" value="forum"' not in html
    client.post(TOGGLE, {"kind": "forum", "object_id": restricted.pk, "action": "add", "next": "/"})
    assert not group_member.bookmarks.exists()
    assert restricted.title not in text(client.get("/mijn-kennisplein/"))


def test_a_thread_moved_into_a_working_group_drops_out_of_mijn_kennisplein(member_client):
    thread = question(title="Later afgeschermd")
    member_client.post(
        TOGGLE, {"kind": "forum", "object_id": thread.pk, "action": "add", "next": "/"}
    )
    assert "Later afgeschermd" in text(member_client.get("/mijn-kennisplein/"))
    Thread.objects.filter(pk=thread.pk).update(category=restricted_category())
    assert "Later afgeschermd" not in text(member_client.get("/mijn-kennisplein/"))


def test_the_sitemap_lists_public_threads_only(client, restricted):
    thread = question()
    xml = text(client.get("/sitemap.xml"))
    assert thread.get_absolute_url() in xml
    assert restricted.get_absolute_url() not in xml


@pytest.mark.usefixtures("page_cache")
def test_a_new_thread_renders_home_and_topic_page_afresh(
    theme_page, topic, django_capture_on_commit_callbacks
):
    for url in ["/", theme_page.url]:
        settle()
        served(url)
        html, status = served(url)
        assert status == "hit"
        assert "Verse forumvraag" not in html
    with django_capture_on_commit_callbacks(execute=True):
        tagged_question(topic, "Verse forumvraag")
    for url in ["/", theme_page.url]:
        html, status = served(url)
        assert status == "miss"
        assert "Verse forumvraag" in html


def bulk_threads(count: int) -> None:
    now = timezone.now()
    category = public_category()
    Thread.objects.bulk_create(
        [
            Thread(
                category=category,
                title=f"Bulkvraag {n}",
                slug=f"bulkvraag-{n}",
                last_activity_at=now,
                approved=True,
            )
            for n in range(count)
        ]
    )


@pytest.mark.parametrize("count", [10, 500])
def test_home_and_search_cost_the_same_queries_for_10_and_500_threads(
    client, count, django_assert_max_num_queries
):
    bulk_threads(count)
    text(client.get("/"))  # the site's root paths, once
    with django_assert_max_num_queries(20):
        html = text(client.get("/"))
    assert "Bulkvraag" in html
    with django_assert_max_num_queries(24):
        html = text(client.get("/zoeken/", {"q": "bulkvraag", "soort": "forum"}))
    assert f"{count} resultaten" in html


# --- From forum to knowledge ---------------------------------------------------------------


def faq_url(thread) -> str:
    return f"/vragen/uit-forum/{thread.pk}/"


def test_a_coordinator_turns_an_answered_thread_into_a_draft_faq_page(client):
    thread = answered()
    user = coordinator()
    login(client, user, two_factor=True)
    html = text(client.get(thread.get_absolute_url()))
    assert f'action="{faq_url(thread)}"' in html
    response = client.post(faq_url(thread))
    page = FAQPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert not page.live
    assert page.title == thread.title
    assert "Met hoeveel mensen" in page.intro
    answer = str(page.questions[0]["answer"])
    assert "twee vrijwilligers" in answer
    assert thread.get_absolute_url() in answer  # links back to the thread
    entry = AuditEntry.objects.get(action="pages.faq_from_thread")
    assert entry.actor == user
    assert entry.object_id == str(page.pk)
    assert Client().get(page.url or "/vragen/niet-gepubliceerd/").status_code == 404


def test_an_editor_may_do_it_too_and_a_second_time_is_refused(client):
    from aanspreekpunt.accounts import roles
    from tests.factories import UserFactory

    thread = answered()
    login(client, UserFactory(groups=[roles.EDITORS], two_factor=True), two_factor=True)
    assert client.post(faq_url(thread)).status_code == 302
    response = client.post(faq_url(thread), follow=True)
    assert "al omgezet" in text(response)
    assert FAQPage.objects.count() == 1


def test_members_and_staff_without_two_factor_are_refused(client):
    thread = answered()
    client.force_login(forum_member())
    assert "Maak er een" not in text(client.get(thread.get_absolute_url()))
    assert client.post(faq_url(thread)).status_code == 403
    login(client, coordinator(), two_factor=False)
    response = client.post(faq_url(thread))
    assert response.status_code == 302
    assert "/accounts/" in response["Location"]
    assert not FAQPage.objects.exists()


def test_an_unanswered_or_restricted_thread_does_not_become_a_faq_page(client, restricted):
    login(client, coordinator(), two_factor=True)
    unanswered = question()
    answer = reply(restricted, author=restricted.author)
    services.answer_mark(actor=restricted.author, post=answer)
    for thread in [unanswered, restricted]:
        response = client.post(faq_url(thread), follow=True)
        assert "Alleen een openbaar onderwerp met een antwoord" in text(response)
    assert client.post("/vragen/uit-forum/99999999/").status_code == 302
    assert not FAQPage.objects.exists()
