"""Mijn kennisplein: a member keeps pages and offerings with one button, without JavaScript
(a POST form) or with htmx (in place), finds them grouped and newest first, never cached."""

import pytest
from django.test import Client

from aanspreekpunt.bookmarks.models import Bookmark

pytestmark = pytest.mark.django_db

TOGGLE = "/mijn-kennisplein/bewaren/"
LIST = "/mijn-kennisplein/"


def save(client, kind, object_id, *, action="add", htmx=False, next_url="/"):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    data = {"kind": kind, "object_id": str(object_id), "action": action, "next": next_url}
    return client.post(TOGGLE, data, **headers)


def test_a_member_bookmarks_a_page_and_an_offering_and_finds_both_grouped(
    member_client, article, offering
):
    response = save(member_client, "pagina", article.pk, next_url=article.url)
    assert response.status_code == 302
    assert response["Location"] == article.url
    save(member_client, "aanbod", offering.pk)
    html = member_client.get(LIST).content.decode()
    assert 'id="group-pagina">Pagina&#x27;s (1)<' in html
    assert "Aanbod (1)" in html
    assert article.title in html
    assert offering.name in html
    assert html.index("group-pagina") < html.index("group-aanbod")  # the registry's order


def test_newest_first_within_a_kind(member_client, home):
    from aanspreekpunt.pages.models import StandardPage

    from .conftest import publish

    first = publish(home, StandardPage(title="Eerst bewaard", slug="eerst"))
    second = publish(home, StandardPage(title="Later bewaard", slug="later"))
    save(member_client, "pagina", first.pk)
    save(member_client, "pagina", second.pk)
    html = member_client.get(LIST).content.decode()
    assert html.index("Later bewaard") < html.index("Eerst bewaard")


def test_the_button_toggles_in_place_with_htmx(member_client, member, article):
    response = save(member_client, "pagina", article.pk, htmx=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<form class="bookmark"')
    assert 'aria-pressed="true"' in html
    response = save(member_client, "pagina", article.pk, action="remove", htmx=True)
    assert 'aria-pressed="false"' in response.content.decode()
    assert not Bookmark.objects.filter(user=member).exists()


def test_the_page_shows_the_form_to_members_and_a_login_link_to_visitors(member_client, article):
    html = member_client.get(article.url).content.decode()
    assert f'action="{TOGGLE}"' in html
    assert 'hx-post="' in html
    visitor = Client().get(article.url).content.decode()
    assert TOGGLE not in visitor
    assert "Meld u aan om dit te bewaren in Mijn kennisplein" in visitor


def test_saving_twice_keeps_one_bookmark(member_client, member, offering):
    save(member_client, "aanbod", offering.pk)
    save(member_client, "aanbod", offering.pk)
    assert Bookmark.objects.filter(user=member).count() == 1


def test_removing_without_javascript(member_client, member, offering):
    save(member_client, "aanbod", offering.pk)
    response = save(member_client, "aanbod", offering.pk, action="remove", next_url=LIST)
    assert response["Location"] == LIST
    assert "U hebt nog niets bewaard." in member_client.get(LIST).content.decode()


def test_what_is_no_longer_public_is_not_shown(member_client, article, offering):
    save(member_client, "pagina", article.pk)
    save(member_client, "aanbod", offering.pk)
    article.unpublish()
    offering.is_public = False
    offering.save()
    html = member_client.get(LIST).content.decode()
    assert article.title not in html
    assert offering.name not in html
    assert "U hebt nog niets bewaard." in html


def test_what_is_not_public_cannot_be_bookmarked(member_client, member, offering):
    offering.is_public = False
    offering.save()
    response = save(member_client, "aanbod", offering.pk, htmx=True)
    assert response.status_code == 400
    assert "niet openbaar" in response.content.decode()
    assert not Bookmark.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "onbekend", "object_id": "1", "action": "add"},
        {"kind": "pagina", "object_id": "x" * 500, "action": "add"},
        {"kind": "pagina", "object_id": "1\x00", "action": "add"},
        {"kind": "aanbod", "object_id": "-1", "action": "add"},
        {"kind": "pagina", "object_id": "1", "action": "steal"},
        {},
    ],
)
def test_bad_input_is_refused_never_a_500(member_client, data):
    response = member_client.post(TOGGLE, data)
    assert response.status_code in (302, 400)
    assert not Bookmark.objects.exists()


def test_another_site_as_next_is_not_followed(member_client, offering):
    response = save(member_client, "aanbod", offering.pk, next_url="https://evil.example/")
    assert response["Location"] == LIST


def test_visitors_are_sent_to_log_in(client, offering):
    assert client.get(LIST)["Location"].startswith("/accounts/login/")
    assert save(client, "aanbod", offering.pk)["Location"].startswith("/accounts/login/")


def test_bookmarks_are_never_cached(member_client, page_cache, article):
    save(member_client, "pagina", article.pk)
    response = member_client.get(LIST)
    assert "no-cache" in response["Cache-Control"] or "private" in response["Cache-Control"]
    assert response.get("X-Page-Cache", "") == ""
    page = member_client.get(article.url)
    assert "private" in page["Cache-Control"]
