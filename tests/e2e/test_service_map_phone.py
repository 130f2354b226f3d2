"""A youth worker on a phone (390 px) finds a staffed anonymous chat open now and starts
it: with JavaScript (htmx, counts that follow, pagination keeping focus) and without."""

import re
from datetime import time

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from aanspreekpunt.accounts import roles
from socialekaart import services
from socialekaart.models import Modality, OpeningHours, TargetGroup
from tests.e2e.conftest import PHONE, _open_page
from tests.factories import UserFactory
from tests.socialekaart.factories import bulk_public_offerings

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Two windows that together cover every minute of every day: staffed whenever the test runs.
AROUND_THE_CLOCK = [
    {"weekday": day, "opens": opens, "closes": closes}
    for day in range(7)
    for opens, closes in ((time(0), time(12)), (time(12), time(0)))
]


@pytest.fixture
def no_js_phone_page(request, browser, site, live_server, browser_log, tmp_path):
    """A phone-sized page with JavaScript switched off."""
    yield from _open_page(
        request,
        browser,
        live_server,
        browser_log,
        tmp_path,
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        java_script_enabled=False,
    )


@pytest.fixture
def youth_help(site):
    """A staffed anonymous chat, a self-help site for young people, and 25 other offerings."""
    call_command("loaddata", "fixtures/sectors.json", "fixtures/taxonomies.json", verbosity=0)
    coordinator = UserFactory(groups=[roles.COORDINATORS])
    organisation = services.organisation_create(actor=coordinator, data={"name": "Jongerenlijn"})
    chat = Modality.objects.get(slug="chat")
    youth = TargetGroup.objects.get(slug="jongeren")
    for name, extra, hours in [
        (
            "Zorgchat voor jongeren",
            {"anonymity": "anonymous", "cost": "free", "access_url": "https://chat.example/"},
            AROUND_THE_CLOCK,
        ),
        ("Stresstest voor jongeren", {"always_available": True}, []),
    ]:
        offering = services.offering_create(
            organisation=organisation,
            actor=coordinator,
            data={"name": name, "modalities": [chat], "target_groups": [youth], **extra},
            hours=hours,
        )
        services.offering_submit(offering=offering, actor=coordinator)
        services.offering_publish(offering=offering, actor=coordinator)
    others = bulk_public_offerings(25, organisations=[organisation])
    OpeningHours.objects.filter(offering__in=others).delete()  # hours unknown


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide"


def test_youth_worker_on_a_phone_finds_a_staffed_chat_and_starts_it(phone_page, youth_help):
    page = phone_page
    page.goto("/sociale-kaart/")
    no_sideways_scroll(page)
    results = page.locator("#results")
    expect(results.get_by_role("status")).to_have_text("27 resultaten")
    # The other filters are folded away; the first result is a few Tab presses from the
    # top of the map (the skip link leads there).
    expect(page.locator("#filter-panel")).not_to_have_attribute("open", "")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    first_result = results.locator(".offering-card__title a").first
    for _press in range(15):
        page.keyboard.press("Tab")
        if first_result.evaluate("link => link === document.activeElement"):
            break
    else:
        pytest.fail("The first result is more than 15 Tab presses from the top of the map.")
    # Staffed now: htmx updates results, counts, button and address together.
    page.get_by_label(re.compile(r"^nu bemand")).check()
    expect(results.get_by_role("status")).to_have_text("1 resultaat")
    expect(page).to_have_url(re.compile(r"bereikbaar=bemand"))
    expect(page.get_by_role("button", name="Toon 1 resultaat")).to_be_visible()
    expect(page.get_by_label(re.compile(r"^nu bemand"))).to_be_checked()
    page.locator("#filter-panel summary").click()
    expect(page.get_by_label(re.compile(r"^\s*Jongeren"))).to_have_accessible_name(
        re.compile(r"Jongeren \(1\)")
    )
    chip = results.get_by_role("link", name=re.compile("Nu bereikbaar: nu bemand"))
    expect(chip).to_be_visible()
    no_sideways_scroll(page)
    # Removing the chip brings every offering back; "Volgende" keeps focus on the results.
    chip.click()
    expect(results.get_by_role("status")).to_have_text("27 resultaten")
    expect(page).not_to_have_url(re.compile(r"bereikbaar="))
    page.get_by_role("link", name="Volgende").click()
    expect(page).to_have_url(re.compile(r"pagina=2"))
    expect(page.locator("#result-count")).to_be_focused()
    # Back to the staffed chat, and start it.
    page.goto("/sociale-kaart/?bereikbaar=bemand")
    results.get_by_role("link", name="Zorgchat voor jongeren").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zorgchat voor jongeren")
    expect(page.locator(".open-state")).to_contain_text("Nu bemand")
    start = page.locator("main .actions").get_by_role("link", name="Start de chat")
    expect(start).to_have_attribute("href", "https://chat.example/")
    expect(page.locator(".facts")).to_contain_text("anoniem")
    no_sideways_scroll(page)


def test_the_same_on_a_phone_without_javascript(no_js_phone_page, youth_help):
    page = no_js_phone_page
    page.goto("/sociale-kaart/")
    no_sideways_scroll(page)
    page.get_by_label(re.compile(r"^nu bemand")).check()
    page.get_by_role("button", name=re.compile(r"^Toon \d+ resultaten")).click()
    expect(page).to_have_url(re.compile(r"bereikbaar=bemand.*#resultaten"))
    results = page.locator("#results")
    expect(results.get_by_role("status")).to_have_text("1 resultaat")
    expect(page.get_by_role("button", name="Toon 1 resultaat")).to_be_visible()
    # The folded filters open without JavaScript too.
    page.locator("#filter-panel summary").click()
    page.get_by_label(re.compile(r"^\s*Jongeren")).check()
    page.get_by_role("button", name=re.compile(r"^Toon \d+ resulta")).click()
    expect(page).to_have_url(re.compile(r"doelgroep=jongeren"))
    chips = results.locator(".chip")
    expect(chips).to_have_count(2)
    # A chip removes its filter.
    results.get_by_role("link", name=re.compile("Doelgroep: Jongeren")).click()
    expect(page).not_to_have_url(re.compile(r"doelgroep="))
    expect(results.locator(".chip")).to_have_count(1)
    results.get_by_role("link", name="Zorgchat voor jongeren", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zorgchat voor jongeren")
    expect(page.locator("main .actions").get_by_role("link", name="Start de chat")).to_be_visible()
    no_sideways_scroll(page)
