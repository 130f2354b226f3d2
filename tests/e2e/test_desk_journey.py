"""The contact point at work in a real browser: a question asked on a phone and answered by
a coordinator, who prepares it as a draft FAQ page; a representative marks step 1 of the step
plan done."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.models import OutboundEmail
from aanspreekpunt.desk.models import Question
from aanspreekpunt.pages.models import FAQPage
from socialekaart.models import Offering, Organisation, Representation, Sector
from tests.factories import UserFactory

from .test_accessibility import assert_accessible
from .test_service_map_journeys import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ASKER = "noor@zorgpunt.example"


def link_for(address: str, kind: str) -> str:
    """The path of the newest signed link of ``kind`` e-mailed to ``address``."""
    for email in OutboundEmail.objects.order_by("-pk"):
        if email.to == [address]:
            found = re.search(rf"https?://[^/\s]+(/vraag/{kind}/[^\s]+/)", email.body)
            if found:
                return found.group(1)
    raise AssertionError(f"no {kind} link e-mailed to {address}")


def test_a_question_asked_on_a_phone_is_answered_and_read_through_the_link(phone_page, page, site):
    coordinator = UserFactory(
        groups=[roles.COORDINATORS], two_factor=True, first_name="Carla", last_name="Coördinator"
    )
    phone = phone_page
    phone.goto("/vraag/")
    phone.get_by_role("link", name="Stel uw vraag").first.click()
    phone.get_by_label("Uw naam").fill("Noor Vandewalle")
    phone.get_by_label("Uw e-mailadres").fill(ASKER)
    phone.get_by_label("Onderwerp").fill("Aansprakelijkheid bij videobellen")
    phone.get_by_label("Uw vraag").fill("Zijn wij aansprakelijk voor advies via videobellen?")
    phone.get_by_label(re.compile("mag mijn vraag en het antwoord publiceren")).check()
    # nothing wider than the phone's screen
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(phone)
    phone.get_by_role("button", name="Mijn vraag versturen").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Kijk in uw mailbox")

    phone.goto(link_for(ASKER, "bevestigen"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Bevestig uw vraag")
    phone.get_by_role("button", name="Bevestig").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Vraag AP-")
    expect(phone.locator("main")).to_contain_text("ontvangen")
    reference = Question.objects.get().reference

    log_in(page, coordinator.email, two_factor=True)
    page.goto("/vraag/behandelen/")
    page.get_by_role("link", name=reference).click()
    page.locator("#id_request_info-text").fill("Welke videotool gebruikt u?")
    page.get_by_role("button", name="De vraag om aanvulling versturen").click()
    expect(page.locator(".messages")).to_contain_text("naar de vraagsteller gestuurd")

    phone.goto(link_for(ASKER, "aanvullen"))
    phone.get_by_label("Uw aanvulling").fill("Een beveiligde tool van ons ziekenhuisnetwerk.")
    phone.get_by_role("button", name="Versturen").click()
    expect(phone.locator("main")).to_contain_text("Een beveiligde tool van ons ziekenhuisnetwerk.")

    page.reload()
    page.locator("#id_note-text").fill("Intern: juriste raadplegen")
    page.get_by_role("button", name="De notitie toevoegen").click()
    page.locator("#id_answer-text").fill("Met de regels van vandaag bent u gedekt als ...")
    page.get_by_role("button", name="Het antwoord versturen").click()
    expect(page.locator(".messages")).to_contain_text("Het antwoord is naar de vraagsteller")
    assert_accessible(page)  # the coordinator's page, with every action on it
    page.get_by_label("Publieke titel").fill("Aansprakelijkheid bij advies via videobellen")
    page.get_by_role("button", name="Het ontwerp van veelgestelde vraag voorbereiden").click()
    expect(page.locator(".messages")).to_contain_text("ontwerp van veelgestelde vraag")

    phone.goto(link_for(ASKER, "opvolgen"))
    main = phone.locator("main")
    expect(main).to_contain_text("beantwoord")
    expect(main).to_contain_text("Met de regels van vandaag bent u gedekt")
    expect(main).not_to_contain_text("juriste raadplegen")
    assert_accessible(phone)
    question = Question.objects.get()
    assert question.publication == Question.Publication.DRAFT
    faq = FAQPage.objects.get(pk=question.faq_page_id)
    assert not faq.live


def test_a_representative_marks_step_one_done_and_the_sector_figures_change(page, site):
    call_command("loaddata", "fixtures/sectors.json", verbosity=0)
    sector = Sector.objects.order_by("sort_order").first()
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Organisatie {n}", slug=f"organisatie-{n}") for n in range(5)
    )
    for organisation in organisations:
        organisation.sectors.add(sector)
        Offering.objects.create(
            organisation=organisation,
            name=f"Chat {organisation.name}",
            slug=f"chat-{organisation.slug}",
            is_public=True,
            moderation_state=Offering.Moderation.PUBLISHED,
        )
    representative = UserFactory(groups=[roles.REPRESENTATIVES])
    Representation.objects.create(
        user=representative,
        organisation=organisations[0],
        status=Representation.Status.APPROVED,
    )
    row = page.locator("#step-coverage-caption ~ tbody tr", has_text=sector.name)
    page.goto("/sociale-kaart/sectoren/")
    expect(row.locator("td").nth(1)).to_have_text("0 %")

    log_in(page, representative.email)
    page.goto("/sociale-kaart/mijn-organisatie/")
    page.get_by_role("link", name="Stappenplan onlinehulp").first.click()
    expect(page.locator("#next-step")).to_contain_text("Volgende stap: 1. Visie")
    assert_accessible(page)
    step = page.locator("#stap-1")
    step.get_by_label("Stand").select_option("done")
    step.get_by_label("Notitie").fill("Visie besproken op de teamdag")
    step.get_by_role("button", name="Stap 1 bewaren").click()
    expect(page.locator("#next-step")).to_contain_text("Volgende stap: 2. Positioneren")

    page.goto("/sociale-kaart/sectoren/")
    expect(row.locator("td").nth(1)).to_have_text("20 %")
    page.goto("/stappenplan/")
    assert_accessible(page)
