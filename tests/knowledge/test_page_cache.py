"""The knowledge site's pages from the page cache: a publish, unpublish or move renders every
page that shows the changed page afresh (the lists, the theme pages, the home page), and so
does a change to what other apps show on them (the map's offerings)."""

import pytest
from django.db import connection
from django.test import Client

from aanspreekpunt.core.pagecache import Bump
from aanspreekpunt.pages import models as m

from .conftest import publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


def served(url) -> tuple[str, str]:
    response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode(), response.get("X-Page-Cache", "")


def settle() -> None:
    """Let what the fixtures queued for their commit happen, as it would have before a visit
    (the test's transaction never commits)."""
    for _savepoints, callback, _robust in connection.run_on_commit:
        if isinstance(callback, Bump) and not callback.done:
            callback()


def cached(url) -> str:
    settle()
    _text, _ = served(url)
    again, status = served(url)
    assert status == "hit"
    return again


def test_publishing_news_renders_home_news_list_and_theme_page_afresh(
    commit, theme_page, news_index, topic
):
    for url in ["/", "/nieuws/", theme_page.url]:
        assert "Vers bericht" not in cached(url)
    commit(publish, news_index, m.NewsPage(title="Vers bericht", slug="vers"), topics=[topic])
    for url in ["/", "/nieuws/", theme_page.url]:
        text, status = served(url)
        assert status == "miss"
        assert "Vers bericht" in text


def test_unpublishing_an_article_takes_it_off_its_theme_page(commit, theme_page, article):
    assert article.title in cached(theme_page.url)
    commit(article.unpublish)
    text, status = served(theme_page.url)
    assert status == "miss"
    assert article.title not in text
    assert Client().get(article.url).status_code == 404


def test_moving_an_article_moves_it_between_theme_pages(commit, home, theme_page, article):
    other = commit(publish, home, m.ThemePage(title="Ander thema", slug="ander-thema"))
    assert article.title not in cached(other.url)
    assert article.title in cached(theme_page.url)
    article.topics.clear()  # on the old theme only by being below it
    commit(lambda: article.save_revision().publish())
    commit(article.move, other, pos="last-child")
    assert article.title in served(other.url)[0]
    assert article.title not in served(theme_page.url)[0]


def test_a_changed_offering_renders_the_theme_page_that_shows_it_afresh(
    commit, theme_page, offering
):
    assert offering.name in cached(theme_page.url)

    def rename():
        offering.name = "Rouwchat, nieuw"
        offering.save()

    commit(rename)
    text, status = served(theme_page.url)
    assert status == "miss"
    assert "Rouwchat, nieuw" in text


def test_the_news_feed_and_the_sitemap_follow_the_pages(commit, news_index):
    assert "Feedbericht" not in cached("/nieuws/rss/")
    assert "/nieuws/feedbericht/" not in cached("/sitemap.xml")
    commit(publish, news_index, m.NewsPage(title="Feedbericht", slug="feedbericht"))
    assert "Feedbericht" in served("/nieuws/rss/")[0]
    assert "/nieuws/feedbericht/" in served("/sitemap.xml")[0]


def test_search_results_are_cached_until_searched_data_changes(commit, theme_page, offering):
    url = "/zoeken/?q=rouwchat"
    assert "Rouwchat voor jongeren" in cached(url)

    def rename():
        offering.name = "Rouwchat anders"
        offering.save()

    commit(rename)
    text, status = served(url)
    assert status == "miss"
    assert "Rouwchat anders" in text


def test_a_member_gets_the_home_blocks_from_the_cache_and_a_publish_refreshes_them(
    commit, news_index, topic, member, django_assert_max_num_queries
):
    client = Client()
    client.force_login(member)
    settle()
    assert "Vers bericht" not in client.get("/").content.decode()
    with django_assert_max_num_queries(8):  # the page, the session; no block's query
        again = client.get("/")
    assert again.get("X-Page-Cache", "") == ""  # members never get the page cache
    commit(publish, news_index, m.NewsPage(title="Vers bericht", slug="vers"), topics=[topic])
    assert "Vers bericht" in client.get("/").content.decode()


def test_a_member_gets_the_home_page_below_the_header_from_the_cache_until_a_publish(
    commit, home, news_index, topic, member, django_assert_max_num_queries
):
    settle()
    member_client = Client()
    member_client.force_login(member)
    first = member_client.get("/").content.decode()
    # The member, and Wagtail's routing (page, aliases, view restrictions; the site is kept):
    # none for the news, the blocks or the page's links.
    with django_assert_max_num_queries(4):
        again = member_client.get("/").content.decode()
    assert again.split("<main", 1)[1] == first.split("<main", 1)[1]
    commit(publish, news_index, m.NewsPage(title="Vers bericht", slug="vers"), topics=[topic])
    assert "Vers bericht" in member_client.get("/").content.decode()

    home.intro = "<p>Een nieuwe inleiding</p>"
    commit(lambda: home.save_revision().publish())
    assert "Een nieuwe inleiding" in member_client.get("/").content.decode()


def test_a_preview_of_the_home_page_shows_the_draft_not_the_kept_page(home, rf, member):
    settle()
    assert "Nog niet gepubliceerd" not in cached("/")
    home.intro = "<p>Nog niet gepubliceerd</p>"
    home.save_revision()  # a draft, as the editor's preview renders it
    draft = home.get_latest_revision_as_object()
    request = rf.get("/admin/")
    request.user = member
    preview = draft.make_preview_request(request, draft.default_preview_mode)
    assert "Nog niet gepubliceerd" in preview.content.decode()
    assert "Nog niet gepubliceerd" not in served("/")[0]


def test_an_editors_preview_never_comes_from_nor_goes_into_the_page_cache(article, rf, member):
    """Wagtail renders a preview through the middleware on a request without cookies: the
    page cache must not answer it with the published copy, nor store the draft."""
    settle()
    published = cached(article.url)
    article.title = "Ontwerp van een nieuwe titel"
    article.save_revision()
    draft = article.get_latest_revision_as_object()
    request = rf.get("/admin/")
    request.user = member
    preview = draft.make_preview_request(request, draft.default_preview_mode)
    assert "Ontwerp van een nieuwe titel" in preview.content.decode()
    assert "private" in preview["Cache-Control"]
    text, status = served(article.url)
    assert (text, status) == (published, "hit")


def test_wagtails_site_is_looked_up_once_until_a_site_changes(
    commit, member, monkeypatch, django_assert_max_num_queries
):
    from wagtail.models import Site

    settle()
    looked_up = []
    original = Site._find_for_request  # the database lookup behind find_for_request
    monkeypatch.setattr(
        Site, "_find_for_request", staticmethod(lambda r: looked_up.append(1) or original(r))
    )
    member_client = Client()
    member_client.force_login(member)
    assert member_client.get("/").status_code == 200
    with django_assert_max_num_queries(4):  # the member; Wagtail's page and its restrictions
        assert member_client.get("/").status_code == 200
    assert member_client.get("/nieuws/").status_code in (200, 404)
    assert len(looked_up) == 1
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Aanspreekpunt (nieuwe naam)"
    commit(site.save)
    member_client.get("/")
    assert len(looked_up) == 2
