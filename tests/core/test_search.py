import pytest
from wagtail.models import Site

from aanspreekpunt.pages.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_page():
    home = Site.objects.get(is_default_site=True).root_page.specific
    page = home.add_child(
        instance=StandardPage(title="Chathulp voor jongeren", slug="chathulp", intro="Anoniem")
    )
    page.save_revision().publish()
    return page


def test_search_finds_a_published_page(client, published_page):
    response = client.get("/zoeken/", {"q": "chathulp"})
    assert published_page.title in response.content.decode()


def test_search_without_query_shows_the_form_only(client):
    response = client.get("/zoeken/")
    assert response.status_code == 200
    assert "resultaten" not in response.content.decode()


def test_search_with_odd_input_never_fails(client):
    for query in ["x" * 5000, "'; DROP TABLE --", "%%%", "ünïcödé ☃"]:
        assert client.get("/zoeken/", {"q": query, "pagina": "abc"}).status_code == 200


def test_a_nul_character_in_the_search_box_is_a_dutch_error(client, published_page):
    response = client.get("/zoeken/", {"q": "chat\x00hulp"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Null-tekens zijn niet toegestaan." in body
    assert published_page.title not in body
