"""The pages every install has (contact, accessibility statement, about), the footer that
links them, the human sitemap and the page titles."""

import importlib
import re

import pytest
from django.apps import apps
from wagtail.models import Page, Site

from aanspreekpunt.pages.models import StandardPage

pytestmark = pytest.mark.django_db

SITE_PAGES = {
    "contact": "Contact",
    "toegankelijkheid": "Toegankelijkheidsverklaring",
    "over-het-aanspreekpunt": "Over het aanspreekpunt",
}
TO_FILL_IN = "nog in te vullen door het aanspreekpunt"


def footer(client, path="/") -> str:
    html = client.get(path).content.decode()
    return re.search(r'<footer class="site-footer">.*</footer>', html, re.S).group(0)


def home() -> Page:
    return Site.objects.get(is_default_site=True).root_page


def test_a_fresh_install_has_the_site_pages_published(client):
    for slug, title in SITE_PAGES.items():
        page = StandardPage.objects.get(slug=slug)
        assert page.live
        assert page.get_parent().pk == home().pk
        response = client.get(f"/{slug}/")
        assert response.status_code == 200
        assert f"<h1>{title}</h1>" in response.content.decode()
    # the tree is sound: the home page counts its children
    assert home().numchild == home().get_children().count()


def test_creating_the_site_pages_again_changes_nothing():
    migration = importlib.import_module("aanspreekpunt.pages.migrations.0003_site_pages")
    before = list(Page.objects.order_by("path").values_list("path", "slug"))

    migration.create_site_pages(apps, None)

    assert list(Page.objects.order_by("path").values_list("path", "slug")) == before


def test_the_footer_links_the_site_pages_and_the_sitemap(client):
    html = footer(client)
    for slug, title in SITE_PAGES.items():
        assert f'<a href="/{slug}/">{title}</a>' in html
    assert '<a href="/sitemap/">Sitemap</a>' in html


def test_the_footer_hides_a_page_an_editor_unpublished(client):
    footer(client)  # the links are cached now
    StandardPage.objects.get(slug="contact").unpublish()

    html = footer(client)
    assert 'href="/contact/"' not in html
    assert 'href="/toegankelijkheid/"' in html


def test_the_footer_shows_the_title_an_editor_published(client):
    footer(client)
    page = StandardPage.objects.get(slug="over-het-aanspreekpunt")
    page.title = "Wie wij zijn"
    page.save_revision().publish()

    assert '<a href="/over-het-aanspreekpunt/">Wie wij zijn</a>' in footer(client)


def test_the_accessibility_statement_follows_the_flemish_model(client):
    text = client.get("/toegankelijkheid/").content.decode()
    for part in (
        "WCAG",
        "2.1",
        "niveau AA",
        "gedeeltelijk conform",
        "Wat nog niet toegankelijk is",
        "Een probleem melden",
        "Handhavingsprocedure",
        "Vlaamse Ombudsdienst",
        "Deze verklaring werd opgesteld op",
    ):
        assert part in text, part
    # the sections are headings under the page's h1, so a screen reader can jump between them
    assert "<h2>Handhavingsprocedure</h2>" in text
    # what is not known yet says so, on the page
    assert f"Datum van die audit: <strong>{TO_FILL_IN}</strong>" in text
    assert f"opgesteld op <strong>{TO_FILL_IN}</strong>" in text


def test_the_contact_page_says_what_is_still_to_be_filled_in(client):
    text = client.get("/contact/").content.decode()
    assert f"E-mailadres: <strong>{TO_FILL_IN}</strong>" in text
    assert "@" not in re.sub(r"<(header|footer).*?</\1>", "", text, flags=re.S)


def test_the_home_page_title_names_the_site_once(client):
    title = re.search(r"<title>(.*?)</title>", client.get("/").content.decode(), re.S).group(1)
    assert title.strip() == "Aanspreekpunt Onlinehulp"


def test_other_pages_put_the_site_name_after_their_own(client):
    html = client.get("/contact/").content.decode()
    assert "<title>Contact · Aanspreekpunt Onlinehulp</title>" in html


def test_the_sitemap_lists_the_sections_and_the_published_pages(client):
    about = StandardPage.objects.get(slug="over-het-aanspreekpunt")
    about.add_child(instance=StandardPage(title="Ons team", slug="ons-team"))
    about.add_child(instance=StandardPage(title="Nog een concept", slug="concept", live=False))

    response = client.get("/sitemap/")

    assert response.status_code == 200
    html = response.content.decode()
    for href in ("/sociale-kaart/", "/vorming/", "/beleidsacties/", "/forum/", "/zoeken/"):
        assert f'href="{href}"' in html
    assert '<a href="/contact/">Contact</a>' in html
    # a child page sits in its parent's list
    nested = r'href="/over-het-aanspreekpunt/">[^<]*</a><ul>\s*<li><a href="[^"]*/ons-team/"'
    assert re.search(nested, html)
    assert "Nog een concept" not in html
    assert 'href="/sitemap.xml"' in html


@pytest.mark.parametrize("count", [2, 40])
def test_the_sitemap_query_budget_does_not_grow_with_the_pages(
    client, django_assert_max_num_queries, count
):
    about = StandardPage.objects.get(slug="over-het-aanspreekpunt")
    for number in range(count):
        about.add_child(instance=StandardPage(title=f"Pagina {number}", slug=f"pagina-{number}"))
    client.get("/sitemap/")  # warm the caches the layout shares with every page

    with django_assert_max_num_queries(6):
        response = client.get("/sitemap/")
    assert response.content.decode().count('href="/over-het-aanspreekpunt/pagina-') == count
