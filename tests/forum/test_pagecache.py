"""Public forum pages come from the page cache for visitors, and every write that changes
what they show (a post, an edit, a hide, a move, a profile's name) renders them afresh."""

import pytest

from aanspreekpunt.forum import services

from .helpers import coordinator, forum_member, question, reply, restricted_category

pytestmark = pytest.mark.django_db

CACHE = "X-Page-Cache"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the writes' on-commit callbacks (the version bumps), as a real commit does."""

    def run(func, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return func(*args, **kwargs)

    return run


def states(client, *urls) -> list[str]:
    return [client.get(url)[CACHE] for url in urls]


def test_forum_pages_are_cached_for_visitors(client, page_cache, committed):
    thread = committed(question)
    urls = ["/forum/", "/forum/chathulp/", thread.get_absolute_url(), "/forum/chathulp/feed.xml"]
    assert states(client, *urls) == ["miss"] * 4
    assert states(client, *urls) == ["hit"] * 4


@pytest.mark.parametrize(
    "change",
    ["reply", "edit", "hide", "move", "useful", "answer", "profile", "report_hides"],
)
def test_every_write_renders_the_pages_it_changes_afresh(client, page_cache, committed, change):
    asker = forum_member()
    thread = committed(question, asker, title="Vraag voor de cache")
    author = forum_member()
    post = committed(reply, thread, author=author, body="Eerste reactie")
    urls = ["/forum/", "/forum/chathulp/", thread.get_absolute_url()]
    states(client, *urls)
    assert states(client, *urls) == ["hit"] * 3

    boss = coordinator()
    if change == "reply":
        committed(reply, thread, body="Verse reactie")
        expected = "Verse reactie"
    elif change == "edit":
        committed(services.post_edit, user=author, post=post, body="Verbeterde reactie")
        expected = "Verbeterde reactie"
    elif change == "hide":
        committed(services.post_moderate, actor=boss, post=post, action="hide", reason="Nee")
        expected = "verborgen door de moderatie"
    elif change == "move":
        from aanspreekpunt.forum.models import Category

        target = Category.objects.get(slug="e-mailhulp")
        committed(
            services.thread_moderate,
            actor=boss,
            thread=thread,
            action="move",
            reason="Elders",
            category=target,
        )
        assert client.get("/forum/chathulp/")[CACHE] == "miss"
        assert "Vraag voor de cache" not in client.get("/forum/chathulp/").content.decode()
        assert client.get(thread.get_absolute_url()).status_code == 301
        return
    elif change == "useful":
        committed(services.useful_mark, user=forum_member(), post=post)
        expected = "1 lid vond dit nuttig"
    elif change == "answer":
        committed(services.answer_mark, actor=asker, post=post)
        expected = "forum-answer"
    elif change == "profile":
        committed(services.profile_save, user=author, handle="nieuw", display_name="Nieuwe Naam")
        expected = "Nieuwe Naam"
    else:
        for _ in range(3):
            committed(services.post_report, user=forum_member(), post=post, reason="Spam")
        expected = "verborgen door de moderatie"
    response = client.get(thread.get_absolute_url())
    assert response[CACHE] == "miss"
    assert expected in response.content.decode()
    assert states(client, "/forum/", "/forum/chathulp/") == ["miss", "miss"]


def test_a_logged_in_member_gets_a_fresh_page_with_their_own_markers(client, page_cache):
    thread = question()
    client.force_login(forum_member())
    response = client.get(thread.get_absolute_url())
    assert CACHE not in response
    assert response["Cache-Control"].startswith("private")


def test_every_visitor_counts_from_the_cached_page_once_per_half_hour(client, page_cache):
    """A thread page kept in the page cache still counts its visitors without an account:
    it loads an image that counts them, once per thread and address in half an hour."""
    thread = question(title="Hoeveel bezoekers?")
    url = thread.get_absolute_url()
    assert states(client, url, url) == ["miss", "hit"]
    page = client.get(url).content.decode()
    pixel = f"/forum/onderwerp/{thread.pk}/gezien.gif"
    assert f'src="{pixel}"' in page

    seen = client.get(pixel)
    assert seen.status_code == 200
    assert seen["Content-Type"] == "image/gif"
    assert "no-store" in seen["Cache-Control"]  # never kept by a browser or the edge
    client.get(pixel)  # a reload: the same visitor
    client.get(pixel, REMOTE_ADDR="192.0.2.7")  # somebody else
    thread.refresh_from_db()
    assert thread.view_count == 2

    member = forum_member()
    client.force_login(member)
    assert pixel not in client.get(url).content.decode()  # counted by the page itself
    client.get(pixel)
    thread.refresh_from_db()
    assert thread.view_count == 3


def test_a_working_groups_thread_has_no_public_counter(client):
    thread = question(category=restricted_category(), title="Alleen voor de werkgroep")
    assert client.get(f"/forum/onderwerp/{thread.pk}/gezien.gif").status_code == 404
    assert client.get("/forum/onderwerp/999999/gezien.gif").status_code == 404
    thread.refresh_from_db()
    assert thread.view_count == 0
