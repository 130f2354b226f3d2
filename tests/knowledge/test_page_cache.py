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
