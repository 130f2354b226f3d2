"""The map and the workspace at 320, 390 and 1366 px: no page scrolls sideways and axe-core
finds nothing; a visitor reports an error that the representative then sees; a staff
member of an organisation without representatives goes from its offering to a request to
represent it."""

import re
from datetime import time

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from aanspreekpunt.accounts import roles
from socialekaart import services
from socialekaart.models import Modality, Representation, TargetGroup
from tests.e2e.conftest import _open_page
from tests.e2e.test_accessibility import assert_accessible
from tests.e2e.test_service_map_journeys import log_in
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SIZES = {
    "320": {"width": 320, "height": 640},
    "390": {"width": 390, "height": 844},
    "1366": {"width": 1366, "height": 900},
}


@pytest.fixture
def sized_page(request, browser, site, live_server, browser_log, tmp_path):
    """A page at the size named by the test's ``size`` parameter."""
    viewport = SIZES[request.node.callspec.params["size"]]
    phone = viewport["width"] < 800
    yield from _open_page(
        request,
        browser,
        live_server,
        browser_log,
        tmp_path,
        viewport=viewport,
        is_mobile=phone,
        has_touch=phone,
    )


@pytest.fixture
def listed(site):
    """An organisation with a representative and a staffed chat, with a long web address."""
    call_command("loaddata", "fixtures/sectors.json", "fixtures/taxonomies.json", verbosity=0)
    coordinator = UserFactory(groups=[roles.COORDINATORS])
    organisation = services.organisation_create(
        actor=coordinator, data={"name": "Kinderrechtencommissariaatsondersteuning vzw"}
    )
    offering = services.offering_create(
        organisation=organisation,
        actor=coordinator,
        data={
            "name": "Chat voor jongeren",
            "modalities": [Modality.objects.get(slug="chat")],
            "target_groups": [TargetGroup.objects.get(slug="jongeren")],
            "anonymity": "anonymous",
            "access_url": "https://www.voorbeeld-van-een-heel-lange-webadres.example/"
            + "onlinehulp/chat/jongeren/anoniem/zonder-registratie/index.html",
            "age_min": 12,
            "age_max": 25,
        },
        hours=[{"weekday": day, "opens": time(9), "closes": time(17)} for day in range(5)],
    )
    services.offering_submit(offering=offering, actor=coordinator)
    offering = services.offering_publish(offering=offering, actor=coordinator)
    representative = UserFactory(groups=[roles.REPRESENTATIVES])
    Representation.objects.create(
        user=representative, organisation=organisation, status=Representation.Status.APPROVED
    )
    return {"offering": offering, "organisation": organisation, "representative": representative}


def no_sideways_scroll(page) -> None:
    scroll_width, viewport_width = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= viewport_width, f"{page.url} scrolls sideways ({scroll_width}px)"


@pytest.mark.parametrize("size", list(SIZES))
def test_map_and_workspace_reflow_and_pass_axe(sized_page, listed, size):
    page = sized_page
    offering, organisation = listed["offering"], listed["organisation"]
    public = [
        "/sociale-kaart/?modaliteit=chat&bereikbaar=bemand",
        "/sociale-kaart/?q=bestaat-nergens&modaliteit=chat",
        offering.get_absolute_url(),
        organisation.get_absolute_url(),
        f"/sociale-kaart/aanbod/{offering.slug}/meld-een-fout/",
        "/sociale-kaart/sectoren/",
    ]
    for path in public:
        page.goto(path)
        no_sideways_scroll(page)
        assert_accessible(page)
    # From the top of the map (the skip link leads there) the first result is at most 15
    # key presses away, also where the filters stand open beside the results.
    page.goto("/sociale-kaart/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    first_result = page.locator("#results .offering-card__title a").first
    for _press in range(15):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent")
        if focused.strip() == "Filters overslaan: naar de resultaten":
            page.keyboard.press("Enter")
        if first_result.evaluate("link => link === document.activeElement"):
            break
    else:
        pytest.fail(f"The first result is more than 15 key presses from the map at {size} px.")
    log_in(page, listed["representative"].email)
    for path in ["/sociale-kaart/mijn-organisatie/", offering.get_edit_url()]:
        page.goto(path)
        no_sideways_scroll(page)
        assert_accessible(page)
    # The offering form with an error: the summary takes focus and links to the field.
    page.locator("#id_age_max").fill("3")
    page.get_by_role("button", name="Bewaren", exact=True).click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name=re.compile("Tot leeftijd")).click()
    expect(page.locator("#id_age_max")).to_be_focused()
    no_sideways_scroll(page)
    assert_accessible(page)


def test_a_visitor_reports_an_error_and_the_representative_sees_it(page, browser, listed):
    offering = listed["offering"]
    page.goto(offering.get_absolute_url())
    page.get_by_role("link", name="Meld een fout op deze pagina").click()
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.locator(".error-summary")).to_be_focused()
    page.get_by_label(re.compile("Wat klopt er niet")).fill("De chat is op woensdag gesloten.")
    page.get_by_label(re.compile("Uw e-mailadres")).fill("bezoeker@example.org")
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.locator(".messages")).to_contain_text("Bedankt")
    expect(page.get_by_role("heading", level=1)).to_have_text(offering.name)

    context = browser.new_context(base_url=page.url.split("/sociale-kaart")[0], locale="nl-BE")
    representative = context.new_page()
    log_in(representative, listed["representative"].email)
    representative.goto("/sociale-kaart/mijn-organisatie/")
    reports = representative.locator(".corrections")
    expect(reports).to_contain_text("De chat is op woensdag gesloten.")
    reports.get_by_label("Verbeterd").check()
    reports.get_by_label(re.compile("Antwoord voor wie")).fill("De uren zijn aangepast.")
    reports.get_by_role("button", name="Melding afhandelen").click()
    expect(representative.locator(".messages")).to_contain_text("afgehandeld")
    expect(representative.locator(".corrections")).to_contain_text("Geen gemelde fouten.")
    context.close()


def test_staff_of_an_unrepresented_organisation_asks_to_represent_it(page, listed):
    Representation.objects.all().delete()  # nobody represents the organisation yet
    member = UserFactory()
    offering, organisation = listed["offering"], listed["organisation"]
    page.goto(offering.get_absolute_url())
    page.get_by_role("link", name="Beheer dit aanbod").click()
    # Not logged in: the login page, which also leads to sign-up, then back to the request.
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    expect(page.get_by_role("link", name="Registreren").first).to_be_visible()
    page.get_by_label(re.compile("e-mail", re.IGNORECASE)).first.fill(member.email)
    page.get_by_label(re.compile("wachtwoord", re.IGNORECASE)).first.fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/sociale-kaart/mijn-organisatie/aanvragen/"))
    expect(page.get_by_label("Bestaande organisatie")).to_have_value(str(organisation.pk))
    page.get_by_label("Uw functie in de organisatie").fill("Coördinator van de chat")
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.locator(".messages")).to_contain_text("coördinatoren")
    request = Representation.objects.get(user=member)
    assert request.organisation == organisation
    assert request.status == Representation.Status.REQUESTED
    # "Mijn organisatie" is in the account menu, and shows the request.
    page.locator(".account-nav").get_by_role("link", name="Mijn organisatie").click()
    expect(page.locator("main")).to_contain_text(organisation.name)


KEY_TRAIL = """() => {
    const el = document.activeElement;
    if (!el.dataset.keyTrail) {
        window.keyTrail = (window.keyTrail || 0) + 1;
        el.dataset.keyTrail = window.keyTrail;
    }
    return [el.dataset.keyTrail, (el.textContent || '').trim(), el.tagName];
}"""


@pytest.mark.parametrize("size", list(SIZES))
def test_the_offering_forms_buttons_are_reached_by_keyboard_passing_each_field_once(
    sized_page, listed, size
):
    """From the top of a draft's form (skip link, then Tab), "Indienen voor publicatie" comes
    within a few presses and "Bewaren" after every field of the form once, not twice."""
    page = sized_page
    draft = services.offering_create(
        organisation=listed["organisation"],
        actor=listed["representative"],
        data={"name": "Nieuwe chat", "modalities": [Modality.objects.get(slug="chat")]},
        hours=[],
    )
    log_in(page, listed["representative"].email)
    page.goto(draft.get_edit_url())
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link: on to the page's content
    seen, reached = [], {}
    for press in range(1, 200):
        page.keyboard.press("Tab")
        key, text, tag = page.evaluate(KEY_TRAIL)
        if seen and key == seen[-1]:
            continue  # a time field's hours and minutes: two stops in one field
        assert key not in seen, f"Element {tag} {text[:40]!r} is passed twice at {size} px."
        seen.append(key)
        if tag == "BUTTON" and text in ("Indienen voor publicatie", "Bewaren"):
            reached[text] = press
        if "Bewaren" in reached:
            break
    assert reached.get("Indienen voor publicatie", 99) <= 5, reached
    assert "Bewaren" in reached, f"Bewaren not reached by keyboard at {size} px."
    fields = page.locator("#offering-details").locator(
        "input:not([type=hidden]), select, textarea, button"
    )
    assert len(seen) <= fields.count() + 10, (reached, len(seen), fields.count())
