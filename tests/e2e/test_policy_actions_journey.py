"""Policy actions in a real browser: a visitor reads the tracker on a phone; a coordinator
records an update with evidence and fills in two open slots by importing a file; a visitor
filters without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from aanspreekpunt.accounts import roles
from tests.factories import PASSWORD, UserFactory
from tests.totp import TEST_TOTP_SECRET, totp_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in_coordinator(page):
    coordinator = UserFactory(groups=[roles.COORDINATORS], two_factor=True)
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(coordinator.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.locator("main form input[name=code]").fill(totp_code(TEST_TOTP_SECRET))
    page.locator("main form button[type=submit]").first.click()
    expect(page).not_to_have_url(re.compile(r"/accounts/(login|2fa)/"))
    return coordinator


def test_a_visitor_reads_the_tracker_and_a_coordinator_records_progress(phone_page, page, tmp_path):
    # A visitor on a phone reads the overview and a priority action.
    phone = phone_page
    phone.goto("/beleidsacties/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Beleidsacties")
    expect(phone.locator(".action--priority")).to_have_count(6)
    expect(phone.get_by_text("niet die van het rapport").first).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the overview scrolls sideways on a phone ({width}px)"
    phone.get_by_role(
        "link", name=re.compile("centrale bundeling van onlinehulp-expertise")
    ).click()
    expect(phone).to_have_url(re.compile(r"/beleidsacties/6/$"))
    expect(phone.get_by_text("Nog geen updates")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    # A coordinator adds an update with evidence to that priority action.
    log_in_coordinator(page)
    page.goto("/beleidsacties/6/")
    page.get_by_role("link", name="Voortgangsupdate toevoegen").click()
    page.get_by_label("Wat er gebeurd is").fill("Het expertisecentrum is opgestart.")
    page.get_by_label(re.compile(r"^Datum")).fill("2026-01-15")
    page.get_by_label("Nieuwe status").select_option("ongoing")
    page.get_by_label("Nieuwe voortgang (%)").fill("40")
    page.get_by_label("Bewijs (webadres)").fill("https://example.org/verslag")
    page.get_by_label("Bron", exact=True).fill("Verslag van de stuurgroep")
    page.get_by_role("button", name="Update toevoegen").click()
    expect(page).to_have_url(re.compile(r"/beleidsacties/6/$"))
    expect(page.locator(".messages")).to_contain_text("De voortgangsupdate is toegevoegd.")
    expect(page.locator(".timeline")).to_contain_text("onbekend → lopend")
    expect(page.get_by_role("link", name="Verslag van de stuurgroep")).to_be_visible()

    # The visitor sees it in the overview, the dashboard and the feed.
    phone.goto("/beleidsacties/?prioriteit=on")
    expect(phone.locator(".action--priority").filter(has_text="lopend")).to_have_count(1)
    phone.goto("/beleidsacties/dashboard/")
    expect(phone.locator("table").first).to_contain_text("40")
    expect(phone.locator("svg desc").first).to_contain_text("40 %")
    feed = phone.request.get("/beleidsacties/feed/").text()
    assert "Het expertisecentrum is opgestart." in feed

    # The coordinator fills in two open slots by importing a file.
    upload = tmp_path / "acties.csv"
    upload.write_text(
        "plan;nummer;titel\r\n"
        "bouwstenen-2014;7;Eerste actie uit het rapport\r\n"
        "bouwstenen-2014;8;Tweede actie uit het rapport\r\n",
        encoding="utf-8",
    )
    page.goto("/beleidsacties/importeren/")
    page.get_by_label("Bestand").set_input_files(str(upload))
    page.get_by_role("button", name="Bestand controleren").click()
    page.get_by_role("button", name=re.compile("2 rijen importeren")).click()
    expect(page.locator("#import-progress")).to_contain_text("2 acties ingevuld of gewijzigd.")
    phone.goto("/beleidsacties/")
    expect(phone.get_by_role("link", name="Eerste actie uit het rapport")).to_be_visible()
    expect(phone.get_by_role("link", name="Tweede actie uit het rapport")).to_be_visible()


def test_a_visitor_filters_without_javascript(no_js_page):
    page = no_js_page
    page.goto("/beleidsacties/")
    page.get_by_label("Actor").select_option("vlaamse_overheid")
    page.get_by_label("Alleen de prioritaire acties").check()
    page.get_by_role("button", name="Acties tonen").click()
    expect(page).to_have_url(re.compile(r"actor=vlaamse_overheid"))
    expect(page).to_have_url(re.compile(r"prioriteit=on"))
    expect(page.get_by_role("status")).to_have_text("3 acties")
    page.get_by_role("link", name="Alle filters wissen").click()
    expect(page.get_by_role("status")).to_have_text("54 acties")


@pytest.mark.parametrize(
    "path",
    [
        "/beleidsacties/",
        "/beleidsacties/6/",
        "/beleidsacties/20/",
        "/beleidsacties/dashboard/",
        "/beleidsacties/plannen/ministeriele-acties-2015/4/",
    ],
)
def test_the_trackers_pages_have_no_axe_violations(page, path):
    from tests.e2e.test_accessibility import assert_accessible

    page.goto(path)
    assert_accessible(page)
