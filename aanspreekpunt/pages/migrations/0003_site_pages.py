"""The pages the footer links to, on every install: contact, accessibility statement, about.

They are ordinary generic pages under the home page, which editors change (or unpublish) in
the back office; the footer finds them by slug (pages.selectors.FOOTER_PAGE_SLUGS). What
the contact point still has to decide or look up is marked "nog in te vullen door het
aanspreekpunt" on the page itself, never made up.

A data migration, as Wagtail's own project template creates its home page: historical models
have no treebeard methods, so the tree path is set here. A page with one of these slugs that
already exists under the home page is left as it is, and rolling back removes nothing an
editor may have changed.
"""

import uuid

from django.db import migrations
from django.utils import timezone

TO_FILL_IN = "<strong>nog in te vullen door het aanspreekpunt</strong>"
PATH_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's, four characters a step
STEP = 4


def heading(text):
    return {"type": "heading", "value": text, "id": str(uuid.uuid4())}


def paragraph(html):
    return {"type": "paragraph", "value": html, "id": str(uuid.uuid4())}


ABOUT = {
    "slug": "over-het-aanspreekpunt",
    "title": "Over het aanspreekpunt",
    "intro": (
        "Het Intersectoraal Aanspreekpunt Onlinehulp ondersteunt welzijns- en "
        "gezondheidsorganisaties in Vlaanderen die onlinehulp aanbieden of willen aanbieden."
    ),
    "body": [
        heading("Waar het aanspreekpunt vandaan komt"),
        paragraph(
            "<p>Op 3 juni 2015 kondigde de Vlaamse minister van Welzijn, Volksgezondheid en "
            "Gezin tien beleidsacties rond onlinehulp aan. De eerste daarvan was een "
            "intersectoraal aanspreekpunt onlinehulp (Congres onlinehulp, 2015). Het verslag "
            "Bouwstenen voor een Vlaams actieplan onlinehulp (Bouwstenen, 2014) had eerder al "
            "44 beleidsacties voorgesteld, verdeeld over acht strategieën.</p>"
        ),
        heading("Wat u hier vindt"),
        paragraph(
            "<ul>"
            "<li>de <a href=\"/sociale-kaart/\">sociale kaart</a>: het onlinehulpaanbod van "
            "organisaties, met filters op sector, doelgroep, thema en modaliteit;</li>"
            "<li>de <a href=\"/vorming/\">vorming</a> voor directies en middenkader: teasers op "
            "directie-overlegmomenten en vormingsdagen per sector (Basisvorming-nota, 2015);</li>"
            "<li>de stand van de <a href=\"/beleidsacties/\">beleidsacties</a>;</li>"
            "<li>het <a href=\"/forum/\">expertiseforum</a>, waar praktijkwerkers, "
            "beleidsmedewerkers, onderzoekers en docenten ervaring delen.</li>"
            "</ul>"
        ),
        heading("Wie het aanspreekpunt draagt"),
        paragraph(
            "<p>Welke organisatie het aanspreekpunt vandaag draagt en met welke partners het "
            f"samenwerkt: {TO_FILL_IN}.</p>"
        ),
    ],
}

CONTACT = {
    "slug": "contact",
    "title": "Contact",
    "intro": (
        "Hebt u een vraag over onlinehulp, over uw aanbod op de sociale kaart of over een "
        "vorming? Het aanspreekpunt helpt u verder."
    ),
    "body": [
        heading("Waarvoor kunt u bij ons terecht?"),
        paragraph(
            "<ul>"
            "<li>vragen over het opstarten of verbeteren van onlinehulp in uw organisatie;</li>"
            "<li>het aanbod van uw organisatie op de sociale kaart zetten of bijwerken;</li>"
            "<li>een teaser op een directie-overlegmoment of een vormingsdag voor uw sector "
            "aanvragen;</li>"
            "<li>een fout of een toegankelijkheidsprobleem op dit platform melden.</li>"
            "</ul>"
        ),
        heading("Zo bereikt u ons"),
        paragraph(
            "<ul>"
            f"<li>E-mailadres: {TO_FILL_IN}</li>"
            f"<li>Telefoonnummer en bereikbaarheid: {TO_FILL_IN}</li>"
            f"<li>Postadres: {TO_FILL_IN}</li>"
            f"<li>Hoe snel wij antwoorden: {TO_FILL_IN}</li>"
            "</ul>"
        ),
        paragraph(
            "<p>Zoekt u zelf hulp? Op de <a href=\"/sociale-kaart/\">sociale kaart</a> vindt u "
            "chat, e-mail, forums en zelfhulp van welzijns- en gezondheidsorganisaties.</p>"
        ),
    ],
}

ACCESSIBILITY = {
    "slug": "toegankelijkheid",
    "title": "Toegankelijkheidsverklaring",
    "intro": (
        "Het Intersectoraal Aanspreekpunt Onlinehulp wil dat iedereen dit platform kan "
        "gebruiken, ook met een beperking. Deze verklaring volgt het model van de Vlaamse "
        "overheid voor toegankelijkheidsverklaringen."
    ),
    "body": [
        heading("Voor welke website geldt deze verklaring?"),
        paragraph(
            "<p>Deze verklaring geldt voor de publieke pagina's van dit platform: de "
            "kennispagina's, de sociale kaart, de vorming, de beleidsacties, het forum, de "
            "zoekfunctie en de pagina's om u te registreren en aan te melden. Het model van de "
            "verklaring hoort bij het Vlaamse Bestuursdecreet, dat de Europese richtlijn "
            "2016/2102 over de toegankelijkheid van websites en mobiele applicaties van "
            "overheidsinstanties omzet.</p>"
        ),
        heading("Nalevingsstatus"),
        paragraph(
            "<p>Dit platform is <strong>gedeeltelijk conform</strong> met de Web Content "
            "Accessibility Guidelines (WCAG) 2.1, niveau AA. Dat wil zeggen dat sommige delen "
            "nog niet volledig aan de richtlijnen voldoen: zie hieronder.</p>"
        ),
        heading("Hoe werd de toegankelijkheid beoordeeld?"),
        paragraph(
            "<p>Bij elke wijziging aan het platform worden de belangrijkste pagina's "
            "automatisch getest op de regels van WCAG 2.1 niveau A en AA (met axe-core), ook op "
            "het scherm van een smartphone. Een automatische test vindt niet alle problemen. "
            f"Een volledige beoordeling (audit) door een deskundige: {TO_FILL_IN}. "
            f"Datum van die audit: {TO_FILL_IN}.</p>"
        ),
        heading("Wat nog niet toegankelijk is"),
        paragraph(
            "<ul>"
            "<li>Documenten die redacteurs opladen (zoals pdf-bestanden) worden niet "
            "automatisch op toegankelijkheid getest.</li>"
            "<li>De documentatie van de open-data-API wordt door een extern onderdeel gemaakt "
            "en is nog niet op toegankelijkheid getest.</li>"
            "<li>De back-office voor medewerkers van het aanspreekpunt valt buiten de "
            "automatische tests.</li>"
            "</ul>"
            "<p>Wat een audit nog aan het licht brengt, vult het aanspreekpunt hier aan.</p>"
        ),
        heading("Een probleem melden"),
        paragraph(
            "<p>Kunt u iets op dit platform niet lezen, gebruiken of bereiken? Laat het ons "
            "weten via de <a href=\"/contact/\">contactpagina</a>. Vermeld de pagina (het "
            "webadres) en wat er misliep. U krijgt een antwoord binnen "
            f"{TO_FILL_IN} werkdagen. Wij zoeken dan met u naar een andere manier om u de "
            "informatie te geven.</p>"
        ),
        heading("Handhavingsprocedure"),
        paragraph(
            "<p>Bent u niet tevreden over de manier waarop wij uw melding behandelen? Dan kunt u "
            "een klacht indienen bij de Vlaamse Ombudsdienst "
            "(<a href=\"https://www.vlaamseombudsdienst.be\">www.vlaamseombudsdienst.be</a>).</p>"
        ),
        heading("Opstelling van deze verklaring"),
        paragraph(
            f"<p>Deze verklaring werd opgesteld op {TO_FILL_IN} en voor het laatst herzien op "
            f"{TO_FILL_IN}.</p>"
        ),
    ],
}

PAGES = [ABOUT, CONTACT, ACCESSIBILITY]


def path_step(number):
    digits = ""
    while number:
        number, remainder = divmod(number, len(PATH_ALPHABET))
        digits = PATH_ALPHABET[remainder] + digits
    return digits.rjust(STEP, "0")


def create_site_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    StandardPage = apps.get_model("pages.StandardPage")

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return
    home = site.root_page
    page_type, _ = ContentType.objects.get_or_create(model="standardpage", app_label="pages")
    children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
    last = children.order_by("-path").values_list("path", flat=True).first()
    position = int(last[-STEP:], len(PATH_ALPHABET)) if last else 0
    now = timezone.now()
    for data in PAGES:
        if children.filter(slug=data["slug"]).exists():
            continue
        position += 1
        StandardPage.objects.create(
            title=data["title"],
            draft_title=data["title"],
            slug=data["slug"],
            intro=data["intro"],
            body=data["body"],
            content_type=page_type,
            path=home.path + path_step(position),
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}{data['slug']}/",
            locale_id=home.locale_id,
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
        )
    Page.objects.filter(pk=home.pk).update(numchild=children.count())


class Migration(migrations.Migration):
    dependencies = [("pages", "0002_create_homepage")]

    operations = [migrations.RunPython(create_site_pages, migrations.RunPython.noop)]
