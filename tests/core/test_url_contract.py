"""Every public path of the URL contract (product.md §9) answers."""

import pytest

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/",
    "/sociale-kaart/",
    "/sociale-kaart/sectoren/",
    "/vorming/",
    "/vorming/planning/",
    "/vorming/agenda.ics",
    "/beleidsacties/",
    "/beleidsacties/1/",
    "/beleidsacties/44/",
    "/beleidsacties/dashboard/",
    "/forum/",
    "/vraag/",
    "/vraag/stellen/",
    "/stappenplan/",
    "/zoeken/?q=onlinehulp",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/api/v1/",
    "/api/v1/docs",
    "/api/v1/openapi.json",
    "/health/",
    "/sitemap.xml",
    "/robots.txt",
]
MEMBERS_ONLY = ["/sociale-kaart/mijn-organisatie/", "/mijn-kennisplein/", "/accounts/profiel/"]


@pytest.mark.parametrize("path", PUBLIC)
def test_public_path_answers(client, path):
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", MEMBERS_ONLY)
def test_members_only_path_sends_visitors_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("path", MEMBERS_ONLY)
def test_members_only_path_answers_a_member(member_client, path):
    assert member_client.get(path).status_code == 200


def test_admin_sends_visitors_to_the_platform_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("path", ["/beleidsacties/0/", "/beleidsacties/45/", "/bestaat-niet/"])
def test_unknown_paths_get_the_dutch_not_found_page(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_robots_points_to_the_sitemap(client, settings):
    settings.SITE_URL = "https://onlinehulp.example.be"
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: https://onlinehulp.example.be/sitemap.xml" in body


def test_sitemap_lists_the_home_page(client):
    response = client.get("/sitemap.xml")
    assert b"<urlset" in response.content
    assert b"<loc>http://" in response.content


def test_agenda_feed_is_a_valid_calendar(client):
    response = client.get("/vorming/agenda.ics")
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert body.endswith("END:VCALENDAR\r\n")


def test_api_docs_describe_version_one(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["version"] == "1"
    assert "/api/v1/" in schema["paths"]


def test_pages_are_dutch_with_landmarks_and_skip_link(client):
    body = client.get("/").content.decode()
    assert '<html lang="nl-BE">' in body
    assert 'class="skip-link" href="#main"' in body
    assert '<main id="main"' in body
    assert "<nav" in body
    assert "Sociale kaart" in body
