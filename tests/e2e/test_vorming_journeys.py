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


def test_a_coordinator_moves_a_meeting_through_the_pipeline_and_schedules_a_teaser(page, site):
    from datetime import timedelta

    from django.utils import timezone

    from tests.vorming.factories import platform_with_meetings
    from vorming.models import Meeting, Session

    coordinator = UserFactory(groups=[roles.COORDINATORS], two_factor=True)
    platform = platform_with_meetings(
        sector=SectorFactory(name="Ouderenzorg", slug="ouderenzorg"), meetings=2
    )
    meeting = platform.meetings.get(number=1)
    log_in(page, coordinator.email, two_factor=True)
    page.goto("/vorming/platforms/")
    item = page.locator(f"#meeting-{meeting.pk}")
    item.get_by_text("Volgende stap").click()
    item.get_by_label("Nieuwe stand").select_option("contacted")
    item.get_by_label("Opmerking").fill("Voorzitter gemaild")
    item.get_by_role("button", name="Stap opslaan").click()
    expect(page.locator(f"#meeting-{meeting.pk}")).to_contain_text("gecontacteerd")
    expect(page.locator(f"#meeting-{meeting.pk}")).to_contain_text("Voorzitter gemaild")

    page.locator(f"#meeting-{meeting.pk}").get_by_text("Volgende stap").click()
    page.locator(f"#meeting-{meeting.pk}").get_by_role(
        "link", name="Een teaser inplannen op dit overlegmoment"
    ).click()
    start = timezone.localtime() + timedelta(days=20)
    page.locator("#id_title").fill("Teaser onlinehulp")
    page.locator("#id_start").fill(start.strftime("%Y-%m-%dT10:00"))
    page.locator("#id_end").fill(start.strftime("%Y-%m-%dT12:30"))
    page.locator("#id_place").fill("Leuven")
    page.locator("#id_capacity").fill("25")
    page.get_by_role("button", name="Inplannen").click()
    expect(page.locator(".field--error")).to_contain_text("Een teaser duurt hoogstens 2 uur.")
    page.locator("#id_end").fill(start.strftime("%Y-%m-%dT12:00"))
    page.get_by_role("button", name="Inplannen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Teaser onlinehulp")
    assert Session.objects.get().meeting == meeting
    assert Meeting.objects.get(pk=meeting.pk).state == "scheduled"
