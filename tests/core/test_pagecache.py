"""The page cache's own rules: data versions, what is stored, and the HTTP headers."""

import re
import time

import pytest
from django.core.cache import cache
from django.db import transaction
from django.templatetags.static import static
from django.test import Client

from aanspreekpunt.core import pagecache
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

PLACEHOLDER = "/vorming/"  # a public page of the site's layout that needs no data


def test_a_vanished_version_comes_back_newer_than_it_ever_was():
    first = pagecache.data_version("things")
    pagecache.bump("things")
    bumped = pagecache.data_version("things")
    cache.delete(pagecache.version_key("things"))  # evicted, or Redis restarted empty
    assert first < bumped < pagecache.data_version("things")


def test_a_change_is_counted_once_per_transaction_and_only_when_it_commits(
    django_capture_on_commit_callbacks,
):
    before = pagecache.data_version("things")
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        pagecache.data_changed("things")
        pagecache.data_changed("things")
        assert pagecache.data_version("things") == before  # not before the commit
    assert len(callbacks) == 1
    assert pagecache.data_version("things") == before + 1


def test_a_change_in_a_rolled_back_savepoint_is_not_counted_but_a_later_one_is(
    django_capture_on_commit_callbacks,
):
    before = pagecache.data_version("things")
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                pagecache.data_changed("things")
                raise RuntimeError
        except RuntimeError:
            pass
    assert pagecache.data_version("things") == before
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        with transaction.atomic():
            pagecache.data_changed("things")
        pagecache.data_changed("things")  # counted even had the inner one rolled back
    assert pagecache.data_version("things") > before


def test_an_anonymous_visitor_gets_the_stored_copy_with_the_same_bytes(client, settings):
    first = client.get(PLACEHOLDER)
    second = client.get(PLACEHOLDER)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    settings.PAGE_CACHE_ENABLED = False
    assert client.get(PLACEHOLDER).content == second.content


def test_csrf_and_language_cookies_share_the_anonymous_copy(client):
    client.get(PLACEHOLDER)
    other = Client()
    other.cookies["csrftoken"] = "a" * 32
    other.cookies["django_language"] = "en"
    assert other.get(PLACEHOLDER)["X-Page-Cache"] == "hit"


def test_a_logged_in_member_never_gets_nor_leaves_a_cached_page(client):
    member = UserFactory()
    client.get(PLACEHOLDER)  # the anonymous copy is stored
    client.force_login(member)
    personal = client.get(PLACEHOLDER)
    assert "X-Page-Cache" not in personal
    assert 'action="/accounts/logout/"' in personal.content.decode()
    assert "private" in personal["Cache-Control"]
    anonymous = Client().get(PLACEHOLDER)
    assert anonymous["X-Page-Cache"] == "hit"
    assert 'action="/accounts/logout/"' not in anonymous.content.decode()
    assert "csrfmiddlewaretoken" not in anonymous.content.decode()  # the logout form's


def test_a_page_with_a_flash_message_is_neither_served_from_nor_stored_in_the_cache(client):
    client.get(PLACEHOLDER)
    visitor = Client()
    visitor.cookies["messages"] = "anything"
    response = visitor.get(PLACEHOLDER)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_a_page_with_a_csrf_token_is_never_stored(client):
    first = client.get("/accounts/password/reset/")
    second = Client().get("/accounts/password/reset/")
    assert first.status_code == second.status_code == 200
    assert "X-Page-Cache" not in second
    tokens = [
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', r.content.decode()).group(1)
        for r in (first, second)
    ]
    assert tokens[0] != tokens[1]
    assert "private" in second["Cache-Control"]


def test_a_form_reached_from_a_cached_page_posts_successfully(client):
    visitor = Client(enforce_csrf_checks=True)
    home = visitor.get(PLACEHOLDER)
    visitor.get(PLACEHOLDER)
    assert visitor.get(PLACEHOLDER)["X-Page-Cache"] == "hit"
    assert 'href="/accounts/signup/"' in home.content.decode()
    form = visitor.get("/accounts/password/reset/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode())
    response = visitor.post(
        "/accounts/password/reset/",
        {"email": "iemand@example.org", "csrfmiddlewaretoken": token.group(1)},
    )
    assert response.status_code == 302


def test_a_post_is_never_answered_from_the_cache(client):
    client.get(PLACEHOLDER)
    response = client.post(PLACEHOLDER)
    assert "X-Page-Cache" not in response


def test_a_public_page_may_be_kept_one_second_by_shared_caches_and_revalidated(client):
    response = client.get(PLACEHOLDER)
    control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "s-maxage=1"} <= control
    assert response["ETag"]
    hit = client.get(PLACEHOLDER, HTTP_IF_NONE_MATCH=response["ETag"])
    assert hit.status_code == 304


def test_nginx_keeps_a_public_page_no_longer_than_the_second_it_was_served_in(client):
    for _ in range(2):  # a miss, then a hit
        before = int(time.time())
        response = client.get(PLACEHOLDER)
        assert before <= int(response["X-Accel-Expires"].removeprefix("@")) <= time.time()
    client.force_login(UserFactory())
    assert "X-Accel-Expires" not in client.get(PLACEHOLDER)


def test_a_personal_page_is_private(client):
    client.force_login(UserFactory())
    response = client.get(PLACEHOLDER)
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "s-maxage" not in response["Cache-Control"]


def test_static_assets_are_fingerprinted_and_kept_for_a_year(client):
    url = static("css/site.css")
    assert re.search(r"site\.[0-9a-f]{12}\.css$", url)
    response = client.get(url)
    assert response.status_code == 200
    max_age = int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))
    assert max_age >= 365 * 24 * 3600


def test_a_deploy_serves_no_page_rendered_by_the_previous_code(client):
    client.get(PLACEHOLDER)
    pagecache.bump(pagecache.DEPLOY)  # what `migrate` does on every deploy
    assert client.get(PLACEHOLDER)["X-Page-Cache"] == "miss"


def test_a_request_waits_for_the_copy_another_is_rendering(client, monkeypatch):
    from django.test import RequestFactory

    monkeypatch.setattr(pagecache, "RENDER_WAIT_SECONDS", 0.05)
    request = RequestFactory().get(PLACEHOLDER)
    policy = pagecache.policy_for_path(PLACEHOLDER)
    key = pagecache.page_key(request)
    *versions, _ = pagecache.data_versions(policy.versions, also=[key])
    stamp = pagecache.page_stamp(policy, versions)
    cache.add(f"{key}:rendering:{stamp}", 1)  # another request is rendering the page
    cache.set(key, (stamp, 200, [("Content-Type", "text/html")], b"rendered by the other"))
    assert client.get(PLACEHOLDER).content == b"rendered by the other"
    cache.delete(key)  # the other never finishes: after the wait, render it here
    response = client.get(PLACEHOLDER)
    assert response["X-Page-Cache"] == "miss"
    assert b"<html" in response.content


def test_a_page_that_may_not_be_stored_is_rendered_for_every_request(client):
    for _ in range(3):
        response = client.get("/accounts/password/reset/")  # not declared: never stored
        assert "X-Page-Cache" not in response
    # A declared page that turns out not storable (a 404) is rendered each time too.
    for _ in range(3):
        response = client.get("/sociale-kaart/aanbod/bestaat-niet/")
        assert response.status_code == 404
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]


def test_a_retitled_footer_page_shows_on_every_cached_page_at_the_next_request(
    client, django_capture_on_commit_callbacks
):
    from wagtail.models import Page

    assert "Contact" in client.get(PLACEHOLDER).content.decode()
    assert client.get(PLACEHOLDER)["X-Page-Cache"] == "hit"
    contact = Page.objects.get(slug="contact").specific
    contact.title = "Contact en vragen"
    with django_capture_on_commit_callbacks(execute=True):
        contact.save_revision().publish()
    response = client.get(PLACEHOLDER)
    assert response["X-Page-Cache"] == "miss"
    assert "Contact en vragen" in response.content.decode()


def test_publishing_a_page_outside_the_footer_leaves_the_layout_as_it_is(
    django_capture_on_commit_callbacks,
):
    from wagtail.models import Page

    from aanspreekpunt.pages.models import StandardPage

    layout = pagecache.data_version(pagecache.LAYOUT)
    home = Page.objects.get(depth=2)
    with django_capture_on_commit_callbacks(execute=True):
        page = home.add_child(instance=StandardPage(title="Nieuws", slug="nieuws"))
        page.save_revision().publish()
    assert pagecache.data_version(pagecache.LAYOUT) == layout
    with django_capture_on_commit_callbacks(execute=True):
        contact = Page.objects.get(slug="contact").specific
        contact.save_revision().publish()
    assert pagecache.data_version(pagecache.LAYOUT) > layout


# --- values kept by data version --------------------------------------------------------------


@pytest.fixture
def waiting(monkeypatch):
    """Set once a request starts waiting for the value another one computes."""
    import threading

    entered = threading.Event()
    original = pagecache.wait_for

    def wait_for(*args, **kwargs):
        entered.set()
        return original(*args, **kwargs)

    monkeypatch.setattr(pagecache, "wait_for", wait_for)
    return entered


def test_a_value_kept_by_version_is_computed_once_while_others_wait_for_it(waiting):
    """A change of data (or of the minute) has one request compute what is kept; the others
    that ask meanwhile get its value instead of computing the same."""
    import threading

    started, release, calls, results = threading.Event(), threading.Event(), [], []

    def slow():
        calls.append(1)
        started.set()
        release.wait(5)
        return "counted"

    first = threading.Thread(
        target=lambda: results.append(pagecache.cached_by_versions("facets", ("things",), slow))
    )
    first.start()
    started.wait(5)
    second = threading.Thread(
        target=lambda: results.append(pagecache.cached_by_versions("facets", ("things",), slow))
    )
    second.start()
    assert waiting.wait(5)  # the second request waits while the first computes
    release.set()
    first.join(5)
    second.join(5)
    assert results == ["counted", "counted"]
    assert len(calls) == 1


def test_a_waiting_request_computes_itself_when_the_first_one_fails(waiting):
    import threading

    started, release, results = threading.Event(), threading.Event(), []

    def failing():
        started.set()
        release.wait(5)
        raise LookupError("gone")

    def run_first():
        with pytest.raises(LookupError):
            pagecache.cached_by_versions("facets", ("things",), failing)

    first = threading.Thread(target=run_first)
    first.start()
    started.wait(5)
    second = threading.Thread(
        target=lambda: results.append(
            pagecache.cached_by_versions("facets", ("things",), lambda: "second")
        )
    )
    second.start()
    assert waiting.wait(5)  # the second request waits while the first computes
    release.set()
    first.join(5)
    second.join(5)
    assert results == ["second"]


def test_a_computed_none_is_kept_until_the_version_changes():
    calls = []

    def nothing():
        calls.append(1)

    assert pagecache.cached_by_versions("empty", ("things",), nothing) is None
    assert pagecache.cached_by_versions("empty", ("things",), nothing) is None
    assert len(calls) == 1
    pagecache.bump("things")
    pagecache.cached_by_versions("empty", ("things",), nothing)
    assert len(calls) == 2
