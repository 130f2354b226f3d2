"""Helpers for the knowledge site's tests: pages of every type, published in a few lines."""

import uuid

import pytest
from wagtail.models import Site

from aanspreekpunt.pages import models as m
from aanspreekpunt.topics.models import Topic
from socialekaart.models import Organisation, Theme


def block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def publish(parent, page, *, topics=(), themes=()):
    parent.add_child(instance=page)
    if topics:
        page.topics.set(topics)
    if themes:
        page.themes.set(themes)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def home(db):
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def topic(db):
    return Topic.objects.get(slug="chathulp")


@pytest.fixture
def theme(db):
    return Theme.objects.get_or_create(slug="rouw-test", defaults={"name": "Rouw (test)"})[0]


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(name="Tele-Onthaal", slug="tele-onthaal")


@pytest.fixture
def offering(organisation, theme):
    from socialekaart.models import Offering

    offering = Offering.objects.create(
        organisation=organisation,
        name="Rouwchat voor jongeren",
        slug="rouwchat-voor-jongeren",
        description="Anonieme chat met een hulpverlener over verlies.",
        is_public=True,
        moderation_state=Offering.Moderation.PUBLISHED,
    )
    offering.themes.add(theme)
    return offering


@pytest.fixture
def theme_page(home, topic, theme):
    return publish(
        home, m.ThemePage(title="Chathulp", slug="chathulp", topic=topic), themes=[theme]
    )


@pytest.fixture
def news_index(home):
    return publish(home, m.NewsIndexPage(title="Nieuws", slug="nieuws"))


@pytest.fixture
def article(theme_page, topic, theme):
    return publish(
        theme_page,
        m.ArticlePage(
            title="Hulpverlening via chat opstarten",
            slug="chat-opstarten",
            intro="Zo start een organisatie met chat.",
            body=[block("paragraph", "<p>Een plan voor de hulpverlening online.</p>")],
        ),
        topics=[topic],
    )
