"""The forum's pages: what visitors and members see, forms that keep what was typed, bad
input, working-group categories invisible to others everywhere, and flat query counts."""

import pytest
from django.urls import reverse
from django.utils import timezone

from aanspreekpunt.forum import services
from aanspreekpunt.forum.models import Category, Post, ReadState, Thread

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


def text(response) -> str:
    return response.content.decode()


# --- reading ----------------------------------------------------------------------------------


def test_the_category_list_shows_public_categories_with_counts_and_last_activity(client):
    question(title="Eerste vraag")
    question(title="Tweede vraag")
    body = text(client.get("/forum/"))
    assert "Chathulp" in body
    assert "2 onderwerpen" in body
    assert "laatste activiteit" in body
    assert "Werkgroep kwaliteit" not in body


def test_a_category_lists_pinned_first_and_marks_answered_threads(client):
    asker = forum_member()
    old = question(asker, title="Oude vastgezette vraag")
    answered = question(asker, title="Beantwoorde vraag")
    services.answer_mark(actor=asker, post=reply(answered))
    question(title="Nieuwste vraag")
    services.thread_moderate(actor=coordinator(), thread=old, action="pin", reason="Belangrijk")
    body = text(client.get("/forum/chathulp/"))
    assert body.index("Oude vastgezette vraag") < body.index("Nieuwste vraag")
    assert "vastgezet" in body
    assert "beantwoord" in body
    assert "1 reactie" in body


def test_each_view_of_a_thread_counts_even_from_a_stale_copy(client):
    thread = question(title="Hoeveel keer gelezen?")
    reader = forum_member()
    client.force_login(reader)
    text(client.get(thread.get_absolute_url()))
    text(client.get(thread.get_absolute_url()))
    # two requests that loaded the thread at the same time both count
    services.thread_viewed(thread=thread)
    services.thread_viewed(thread=thread)
    thread.refresh_from_db()
    assert thread.view_count == 4
    assert "4 weergaven" in text(client.get("/forum/chathulp/"))


def test_a_thread_page_shows_the_answer_under_the_question(client):
    asker = forum_member()
    thread = question(asker, body="Wat is de beste aanpak?")
    reply(thread, body="Een eerste idee")
    answer = reply(thread, body="**Het beste antwoord**")
    services.answer_mark(actor=asker, post=answer)
    body = text(client.get(thread.get_absolute_url()))
    answer_block = body.index('class="forum-answer"')
    assert body.index("Wat is de beste aanpak?") < answer_block < body.index("Een eerste idee")
    assert "<strong>Het beste antwoord</strong>" in body[answer_block:]


def test_a_thread_shows_its_topics_linked_to_the_site_wide_topic_pages(client):
    from aanspreekpunt.topics.models import Topic

    privacy = Topic.objects.get(slug="deontologie-en-privacy")
    thread = services.thread_create(
        user=forum_member(),
        category=public_category(),
        title="Getagde vraag",
        body="Over privacy",
        topics=[privacy],
    )
    body = text(client.get(thread.get_absolute_url()))
    assert f'href="{privacy.get_absolute_url()}"' in body


def test_an_old_or_wrong_address_of_a_thread_redirects_to_the_right_one(client):
    thread = question(title="Een vraag")
    response = client.get(f"/forum/e-mailhulp/{thread.pk}-iets-anders/")
    assert response.status_code == 301
    assert response["Location"] == thread.get_absolute_url()


def test_pagination_of_threads_and_posts(client):
    author = forum_member()
    thread = question(author)
    posts = [
        Post(thread=thread, author=author, body=f"b{n}", body_html=f"<p>b{n}</p>")
        for n in range(45)
    ]
    Post.objects.bulk_create(posts)
    first = text(client.get(thread.get_absolute_url()))
    assert "Pagina 1 van 2" in first
    second = text(client.get(thread.get_absolute_url() + "?pagina=2"))
    assert "<p>b44</p>" in second
    assert client.get(thread.get_absolute_url() + "?pagina=zeven").status_code == 200


def test_the_rss_feed_of_a_public_category_lists_its_latest_threads(client):
    question(title="Vraag in de feed")
    response = client.get("/forum/chathulp/feed.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "Vraag in de feed" in text(response)


def test_an_anonymous_visitor_sees_no_form_that_posts(client):
    thread = question()
    body = text(client.get(thread.get_absolute_url()))
    assert 'method="post"' not in body
    assert "Meld u aan om te reageren" in body


def test_the_email_address_is_never_shown(client):
    author = forum_member()
    thread = question(author)
    client.force_login(forum_member())
    body = text(client.get(thread.get_absolute_url()))
    assert author.email not in body
    assert author.forum_profile.display_name in body


# --- unread markers ---------------------------------------------------------------------------


def test_unread_markers_and_the_jump_to_the_first_unread_post(client):
    reader = forum_member()
    thread = question()
    client.force_login(reader)
    client.get(thread.get_absolute_url())  # read up to the question
    assert "nieuw sinds uw laatste bezoek" not in text(client.get("/forum/chathulp/"))
    first_new = reply(thread, body="Nieuw antwoord")
    reply(thread, body="Nog een")
    listing = text(client.get("/forum/chathulp/"))
    assert "nieuw sinds uw laatste bezoek" in listing
    assert reverse("forum:thread_unread", args=[thread.pk]) in listing
    jump = client.get(reverse("forum:thread_unread", args=[thread.pk]))
    assert jump["Location"] == f"{thread.get_absolute_url()}#bericht-{first_new.pk}"
    page = text(client.get(thread.get_absolute_url()))
    assert page.count("forum-post--unread") == 2
    state = ReadState.objects.get(user=reader, thread=thread)
    assert state.last_read_at == thread.posts.order_by("-created_at").first().created_at
    assert "nieuw sinds uw laatste bezoek" not in text(client.get("/forum/chathulp/"))


# --- writing through the pages ----------------------------------------------------------------


def test_a_member_without_a_profile_chooses_one_first_and_comes_back(client, member):
    client.force_login(member)
    response = client.get("/forum/nieuw/")
    assert response.status_code == 302
    assert response["Location"].startswith("/forum/profiel/?next=/forum/nieuw/")
    response = client.post(
        "/forum/profiel/", {"handle": "sam", "display_name": "Sam", "next": "/forum/nieuw/"}
    )
    assert response["Location"] == "/forum/nieuw/"
    response = client.post("/forum/profiel/", {"handle": "x", "display_name": "Sam"})
    assert response.status_code == 200
    assert "field--error" in text(response)
    response = client.post(
        "/forum/profiel/", {"handle": "sam", "display_name": "Sam", "next": "https://evil.example"}
    )
    assert response["Location"] == "/forum/"


def test_starting_a_thread_through_the_form(client):
    client.force_login(forum_member())
    response = client.post(
        "/forum/nieuw/",
        {
            "title": "Hoe plannen jullie permanenties?",
            "category": public_category().pk,
            "body": "Wie deelt een rooster?",
        },
    )
    thread = Thread.objects.get(title="Hoe plannen jullie permanenties?")
    assert response["Location"] == thread.get_absolute_url()


def test_a_refused_reply_keeps_what_was_typed_and_says_why(client):
    author = forum_member()
    thread = question(author)
    for number in range(services.POSTS_PER_WINDOW - 1):
        reply(thread, author=author, body=f"bericht {number}")
    client.force_login(author)
    typed = "Dit wil ik nog kwijt, met veel zorg geschreven."
    response = client.post(reverse("forum:reply", args=[thread.pk]), {"body": typed})
    body = text(response)
    assert response.status_code == 200
    assert "ten hoogste 5 berichten per 10 minuten" in body
    assert typed in body
    assert 'class="form-errors' in body


def test_quoting_a_reply_prefills_the_form(client):
    thread = question()
    post = reply(thread, body="Dit is het citaat")
    client.force_login(forum_member())
    body = text(client.get(reverse("forum:reply", args=[thread.pk]) + f"?citeer={post.pk}"))
    assert "&gt; Dit is het citaat" in body
    assert client.get(reverse("forum:reply", args=[thread.pk]) + "?citeer=abc").status_code == 200


def test_edited_posts_are_marked_and_their_history_is_public(client):
    author = forum_member()
    post = reply(question(), author=author, body="Oude tekst")
    services.post_edit(user=author, post=post, body="Nieuwe tekst")
    body = text(client.get(post.thread.get_absolute_url()))
    assert "bewerkt" in body
    history = text(client.get(reverse("forum:post_history", args=[post.pk])))
    assert "Oude tekst" in history
    assert "Nieuwe tekst" in history


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"title": "", "category": "", "body": ""},
        {"title": "x" * 500, "category": "abc", "body": "b"},
        {"title": "t", "category": "999999", "body": "b"},
        {"title": "t\x00", "category": "1", "body": "b\x00"},
        {"title": "t", "category": "1", "body": "b", "topics": ["x", "999"]},
    ],
)
def test_bad_input_to_the_forms_is_never_a_500(client, data):
    thread = question()
    post = reply(thread)
    client.force_login(forum_member())
    for url in (
        "/forum/nieuw/",
        reverse("forum:reply", args=[thread.pk]),
        reverse("forum:post_report", args=[post.pk]),
        reverse("forum:thread_follow", args=[thread.pk]),
        "/forum/profiel/",
    ):
        assert client.post(url, data).status_code in (200, 302), url


def test_bad_input_to_the_moderation_forms_is_never_a_500(client):
    from tests.sessions import login

    thread = question()
    post = reply(thread)
    login(client, coordinator(), two_factor=True)
    for url, data in [
        (reverse("forum:post_moderate", args=[post.pk]), {"action": "explode"}),
        (reverse("forum:post_moderate", args=[post.pk]), {"action": "approve"}),
        (reverse("forum:thread_moderate", args=[thread.pk]), {"action": "move"}),
        (reverse("forum:thread_moderate", args=[thread.pk]), {"action": "move", "category": "x"}),
        (reverse("forum:member_suspend", args=[post.author_id]), {"until": "gisteren"}),
        (
            reverse("forum:member_suspend", args=[post.author_id]),
            {"until": "2000-01-01T10:00", "reason": "x"},
        ),
    ]:
        response = client.post(url, data)
        assert response.status_code == 200, url
        assert 'class="form-errors"' in text(response) or "error" in text(response)


def test_the_moderation_queue_lists_waiting_and_reported_posts(client):
    from tests.sessions import login

    waiting = question(forum_member(new=True), body="Wacht op goedkeuring")
    reported = reply(question(), body="Gemeld bericht")
    services.post_report(user=forum_member(), post=reported, reason="Reclame")
    login(client, coordinator(), two_factor=True)
    body = text(client.get("/forum/moderatie/"))
    assert "Wacht op goedkeuring" in body
    assert "Gemeld bericht" in body
    assert "1 melding" in body
    assert waiting.posts.get().status == Post.Status.PENDING


# --- working groups ---------------------------------------------------------------------------


@pytest.fixture
def secret_thread():
    insider = forum_member(handle="insider")
    working_group().members.add(insider)
    thread = question(insider, category=restricted_category(), title="Geheim werkgroepplan")
    post = reply(thread, author=insider, body="Interne afspraak")
    return thread, post, insider


def test_an_outsider_cannot_find_a_working_groups_threads_anywhere(client, secret_thread):
    from aanspreekpunt.forum import selectors

    thread, post, insider = secret_thread
    outsider = forum_member(handle="buitenstaander")
    for who in (None, outsider):
        client.logout()
        if who:
            client.force_login(who)
        assert "Werkgroep kwaliteit" not in text(client.get("/forum/"))
        for url in (
            "/forum/werkgroep-kwaliteit/",
            "/forum/werkgroep-kwaliteit/feed.xml",
            thread.get_absolute_url(),
            reverse("forum:post_history", args=[post.pk]),
        ):
            assert client.get(url).status_code == 404, url
        if who:
            for url in (
                reverse("forum:reply", args=[thread.pk]),
                reverse("forum:thread_unread", args=[thread.pk]),
                reverse("forum:post_report", args=[post.pk]),
            ):
                assert client.get(url).status_code == 404, url
            assert client.post(reverse("forum:post_useful", args=[post.pk])).status_code == 404
            follow = client.post("/forum/werkgroep-kwaliteit/volgen/", {"mode": "immediate"})
            assert follow.status_code == 404
    assert thread not in selectors.threads_public()
    assert thread not in selectors.threads_latest(limit=50)
    # the category counts for the group only
    client.force_login(insider)
    assert "Werkgroep kwaliteit" in text(client.get("/forum/"))
    assert client.get(thread.get_absolute_url()).status_code == 200


def test_mentions_and_notifications_never_reach_outside_the_working_group(secret_thread):
    from aanspreekpunt.forum.models import Follow, Notification

    thread, _post, insider = secret_thread
    outsider = forum_member(handle="buiten")
    Follow.objects.create(user=outsider, category=restricted_category())
    other_insider = forum_member(handle="binnen")
    working_group().members.add(other_insider)
    reply(thread, author=insider, body="Wat denken @buiten en @binnen?")
    assert not Notification.objects.filter(user=outsider).exists()
    assert Notification.objects.filter(user=other_insider, kind="mention").exists()


def test_restricted_pages_are_never_cached(client, secret_thread, page_cache):
    thread, _post, insider = secret_thread
    client.force_login(insider)
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    client.logout()
    assert client.get(thread.get_absolute_url()).status_code == 404


# --- query budgets ----------------------------------------------------------------------------


def bulk_threads(category, author, count):
    now = timezone.now()
    threads = Thread.objects.bulk_create(
        Thread(
            category=category,
            title=f"Vraag {n}",
            slug=f"vraag-{n}",
            author=author,
            last_activity_at=now,
        )
        for n in range(count)
    )
    Post.objects.bulk_create(
        Post(thread=t, author=author, body="v", body_html="<p>v</p>", is_question=True)
        for t in threads
    )
    return threads


@pytest.mark.parametrize("count", [10, 500])
def test_the_category_list_and_a_topic_list_make_the_same_queries_at_any_size(
    client, django_assert_max_num_queries, count
):
    author = forum_member()
    for category in Category.objects.filter(working_group__isnull=True)[:3]:
        bulk_threads(category, author, count)
    client.force_login(forum_member())
    with django_assert_max_num_queries(12):
        assert client.get("/forum/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get("/forum/chathulp/").status_code == 200
    client.logout()
    with django_assert_max_num_queries(6):
        assert client.get("/forum/chathulp/?pagina=2").status_code == 200


@pytest.mark.parametrize("count", [10, 500])
def test_a_thread_page_makes_the_same_queries_at_any_size(
    client, django_assert_max_num_queries, count
):
    author = forum_member()
    thread = question(author)
    services.answer_mark(actor=author, post=reply(thread))
    repliers = [forum_member() for _ in range(3)]
    Post.objects.bulk_create(
        Post(thread=thread, author=repliers[n % 3], body=f"r{n}", body_html=f"<p>r{n}</p>")
        for n in range(count)
    )
    client.force_login(forum_member())
    with django_assert_max_num_queries(22):
        assert client.get(thread.get_absolute_url() + "?pagina=2").status_code == 200
    client.logout()
    with django_assert_max_num_queries(8):
        assert client.get(thread.get_absolute_url()).status_code == 200
