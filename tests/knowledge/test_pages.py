"""The knowledge site's page types: where they may go, what they show, what they never let
through, and the feeds and sitemap for others."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aanspreekpunt.pages import models as m
from aanspreekpunt.pages.blocks import ImageBlock

from .conftest import block, publish

pytestmark = pytest.mark.django_db

SITE = "https://onlinehulp.example.be"


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.SITE_URL = SITE


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- where each type may go ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("child", "parent", "allowed"),
    [
        (m.ThemePage, m.HomePage, True),
        (m.ArticlePage, m.ThemePage, True),
        (m.ArticlePage, m.NewsIndexPage, False),
        (m.NewsPage, m.NewsIndexPage, True),
        (m.NewsPage, m.HomePage, False),
        (m.PracticePage, m.PracticeIndexPage, True),
        (m.PracticePage, m.ThemePage, False),
        (m.FAQPage, m.ThemePage, True),
        (m.PublicationPage, m.StandardPage, True),
        (m.ThemePage, m.ThemePage, False),
        (m.StandardPage, m.NewsIndexPage, False),
    ],
)
def test_each_page_type_goes_only_where_it_makes_sense(child, parent, allowed):
    assert (parent in child.allowed_parent_page_models()) is allowed


# --- every type renders, empty and full ----------------------------------------------------


def test_every_page_type_renders_empty(client, home):
    theme_page = publish(home, m.ThemePage(title="Leeg thema", slug="leeg-thema"))
    news = publish(home, m.NewsIndexPage(title="Nieuws", slug="nieuws"))
    practices = publish(home, m.PracticeIndexPage(title="Praktijken", slug="praktijken"))
    pages = [
        theme_page,
        news,
        practices,
        publish(theme_page, m.ArticlePage(title="Leeg artikel", slug="leeg-artikel")),
        publish(news, m.NewsPage(title="Leeg bericht", slug="leeg-bericht")),
        publish(practices, m.PracticePage(title="Lege praktijk", slug="lp", organisation_name="X")),
        publish(home, m.PublicationPage(title="Lege publicatie", slug="lege-publicatie")),
        publish(home, m.FAQPage(title="Lege vragen", slug="lege-vragen")),
        publish(home, m.StandardPage(title="Lege pagina", slug="lege-pagina")),
    ]
    assert "Nothing" not in text(client.get("/"))
    for page in pages:
        body = text(client.get(page.url))
        assert f"<h1>{page.title}</h1>" in body
    assert "Leeg artikel" in text(client.get(theme_page.url))
    empty_theme = publish(home, m.ThemePage(title="Nog leeg", slug="nog-leeg"))
    assert "Er is nog niets gepubliceerd over dit thema." in text(client.get(empty_theme.url))
    assert "Leeg bericht" in text(client.get(news.url))


def test_a_pages_topics_link_to_their_theme_page_or_else_to_the_search(
    client, article, theme_page, topic
):
    from aanspreekpunt.topics.models import Topic

    other = Topic.objects.exclude(pk=topic.pk).first()
    article.topics.add(other)
    article.save_revision().publish()
    html = text(client.get(article.url))
    assert f'<a href="{theme_page.url}">{topic.name}</a>' in html
    assert f'<a href="{other.get_absolute_url()}">{other.name}</a>' in html
    assert other.get_absolute_url().startswith("/zoeken/?onderwerp=")


def test_a_full_practice_and_news_item_render_every_field(client, home, offering, topic):
    from datetime import timedelta

    from django.utils import timezone

    from tests.socialekaart.factories import ModalityFactory, SectorFactory

    practices = publish(home, m.PracticeIndexPage(title="Praktijken", slug="praktijken"))
    practice = m.PracticePage(
        title="Chat bij Tele-Onthaal",
        slug="chat-tele-onthaal",
        intro="Hoe een vrijwilligersorganisatie chat opstartte.",
        organisation_name="Tele-Onthaal vzw",
        organisation=offering.organisation,
        sector=SectorFactory(name="Algemeen welzijnswerk"),
        testimony="We begonnen klein,\nmet twee avonden per week.",
        testimony_by="Een coördinator",
        body=[block("paragraph", "<p>Het verhaal van hun <b>eerste jaar</b>.</p>")],
    )
    practice = publish(practices, practice, topics=[topic])
    practice.modalities.add(ModalityFactory(name="Chat"), ModalityFactory(name="E-mail"))
    practice.save_revision().publish()
    html = text(client.get(practice.url))
    for shown in [
        "Hoe een vrijwilligersorganisatie chat opstartte.",
        f'<a href="{offering.organisation.get_absolute_url()}">Tele-Onthaal vzw</a>',
        "Algemeen welzijnswerk",
        "Chat, E-mail",
        "We begonnen klein,<br>met twee avonden per week.",
        "<figcaption>Een coördinator</figcaption>",
        "<b>eerste jaar</b>",
        f'<a href="{offering.get_absolute_url()}">{offering.name}</a>',
        topic.name,
    ]:
        assert shown in html, shown

    news = publish(home, m.NewsIndexPage(title="Nieuws", slug="nieuws"))
    day = timezone.localdate() - timedelta(days=3)
    item = publish(
        news,
        m.NewsPage(
            title="Nieuwe chatavonden",
            slug="nieuwe-chatavonden",
            date=day,
            intro="Vanaf volgende maand elke dinsdag.",
            body=[block("heading", "Wat verandert er?")],
        ),
        topics=[topic],
    )
    html = text(client.get(item.url))
    assert "Vanaf volgende maand elke dinsdag." in html
    assert "Wat verandert er?" in html
    assert day.isoformat() in html
    assert topic.name in html


def test_a_full_article_renders_every_block(client, theme_page, offering, topic):
    table = {"caption": "Stappen", "header": ["Stap", "Wat"], "rows": [{"cells": ["1", "Visie"]}]}
    body = [
        block("heading", "Waarom chat"),
        block("paragraph", "<p>Jongeren <b>chatten</b> liever.</p>"),
        block("quote", {"text": "Chat verlaagt de drempel.", "attribution": "Een hulpverlener"}),
        block("callout", {"title": "Tip", "text": "<p>Begin klein.</p>"}),
        block("table", table),
        block("related_offerings", {"title": "", "offerings": "rouwchat-voor-jongeren"}),
        block(
            "embed",
            {"title": "Video", "url": "https://video.example.org/x", "description": "Uitleg"},
        ),
    ]
    page = publish(
        theme_page, m.ArticlePage(title="Vol artikel", slug="vol", body=body), topics=[topic]
    )
    html = text(client.get(page.url))
    for expected in [
        "<h2>Waarom chat</h2>",
        "<b>chatten</b>",
        "Chat verlaagt de drempel.",
        "Begin klein.",
        "<caption>Stappen</caption>",
        "Rouwchat voor jongeren",
        "https://video.example.org/x",
    ]:
        assert expected in html
    assert "<iframe" not in html
    # every script on the page is the platform's own
    assert all(
        src.startswith("/static/") for src in re.findall(r'<script[^>]* src="([^"]+)"', html)
    )


def test_rich_text_cannot_run_a_script(client, home):
    evil = (
        '<p onclick="steal()">Hallo<script>alert(1)</script>'
        '<a href="javascript:steal()">klik</a><img src=x onerror="steal()"></p>'
    )
    page = publish(
        home,
        m.StandardPage(
            title="Onveilig",
            slug="onveilig",
            body=[
                block("paragraph", evil),
                block("callout", {"title": "Let op", "text": evil}),
            ],
        ),
    )
    html = text(client.get(page.url))
    assert "Hallo" in html
    for bad in ["<script>alert", "onclick", "javascript:", "onerror"]:
        assert bad not in html


def test_an_image_needs_its_alternative_text():
    with pytest.raises(ValidationError):
        ImageBlock().clean({"image": None, "alt": "   ", "caption": ""})


def test_faq_page_carries_faq_structured_data_that_cannot_close_its_script(client, home):
    questions = [
        block("question", {"question": "Wat is onlinehulp?", "answer": "<p>Hulp via chat.</p>"}),
        block("question", {"question": "</script><script>x()", "answer": "<p>Geen.</p>"}),
    ]
    page = publish(home, m.FAQPage(title="Vragen", slug="vragen", body=questions))
    html = text(client.get(page.url))
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(found.group(1))
    assert data["@type"] == "FAQPage"
    assert data["mainEntity"][0]["name"] == "Wat is onlinehulp?"
    assert data["mainEntity"][0]["acceptedAnswer"]["text"] == "Hulp via chat."
    assert "<script>x()" not in html


def test_pages_have_breadcrumbs_canonical_address_opengraph_and_plain_share_links(client, article):
    html = text(client.get(article.url))
    assert 'aria-label="Kruimelpad"' in html
    assert 'href="/chathulp/">Chathulp</a>' in html
    assert f'<link rel="canonical" href="{SITE}/chathulp/chat-opstarten/">' in html
    assert '<meta property="og:title" content="Hulpverlening via chat opstarten">' in html
    assert "https://www.linkedin.com/sharing/share-offsite/?url=" in html
    assert "Deel deze pagina" in html


# --- themes connect everything ----------------------------------------------------------------


def test_a_theme_page_lists_its_articles_news_practices_and_the_offerings_of_its_themes(
    client, theme_page, article, news_index, topic, offering
):
    publish(news_index, m.NewsPage(title="Chatnieuws", slug="chatnieuws"), topics=[topic])
    publish(news_index, m.NewsPage(title="Ander nieuws", slug="ander-nieuws"))
    html = text(client.get(theme_page.url))
    assert article.title in html
    assert "Chatnieuws" in html
    assert "Ander nieuws" not in html
    assert "Rouwchat voor jongeren" in html
    assert "/sociale-kaart/?thema=rouw-test" in html


def test_an_article_shows_news_of_its_topics_unless_an_editor_chose_other_news(
    client, article, news_index, topic
):
    same = publish(news_index, m.NewsPage(title="Chatnieuws", slug="chatnieuws"), topics=[topic])
    chosen = publish(news_index, m.NewsPage(title="Gekozen nieuws", slug="gekozen"))
    html = text(client.get(article.url))
    assert "Gerelateerd nieuws" in html
    assert same.title in html
    article.related_news = [block("page", chosen.pk)]
    article.save_revision().publish()
    html = text(client.get(article.url))
    assert chosen.title in html
    assert same.title not in html


def test_an_article_shows_the_offerings_of_its_themes_as_related_activities(
    client, article, theme, offering
):
    assert "Gerelateerde activiteiten" not in text(client.get(article.url))
    article.themes.set([theme])
    article.save_revision().publish()
    html = text(client.get(article.url))
    assert "Gerelateerde activiteiten" in html
    assert "Rouwchat voor jongeren" in html


def test_an_editor_chooses_the_related_activities_instead(client, article, theme, offering):
    article.themes.set([theme])
    article.related_activities = [
        block("link", {"title": "Teaser voor directies", "url": "/vorming/", "meta": "mei"})
    ]
    article.save_revision().publish()
    html = text(client.get(article.url))
    assert "Gerelateerde activiteiten" in html
    assert 'href="/vorming/">Teaser voor directies</a>' in html
    assert "Rouwchat voor jongeren" not in html


def test_a_related_activity_must_be_an_address_on_the_platform():
    from aanspreekpunt.pages.blocks import RelatedLinkBlock

    with pytest.raises(ValidationError):
        RelatedLinkBlock().clean({"title": "Elders", "url": "https://evil.example/", "meta": ""})


def test_the_home_page_shows_the_latest_news_and_the_map_block_only_with_data(client, news_index):
    html = text(client.get("/"))
    assert "Laatste nieuws" not in html
    assert 'action="/sociale-kaart/"' not in html
    publish(news_index, m.NewsPage(title="Eerste bericht", slug="eerste"))
    html = text(client.get("/"))
    assert "Laatste nieuws" in html
    assert "Eerste bericht" in html


def test_the_home_page_has_the_map_search_with_open_now_when_offerings_exist(client, offering):
    html = text(client.get("/"))
    assert 'action="/sociale-kaart/"' in html
    assert 'name="nu_open"' in html


@pytest.mark.parametrize("path", ["/", "/chathulp/", "/chathulp/chat-opstarten/", "/nieuws/"])
def test_query_counts_do_not_grow_with_the_number_of_pages(
    client, article, news_index, topic, organisation, path
):
    from tests.socialekaart.factories import bulk_public_offerings

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            text(client.get(path))
        return len(captured)

    publish(news_index, m.NewsPage(title="Bericht 0", slug="bericht-0"), topics=[topic])
    bulk_public_offerings(10, organisations=[organisation])
    queries()  # the site's root paths and content types are read once per process
    few = queries()
    for number in range(1, 8):
        publish(
            news_index,
            m.NewsPage(title=f"Bericht {number}", slug=f"bericht-{number}"),
            topics=[topic],
        )
    bulk_public_offerings(500, organisations=[organisation])
    assert queries() == few


# --- feeds and sitemap ----------------------------------------------------------------------


def test_the_news_feed_lists_news_on_the_public_address(client, news_index):
    publish(news_index, m.NewsPage(title="Nieuw in de feed", slug="feed", intro="Kort"))
    response = client.get("/nieuws/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert "<title>Nieuw in de feed</title>" in body
    assert f"<link>{SITE}/nieuws/feed/</link>" in body
    assert "localhost" not in body


def test_the_sitemap_lists_pages_offerings_and_organisations_on_the_public_address(
    client, article, offering
):
    body = client.get("/sitemap.xml").content.decode()
    for path in [
        "/",
        "/chathulp/chat-opstarten/",
        "/sociale-kaart/aanbod/rouwchat-voor-jongeren/",
        "/sociale-kaart/organisaties/tele-onthaal/",
    ]:
        assert f"<loc>{SITE}{path}</loc>" in body
    assert "localhost" not in body
    assert "testserver" not in body


def test_robots_points_to_the_sitemap_on_the_public_address(client):
    assert f"Sitemap: {SITE}/sitemap.xml" in client.get("/robots.txt").content.decode()


def test_an_unpublished_page_leaves_lists_sitemap_and_feed(client, news_index):
    page = publish(news_index, m.NewsPage(title="Ingetrokken bericht", slug="ingetrokken"))
    page.unpublish()
    for path in ["/nieuws/", "/sitemap.xml", "/nieuws/rss/", "/"]:
        assert "ingetrokken" not in client.get(path).content.decode().lower()
