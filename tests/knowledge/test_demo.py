"""The knowledge site's demo content: every page type, marked as demo, seeded once."""

import pytest
from wagtail.models import Page

from aanspreekpunt.pages import demo
from aanspreekpunt.pages import models as m

pytestmark = pytest.mark.django_db


def test_the_seeder_adds_every_page_type_once_and_marks_it_as_demo(client):
    demo.seed()
    counts = Page.objects.count()
    demo.seed()
    assert Page.objects.count() == counts
    for model in [
        m.ThemePage,
        m.ArticlePage,
        m.NewsIndexPage,
        m.NewsPage,
        m.PracticeIndexPage,
        m.PracticePage,
        m.PublicationPage,
        m.FAQPage,
        m.StandardPage,
    ]:
        assert model.objects.live().exists(), model
    assert m.PracticePage.objects.count() == len(demo.PRACTICES)
    for page in m.ArticlePage.objects.all():
        assert demo.DEMO_NOTE in page.intro
        assert client.get(page.url).status_code == 200
    steps = m.ArticlePage.objects.get(slug="stappenplan-in-veertien-stappen")
    assert "Intervisie en supervisie" in steps.search_text
    found = client.get("/zoeken/", {"q": "stappenplan"}).content.decode()
    assert "Het stappenplan in veertien stappen" in found
