"""One search across pages, offerings and organisations: any input answers, nothing is
written, counts per kind, pagination, safe highlighted snippets, a useful empty state."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from aanspreekpunt.pages import models as m
from aanspreekpunt.search.selectors import site_search
from tests.socialekaart.factories import bulk_public_offerings

from .conftest import block, publish

pytestmark = pytest.mark.django_db

ODD_INPUTS = [
    "chat\x00hulp",
    '"chat',
    "'; DROP TABLE pages_articlepage; --",
    "x" * 3000,
    "     ",
    "\t\n",
    "chat & | ! :* <-> ( )",
    "%_%\\",
    "<script>alert(1)</script>",
    "ünïcödé ☃ 😀",
    "de het een",  # only Dutch stop words
]


def text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_one_search_finds_an_article_and_an_offering_with_counts_per_kind(
    client, article, offering
):
    html = text(client.get("/zoeken/", {"q": "chat"}))
    assert article.title in html
    assert offering.name in html
    assert "Artikels (1)" in html
    assert "Aanbod (1)" in html


def test_a_filter_per_kind_shows_only_that_kind(client, article, offering):
    html = text(client.get("/zoeken/", {"q": "chat", "soort": "aanbod"}))
    assert offering.name in html
    assert article.title not in html
    assert 'aria-current="true">Aanbod (1)' in html


def test_a_topic_narrows_the_search_to_what_carries_it(client, article, offering, topic):
    html = text(client.get("/zoeken/", {"q": "chat", "onderwerp": topic.slug}))
    assert article.title in html
    assert offering.name not in html  # offerings carry themes, not topics


def test_unpublished_pages_and_hidden_offerings_are_not_found(client, article, offering):
    article.unpublish()
    offering.is_public = False
    offering.save()
    html = text(client.get("/zoeken/", {"q": "chat"}))
    assert article.title not in html
    assert offering.name not in html


@pytest.mark.parametrize("restrict", ["article", "theme"])
def test_a_page_behind_a_view_restriction_is_not_found(client, home, article, theme_page, restrict):
    other = publish(home, m.ArticlePage(title="Chat in de open lucht", slug="open-lucht"))
    restricted = article if restrict == "article" else theme_page  # the page or an ancestor
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    html = text(client.get("/zoeken/", {"q": "chat"}))
    assert article.title not in html
    assert other.title in html
    assert article.url not in html


@pytest.mark.parametrize("query", ODD_INPUTS)
def test_any_input_gets_an_answer(client, article, offering, query):
    response = client.get("/zoeken/", {"q": query, "pagina": "abc", "soort": "\x00x"})
    html = text(response)
    assert "<script>alert(1)</script>" not in html


def test_a_search_writes_nothing(client, article, offering):
    with CaptureQueriesContext(connection) as captured:
        text(client.get("/zoeken/", {"q": "chat"}))
        text(client.get("/zoeken/", {"q": "chat", "soort": "artikels", "pagina": "2"}))
    writes = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []


def test_snippets_mark_the_words_found_and_escape_the_rest(client, home):
    publish(
        home,
        m.StandardPage(
            title="Over veiligheid",
            slug="veiligheid",
            body=[block("paragraph", "<p>Let op &lt;b&gt; bij chatgesprekken met jongeren.</p>")],
        ),
    )
    html = text(client.get("/zoeken/", {"q": "chatgesprekken"}))
    snippet = re.search(r'<p class="snippet">(.*?)</p>', html, re.S).group(1)
    assert "<mark>chatgesprekken</mark>" in snippet
    assert "<b>" not in snippet  # the text's own "<b>" is shown as text, or left out


def test_results_are_paged(client, organisation):
    bulk_public_offerings(45, organisations=[organisation])
    html = text(client.get("/zoeken/", {"q": "bulkaanbod"}))
    assert "45 resultaten" in html
    assert html.count('class="result"') == 20
    last = text(client.get("/zoeken/", {"q": "bulkaanbod", "pagina": "999"}))
    assert last.count('class="result"') == 5
    assert "Pagina 3 van 3" in last


def test_pages_of_results_do_not_overlap(organisation):
    bulk_public_offerings(45, organisations=[organisation])
    first = site_search(query="bulkaanbod", page_number=1).page.object_list
    second = site_search(query="bulkaanbod", page_number=2).page.object_list
    assert not {hit.pk for hit in first} & {hit.pk for hit in second}


def test_nothing_found_suggests_the_service_map(client, offering):
    html = text(client.get("/zoeken/", {"q": "zzzonvindbaar"}))
    assert "0 resultaten" in html
    assert "/sociale-kaart/?q=zzzonvindbaar" in html
    assert "/sociale-kaart/?nu_open=true" in html


@pytest.mark.parametrize("count", [10, 500])
def test_the_search_costs_the_same_queries_for_10_and_500_offerings(
    client, organisation, article, count, django_assert_max_num_queries
):
    bulk_public_offerings(count, organisations=[organisation])
    text(client.get("/zoeken/", {"q": "bulkaanbod"}))  # the site's root paths, once
    # a count per registered kind, the rows of those with hits and the layout's few; the
    # page kinds' view restrictions are a subquery each, not a query each (were 7 more)
    with django_assert_max_num_queries(15):
        html = text(client.get("/zoeken/", {"q": "bulkaanbod", "pagina": "2"}))
    assert f"{count} resultaten" in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Dutch stemming is PostgreSQL's")
def test_dutch_stemming_finds_other_forms_of_a_word(client, theme_page, topic):
    publish(
        theme_page,
        m.ArticlePage(
            title="Een plan voor de organisatie",
            slug="plan",
            body=[block("paragraph", "<p>Over de hulpverlening via chat.</p>")],
        ),
    )
    html = text(client.get("/zoeken/", {"q": "hulpverleners"}))
    assert "Een plan voor de organisatie" in html
