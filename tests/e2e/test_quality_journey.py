"""Quality of online help in a real browser (issue 18): a representative answers the norms
for an offering, a coordinator publishes them, and a visitor on a phone sees the quality
block and finds the offering with the quality filter."""

import re

import pytest
from playwright.sync_api import expect

from aanspreekpunt.accounts import roles
from socialekaart import services
from socialekaart.models import Offering, QualityAnswer, Representation
from tests.factories import UserFactory

from .test_accessibility import assert_accessible
from .test_service_map_journeys import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published_chat(site):
    from django.contrib.auth.models import Group

    coordinator = UserFactory(
        email="coordinator@example.org", groups=[roles.COORDINATORS], two_factor=True
    )
    representative = UserFactory(email="vertegenwoordiger@example.org")
    organisation = services.organisation_create(actor=coordinator, data={"name": "Praatlijn vzw"})
    Representation.objects.create(
        user=representative, organisation=organisation, status=Representation.Status.APPROVED
    )
    representative.groups.add(Group.objects.get(name=roles.REPRESENTATIVES))
    for name in ("Praatchat", "Andere chat"):
        offering = services.offering_create(
            organisation=organisation, actor=coordinator, data={"name": name}, hours=[]
        )
        services.offering_submit(offering=offering, actor=coordinator)
        services.offering_publish(offering=offering, actor=coordinator)
    return {"coordinator": coordinator, "representative": representative}


def test_answers_are_published_and_a_visitor_on_a_phone_finds_them(
    page, phone_page, browser, live_server, browser_log, published_chat
):
    # The representative answers two norms in "Mijn organisatie" and submits them.
    log_in(page, published_chat["representative"].email)
    page.goto("/sociale-kaart/mijn-organisatie/")
    page.get_by_role("row", name=re.compile("^Praatchat")).get_by_role(
        "link", name="kwaliteitsnormen"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kwaliteitsnormen: Praatchat")
    assert_accessible(page)
    storage = page.locator("#norm-ohup-bewaring-gesprekken")
    storage.get_by_label("voldaan", exact=True).check()
    storage.get_by_label("Korte toelichting voor bezoekers").fill(
        "Gesprekken worden na dertig dagen gewist."
    )
    storage.get_by_label(re.compile("^Link naar de pagina")).fill(
        "https://praatlijn.example/privacy"
    )
    crisis = page.locator("#norm-ohup-andere-hulp-en-crisis")
    crisis.get_by_label("gedeeltelijk voldaan").check()
    page.get_by_role("button", name="Bewaren en indienen voor publicatie").click()
    expect(page.locator(".messages")).to_contain_text("nagekeken")
    assert Offering.objects.get(name="Praatchat").moderation_state == "submitted"

    # A coordinator sees the proposed answers and publishes them.
    coordinator_context = browser.new_context(base_url=live_server.url, locale="nl-BE")
    coordinator_page = coordinator_context.new_page()
    browser_log.watch(coordinator_page)
    log_in(coordinator_page, published_chat["coordinator"].email, two_factor=True)
    coordinator_page.goto("/sociale-kaart/moderatie/")
    coordinator_page.get_by_role("link", name="Praatchat").click()
    expect(coordinator_page.locator("main")).to_contain_text("dertig dagen gewist")
    coordinator_page.get_by_role("button", name="Publiceren").click()
    expect(coordinator_page.locator(".messages")).to_contain_text("gepubliceerd")
    coordinator_page.goto("/sociale-kaart/kwaliteit/")
    expect(coordinator_page.locator("table").first).to_contain_text("Bewaring van gesprekken")
    assert_accessible(coordinator_page)
    coordinator_context.close()
    assert QualityAnswer.objects.get(norm_id="ohup-bewaring-gesprekken").status == "met"

    # A visitor on a phone filters the map on storage of conversations.
    phone = phone_page
    phone.goto("/sociale-kaart/")
    expect(phone.locator("#results")).to_contain_text("2 resultaten")
    # On a phone the filters are folded away in a panel.
    expect(phone.locator("#filter-panel")).not_to_have_attribute("open", "")
    phone.locator("#filter-panel summary").click()
    phone.get_by_label("Vertelt hoe gesprekken bewaard worden").check()
    expect(phone.locator("#results")).to_contain_text("1 resultaat")
    expect(phone).to_have_url(re.compile(r"bewaring=true"))
    phone.get_by_role("link", name="Praatchat").click()
    block = phone.locator(".quality-block")
    expect(block).to_contain_text("Gesprekken worden na dertig dagen gewist.")
    expect(block).to_contain_text("Onbekend: nog niet beantwoord.")
    expect(block.get_by_role("link", name=re.compile("Lees meer"))).to_have_attribute(
        "href", "https://praatlijn.example/privacy"
    )
    assert_accessible(phone)
    block.get_by_role("link", name=re.compile("Over de negen kwaliteitsnormen")).click()
    expect(phone.locator("main")).to_contain_text("parafrase in onze eigen woorden")
    assert_accessible(phone)
    # "partly" is no reason to show it under "refers on in a crisis"
    phone.goto("/sociale-kaart/?crisis=true")
    expect(phone.locator("#results")).to_contain_text("0 resultaten")
    # Nothing sticks out sideways on the phone.
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
