"""Training journeys in a real browser: a director registers on a phone without an account,
confirms by e-mail and cancels through the link; the first on the waiting list is promoted
and e-mailed; the coordinator sees the registrations. The same registration works without
JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.models import OutboundEmail
from tests.factories import UserFactory
from tests.socialekaart.factories import SectorFactory
from tests.vorming.factories import make_session, register

from .test_service_map_journeys import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
LINK = re.compile(r"https?://\S+(/vorming/inschrijving/(bevestigen|annuleren)/[^/\s]+/)")


def link_in_last_email(address: str, purpose: str) -> str:
    email = OutboundEmail.objects.filter(to=[address]).order_by("-pk").first()
    assert email is not None, f"no e-mail to {address}"
    return next(path for path, kind in LINK.findall(email.body) if kind == purpose)


@pytest.fixture
def session(site):
    return make_session(
        title="Vormingsdag onlinehulp voor directies",
        sector=SectorFactory(name="Ouderenzorg", slug="ouderenzorg"),
        capacity=2,
    )


def test_a_director_registers_on_a_phone_confirms_cancels_and_the_next_one_moves_up(
    phone_page, page, session
):
    coordinator = UserFactory(groups=[roles.COORDINATORS], two_factor=True)
    register(session, 1)  # one place taken already

    phone = phone_page
    phone.goto("/vorming/")
    phone.get_by_role("link", name="Vormingsdag onlinehulp voor directies").click()
    expect(phone.get_by_text("1 vrije plaats")).to_be_visible()
    phone.get_by_role("link", name="Inschrijven").click()
    phone.get_by_label("Naam").fill("Dirk Directeur")
    phone.get_by_label("E-mailadres").fill("dirk@example.org")
    phone.get_by_label("Organisatie").fill("Woonzorg De Linde")
    phone.get_by_label("directeur", exact=True).check()
    phone.get_by_role("button", name="Inschrijven").click()
    expect(phone.get_by_role("status")).to_contain_text("Er wordt een plaats voor u vastgehouden.")

    # the session is full now: the next one joins the waiting list
    waiting = register(session, 3)

    phone.goto(link_in_last_email("dirk@example.org", "bevestigen"))
    phone.get_by_role("button", name="Mijn inschrijving bevestigen").click()
    expect(phone.get_by_role("status")).to_contain_text("Uw e-mailadres is bevestigd.")
    confirmed = OutboundEmail.objects.filter(to=["dirk@example.org"]).order_by("-pk").first()
    assert confirmed.attachments[0]["filename"] == "vorming.ics"

    # the coordinator sees the registration
    log_in(page, coordinator.email, two_factor=True)
    page.goto(f"/vorming/beheer/sessies/{session.pk}/")
    expect(page.get_by_text("Dirk Directeur")).to_be_visible()
    expect(page.get_by_text("2 van de 2 plaatsen ingenomen.")).to_be_visible()

    # opening the cancel link changes nothing; confirming cancels and promotes
    phone.goto(link_in_last_email("dirk@example.org", "annuleren"))
    expect(phone.get_by_role("button", name="Ja, annuleer mijn inschrijving")).to_be_visible()
    waiting.refresh_from_db()
    assert waiting.status == "waiting"
    phone.get_by_role("button", name="Ja, annuleer mijn inschrijving").click()
    expect(phone.get_by_role("status")).to_contain_text("Uw inschrijving is geannuleerd.")
    waiting.refresh_from_db()
    assert waiting.status == "held"
    promoted = OutboundEmail.objects.filter(to=[waiting.email]).order_by("-pk").first()
    assert promoted.subject.startswith("Een plaats voor u")

    page.reload()
    expect(page.get_by_text("Dirk Directeur")).to_be_visible()
    expect(page.locator(".registrations")).to_contain_text("geannuleerd")


def test_registering_works_without_javascript(no_js_page, session):
    page = no_js_page
    page.goto(f"/vorming/sessies/{session.pk}/")
    page.get_by_role("link", name="Inschrijven").click()
    page.get_by_role("button", name="Inschrijven").click()
    expect(page.locator(".form-errors")).to_be_visible()  # nothing filled in
    page.get_by_label("Naam").fill("Nele Zonder Script")
    page.get_by_label("E-mailadres").fill("nele@example.org")
    page.get_by_label("Organisatie").fill("CLB Noord")
    page.get_by_label("middenkader").check()
    page.get_by_role("button", name="Inschrijven").click()
    expect(page.get_by_role("status")).to_contain_text("Er wordt een plaats voor u vastgehouden.")
    assert session.registrations.get().email == "nele@example.org"
