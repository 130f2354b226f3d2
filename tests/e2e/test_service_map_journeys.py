"""Service map journeys in a real browser: find open help; publish a new organisation's offering."""

import re
from datetime import time

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from aanspreekpunt.accounts import roles
from socialekaart import services
from socialekaart.models import Modality, Offering, Organisation, TargetGroup
from tests.factories import PASSWORD, UserFactory
from tests.totp import TEST_TOTP_SECRET, totp_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def vocabulary(site):
    call_command("loaddata", "fixtures/sectors.json", "fixtures/taxonomies.json", verbosity=0)


@pytest.fixture
def youth_chats(vocabulary):
    """An always-open chat for young people, and one whose only hours never match now."""
    coordinator = UserFactory(groups=[roles.COORDINATORS])
    organisation = services.organisation_create(actor=coordinator, data={"name": "Jongerenlijn"})
    chat = Modality.objects.get(slug="chat")
    youth = TargetGroup.objects.get(slug="jongeren")
    made = {}
    for name, extra in [
        ("Nachtchat voor jongeren", {"always_available": True}),
        ("Dagchat voor jongeren", {}),
    ]:
        offering = services.offering_create(
            organisation=organisation,
            actor=coordinator,
            data={"name": name, "modalities": [chat], "target_groups": [youth], **extra},
            hours=[] if extra else [{"weekday": 0, "opens": time(3, 0), "closes": time(3, 1)}],
        )
        services.offering_submit(offering=offering, actor=coordinator)
        made[name] = services.offering_publish(offering=offering, actor=coordinator)
    return made


def log_in(page, email, *, two_factor=False):
    page.goto("/accounts/login/")
    page.get_by_label(re.compile("e-mail", re.IGNORECASE)).first.fill(email)
    page.get_by_label(re.compile("wachtwoord", re.IGNORECASE)).first.fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    if two_factor:  # the authenticator app's code, asked right after the password
        expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
        page.locator("main form input[name=code]").fill(totp_code(TEST_TOTP_SECRET))
        page.locator("main form button[type=submit]").first.click()
    expect(page).not_to_have_url(re.compile(r"/accounts/(login|2fa)/"))


def test_visitor_finds_an_open_chat_for_young_people(page, youth_chats):
    page.goto("/sociale-kaart/")
    expect(page.locator("#results").get_by_role("status")).to_have_text("2 resultaten")
    page.get_by_label(re.compile(r"^\s*Jongeren")).check()
    page.get_by_label(re.compile(r"^\s*Chat \(anoniem")).check()
    page.get_by_label(re.compile(r"^altijd beschikbaar")).check()
    # htmx updates the list in place and puts the filters in the address bar.
    expect(page.locator("#results")).to_contain_text("1 resultaat")
    expect(page).to_have_url(re.compile(r"bereikbaar=altijd"))
    expect(page).to_have_url(re.compile(r"doelgroep=jongeren"))
    expect(page.locator("#results")).not_to_contain_text("Dagchat voor jongeren")
    page.get_by_role("link", name="Nachtchat voor jongeren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nachtchat voor jongeren")
    expect(page.locator(".open-state")).to_contain_text("Altijd beschikbaar")


def test_visitor_finds_it_without_javascript_too(no_js_page, youth_chats):
    page = no_js_page
    page.goto("/sociale-kaart/")
    page.get_by_label(re.compile(r"^altijd beschikbaar")).check()
    page.get_by_role("button", name=re.compile(r"^Toon \d+ resulta")).click()
    expect(page).to_have_url(re.compile(r"bereikbaar=altijd"))
    expect(page.locator("#results")).to_contain_text("1 resultaat")
    expect(page.get_by_role("link", name="Dagchat voor jongeren")).to_have_count(0)
    # A closed chat points to a chat a person answers now, not to one that is merely
    # "always available" (issue 16: a youth worker wants a person).
    closed = youth_chats["Dagchat voor jongeren"]
    coordinator = UserFactory(groups=[roles.COORDINATORS])
    staffed = services.offering_create(
        organisation=closed.organisation,
        actor=coordinator,
        data={
            "name": "Bemande chat voor jongeren",
            "modalities": list(closed.modalities.all()),
            "target_groups": list(closed.target_groups.all()),
        },
        hours=[
            {"weekday": day, "opens": opens, "closes": closes}
            for day in range(7)
            for opens, closes in ((time(0), time(12)), (time(12), time(0)))
        ],
    )
    services.offering_submit(offering=staffed, actor=coordinator)
    services.offering_publish(offering=staffed, actor=coordinator)
    page.goto(closed.get_absolute_url())
    expect(page.locator(".open-state")).to_contain_text("Gesloten · opent")
    expect(page.locator(".alternatives")).to_contain_text("Bemande chat voor jongeren")
    expect(page.locator(".alternatives")).to_contain_text("bemand tot")
    expect(page.locator(".alternatives")).not_to_contain_text("Nachtchat voor jongeren")


def test_new_representative_gets_an_offering_published_and_visitors_find_it(
    page, browser, live_server, browser_log, vocabulary
):
    member = UserFactory(email="nieuw.lid@example.org")
    coordinator = UserFactory(
        email="coordinator@example.org", groups=[roles.COORDINATORS], two_factor=True
    )

    # The member asks to represent a new organisation, with its enterprise number.
    log_in(page, member.email)
    page.goto("/sociale-kaart/mijn-organisatie/")
    page.get_by_role("link", name="Vraag om een organisatie te vertegenwoordigen").click()
    page.get_by_label("Naam van de nieuwe organisatie").fill("Chatpunt Gent")
    page.get_by_label("Ondernemingsnummer (KBO)").fill("0123.456.700")
    page.get_by_label("Uw functie in de organisatie").fill("Teamverantwoordelijke chat")
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.locator("main")).to_contain_text("controlecijfers")
    page.get_by_label("Ondernemingsnummer (KBO)").fill("0123.456.749")
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.locator(".messages")).to_contain_text("coördinatoren")

    # A coordinator approves the request in the moderation queue.
    coordinator_context = browser.new_context(base_url=live_server.url, locale="nl-BE")
    coordinator_page = coordinator_context.new_page()
    browser_log.watch(coordinator_page)
    log_in(coordinator_page, coordinator.email, two_factor=True)
    coordinator_page.goto("/sociale-kaart/moderatie/")
    coordinator_page.get_by_role("button", name="Goedkeuren").click()
    expect(coordinator_page.locator(".messages")).to_contain_text("beslissing")
    organisation = Organisation.objects.get(enterprise_number="0123456749")

    # The new representative adds an offering with evening hours and submits it.
    page.goto("/sociale-kaart/mijn-organisatie/")
    page.get_by_role("link", name="Aanbod toevoegen").click()
    page.get_by_label(re.compile(r"^Naam")).fill("Avondchat Gent")
    page.get_by_label(re.compile(r"^\s*Chat \(anoniem")).check()
    page.get_by_label(re.compile(r"^\s*Jongeren")).check()
    page.locator("#id_uren-0-weekday").select_option("0")
    page.locator("#id_uren-0-opens").fill("18:00")
    page.locator("#id_uren-0-closes").fill("22:00")
    page.get_by_role("button", name="Bewaren").click()
    expect(page.locator(".messages")).to_contain_text("bewaard")
    page.get_by_role("button", name="Indienen voor publicatie").click()
    expect(page.locator(".messages")).to_contain_text("nagekeken")
    offering = Offering.objects.get(name="Avondchat Gent")
    assert offering.organisation == organisation
    assert offering.moderation_state == "submitted"

    # Not on the map before it is published.
    page.goto("/sociale-kaart/?q=Avondchat")
    expect(page.locator("#results")).to_contain_text("0 resultaten")

    # The coordinator publishes it.
    coordinator_page.goto("/sociale-kaart/moderatie/")
    coordinator_page.get_by_role("link", name="Avondchat Gent").click()
    coordinator_page.get_by_role("button", name="Publiceren").click()
    expect(coordinator_page.locator(".messages")).to_contain_text("gepubliceerd")
    coordinator_context.close()

    # A visitor finds it.
    page.context.clear_cookies()
    page.goto("/sociale-kaart/")
    page.get_by_label("Zoeken", exact=True).first.fill("Avondchat")
    page.get_by_label("Zoeken", exact=True).first.press("Enter")
    page.get_by_role("link", name="Avondchat Gent").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Avondchat Gent")
    expect(page.locator("main")).to_contain_text("Chatpunt Gent")


@pytest.fixture
def local_services(vocabulary):
    """Reference municipalities, and a chat in Gent beside one in Hasselt."""
    from socialekaart.models import Municipality
    from socialekaart.reference import municipalities_load

    call_command("loaddata", "fixtures/provinces.json", verbosity=0)
    municipalities_load()
    coordinator = UserFactory(groups=[roles.COORDINATORS])
    for city in ("Gent", "Hasselt"):
        organisation = services.organisation_create(
            actor=coordinator,
            data={
                "name": f"Chat {city} vzw",
                "municipalities": [Municipality.objects.get(name=city)],
            },
        )
        offering = services.offering_create(
            organisation=organisation, actor=coordinator, data={"name": f"Chat in {city}"}, hours=[]
        )
        services.offering_submit(offering=offering, actor=coordinator)
        services.offering_publish(offering=offering, actor=coordinator)


def test_visitor_narrows_the_map_to_a_municipality(page, local_services):
    page.goto("/sociale-kaart/")
    expect(page.locator("#results")).to_contain_text("2 resultaten")
    field = page.get_by_label("Gemeente in het werkingsgebied")
    field.fill("9000")
    field.press("Enter")
    expect(page.locator("#results")).to_contain_text("1 resultaat")
    expect(page.locator("#results")).to_contain_text("Chat in Gent")
    expect(page).to_have_url(re.compile(r"gemeente=9000"))
    field.fill("Atlantis")
    field.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Geen gemeente in Vlaanderen of Brussel")
    expect(field).to_have_value("Atlantis")
