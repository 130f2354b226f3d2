"""Demo pages of the knowledge site, in our own words and marked as demo content on the page.

The facts come from the source documents, named by title on each page: the 14 steps and the
practices of Implementeren van onlinehulp (2019), the teaser and the training offer of the
Basisvorming-nota (2015), the Bouwstenen (2014) report. Seeding twice changes nothing: a
page whose slug exists is left as it is.
"""

import json
import uuid
from datetime import date

from django.conf import settings
from wagtail.models import Site

from .models import (
    ArticlePage,
    FAQPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PracticeIndexPage,
    PracticePage,
    PublicationPage,
    StandardPage,
    ThemePage,
)

DEMO_NOTE = "Demo-inhoud: deze tekst is geschreven om het platform te tonen."

# The facts the pages are built on, with their sources: fixtures/demo/knowledge.json.
FACTS = json.loads((settings.BASE_DIR / "fixtures" / "demo" / "knowledge.json").read_text("utf-8"))
STEPS = [(step["name"], step["question"]) for step in FACTS["implementation_steps"]]
TEASER = FACTS["teaser"]
PRACTICES = [(p["slug"], p["title"], p["organisation"], p["intro"]) for p in FACTS["practices"]]

PRACTICE_SOURCE = (
    "Deze praktijk kwam aan bod op de vormingsdag uit Implementeren van onlinehulp (2019). "
)


def block(kind: str, value) -> dict:
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def paragraph(html: str) -> dict:
    return block("paragraph", html)


def topic(slug: str):
    from aanspreekpunt.topics.models import Topic

    return Topic.objects.filter(slug=slug).first()


def map_themes(*slugs):
    from socialekaart.models import Theme

    return list(Theme.objects.filter(slug__in=slugs))


def add(parent, page, *, topics=(), themes=()):
    """Add ``page`` under ``parent`` and publish it, unless its slug is there already."""
    existing = type(page).objects.filter(slug=page.slug).first()
    if existing is not None:
        return existing
    parent.add_child(instance=page)
    if topics and hasattr(page, "topics"):
        page.topics.set([t for t in topics if t is not None])
    if themes and hasattr(page, "themes"):
        page.themes.set(themes)
    page.save_revision().publish()
    return page


def seed() -> list[str]:
    """Add the demo pages under the home page if they are missing."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise ValueError("There is no default site: run the migrations first.")
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        raise ValueError(
            f"The default site starts at {home!r}, not at the home page: the demo pages go "
            "under the home page (created by the migrations)."
        )
    if not home.intro:
        home.intro = (
            "<p>Het intersectorale aanspreekpunt onlinehulp helpt organisaties uit welzijn en "
            "gezondheid om chat, e-mail, forums en zelfhulp goed aan te bieden, en helpt "
            "iedereen die online hulp zoekt de weg te vinden. " + DEMO_NOTE + "</p>"
        )
        home.save_revision().publish()
    add(
        home,
        StandardPage(
            slug="over-het-aanspreekpunt",
            title="Over het aanspreekpunt",
            intro="Het aanspreekpunt verzamelt kennis over onlinehulp en brengt organisaties, "
            "koepels en de Vlaamse overheid samen. " + DEMO_NOTE,
        ),
    )
    implementing, chat, training = topic("implementeren"), topic("chathulp"), topic("vorming")
    theme_implementing = add(
        home,
        ThemePage(
            slug="implementeren",
            title="Onlinehulp implementeren",
            topic=implementing,
            intro="Van visie tot intervisie: hoe een organisatie onlinehulp invoert. " + DEMO_NOTE,
        ),
        themes=map_themes("algemene-welzijnsvragen"),
    )
    add(
        home,
        ThemePage(
            slug="chathulp",
            title="Chathulp",
            topic=chat,
            intro="Alles over hulp via chat: van anonieme chat tot chatten in begeleiding. "
            + DEMO_NOTE,
        ),
        themes=map_themes("zelfdoding", "verslaving"),
    )
    steps = "".join(f"<li><b>{name}</b>: {question}</li>" for name, question in STEPS)
    add(
        theme_implementing,
        ArticlePage(
            slug="stappenplan-in-veertien-stappen",
            title="Het stappenplan in veertien stappen",
            date=date(2026, 11, 2),
            intro="Onlinehulp invoeren lukt beter met een plan. Veertien stappen helpen "
            "hulpverleners en directies op weg. " + DEMO_NOTE,
            body=[
                paragraph(
                    "<p>Het stappenplan komt uit Implementeren van onlinehulp (2019). Het "
                    "beschrijft hoe hulpverlening online een plaats krijgt in een organisatie, "
                    "van de eerste visie tot intervisie over organisaties heen.</p>"
                ),
                block("heading", "De veertien stappen"),
                paragraph(f"<ol>{steps}</ol>"),
                block(
                    "callout",
                    {
                        "title": "Tip",
                        "text": "<p>Begin klein: één doelgroep, één "
                        "kanaal, duidelijke openingsuren.</p>",
                    },
                ),
            ],
        ),
        topics=[implementing, chat],
    )
    teaser = "".join(f"<li>{item}</li>" for item in TEASER)
    add(
        theme_implementing,
        ArticlePage(
            slug="teasers-en-vormingsdagen",
            title="Teasers en vormingsdagen voor directies",
            date=date(2026, 10, 12),
            intro="Een korte teaser op een directieoverleg, daarna een basisvorming van een of "
            "twee halve dagen. " + DEMO_NOTE,
            body=[
                paragraph(
                    "<p>De Basisvorming-nota (2015) stelt een teaser van hoogstens twee uur "
                    f"voor. Die bevat:</p><ul>{teaser}</ul>"
                ),
                paragraph(
                    "<p>Wie verder wil, volgt de basisvorming en daarna verdieping rond "
                    "kwaliteit, deontologie, businesscases, planning en omgaan met "
                    "weerstand.</p>"
                ),
            ],
        ),
        topics=[training, implementing],
    )
    news_index = add(
        home,
        NewsIndexPage(
            slug="nieuws",
            title="Nieuws",
            intro="Nieuws over onlinehulp in Vlaanderen.",
        ),
    )
    news = [
        (
            "kennisplein-geopend",
            "Het kennisplein is geopend",
            date(2026, 11, 20),
            "Artikels, praktijken en het aanbod van de sociale kaart staan nu op één plek.",
        ),
        (
            "nieuwe-vormingsdagen",
            "Nieuwe vormingsdagen voor directies",
            date(2026, 11, 10),
            "Directies kunnen zich inschrijven voor een vormingsdag over het implementeren van "
            "onlinehulp.",
        ),
        (
            "stappenplan-vernieuwd",
            "Het stappenplan voor hulpverleners vernieuwd",
            date(2026, 10, 30),
            "Het stappenplan voor hulpverlening via chat kreeg nieuwe voorbeelden.",
        ),
    ]
    for slug, title, day, intro in news:
        add(
            news_index,
            NewsPage(slug=slug, title=title, date=day, intro=intro + " " + DEMO_NOTE),
            topics=[implementing],
        )
    practice_index = add(
        home,
        PracticeIndexPage(
            slug="inspirerende-praktijken",
            title="Inspirerende praktijken",
            intro="Organisaties vertellen hoe zij onlinehulp aanbieden. " + DEMO_NOTE,
        ),
    )
    for slug, title, organisation, intro in PRACTICES:
        add(
            practice_index,
            PracticePage(
                slug=slug,
                title=title,
                organisation_name=organisation,
                intro=intro + " " + DEMO_NOTE,
                body=[
                    paragraph(
                        f"<p>{PRACTICE_SOURCE}De tekst is een korte schets in onze eigen "
                        "woorden.</p>"
                    )
                ],
            ),
            topics=[implementing, chat],
        )
    add(
        home,
        PublicationPage(
            slug="bouwstenen-vlaams-actieplan-onlinehulp",
            title="Bouwstenen voor een Vlaams actieplan onlinehulp",
            authors="P. Bocklandt, E. Adriaensens, M. De Zitter, H. Sap en A. Vandecasteele",
            year=2014,
            intro="Het verkennend onderzoek met een bevraging van 226 organisaties en acht "
            "inspirerende praktijken, waaruit de beleidsacties voortkwamen. " + DEMO_NOTE,
            citation="Bocklandt, P., Adriaensens, E., De Zitter, M., Sap, H. & Vandecasteele, A. "
            "(2014). Bouwstenen voor een Vlaams actieplan onlinehulp. Leuven: Steunpunt Welzijn, "
            "Volksgezondheid en Gezin, rapport 18.",
        ),
        topics=[topic("beleid"), topic("onderzoek")],
    )
    add(
        home,
        FAQPage(
            slug="veelgestelde-vragen",
            title="Veelgestelde vragen",
            intro="Korte antwoorden op vragen die organisaties vaak stellen. " + DEMO_NOTE,
            body=[
                block(
                    "question",
                    {
                        "question": "Wat is onlinehulp?",
                        "answer": "<p>Hulp via chat, e-mail, forum, "
                        "videogesprek, zelfhulpmodules of apps, aangeboden door "
                        "organisaties uit welzijn en gezondheid.</p>",
                    },
                ),
                block(
                    "question",
                    {
                        "question": "Hoe komt ons aanbod op de sociale kaart?",
                        "answer": "<p>Vraag in Mijn organisatie om uw "
                        "organisatie te vertegenwoordigen "
                        "en voeg daarna uw aanbod toe.</p>",
                    },
                ),
                block(
                    "question",
                    {
                        "question": "Waar begin ik met chathulp?",
                        "answer": "<p>Lees het stappenplan in veertien "
                        "stappen op het thema Onlinehulp implementeren.</p>",
                    },
                ),
            ],
        ),
        topics=[chat],
    )
    return [
        "  /over-het-aanspreekpunt/, /implementeren/ (2 artikels), /chathulp/",
        f"  /nieuws/ ({len(news)} berichten), /inspirerende-praktijken/ ({len(PRACTICES)}),",
        "  /bouwstenen-vlaams-actieplan-onlinehulp/, /veelgestelde-vragen/",
    ]
