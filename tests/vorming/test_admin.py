"""The training app's back office in the Wagtail admin: coordinators, audited."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.functional import empty

from aanspreekpunt.core.documents import private_storage
from aanspreekpunt.core.models import AuditEntry
from tests.sessions import login
from vorming import selectors, services
from vorming.models import BudgetYear, Material, Platform, Spending

from .factories import platform_with_meetings

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client, coordinator):
    login(client, coordinator, two_factor=True)
    return client


def test_a_coordinator_edits_a_platform_and_it_is_audited(coordinator_client, sector):
    platform = platform_with_meetings(sector=sector)
    assert coordinator_client.get(reverse("vorming_platform:index")).status_code == 200
    url = reverse("vorming_platform:edit", args=[platform.pk])
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(
        url,
        {
            "sector": sector.pk,
            "via": platform.via,
            "note": "",
            "contact_name": "Els Contact",
            "contact_email": "els@example.org",
            "sort_order": 1,
        },
    )
    assert response.status_code == 302
    platform.refresh_from_db()
    assert platform.contact_name == "Els Contact"
    entry = AuditEntry.objects.get(action="vorming.platform.admin_updated")
    assert entry.changes["contact_name"] == "Els Contact"


def test_the_budget_and_sessions_are_in_the_back_office(coordinator_client, session):
    BudgetYear.objects.create(year=2030, personnel=1, operating=2, overhead=3)
    assert "2030" in coordinator_client.get(reverse("vorming_budgetyear:index")).content.decode()
    listing = coordinator_client.get(reverse("vorming_session:index")).content.decode()
    assert session.title in listing
    edit = reverse("vorming_session:edit", args=[session.pk])
    assert coordinator_client.get(edit).status_code == 200
    # a session is scheduled in the front office, where its rules are checked
    add = coordinator_client.get(reverse("vorming_session:add"))
    assert add.status_code == 302
    assert add["Location"] == reverse("vorming:session_create")


def test_members_do_not_reach_the_back_office(member_client):
    response = member_client.get(reverse("vorming_platform:index"))
    assert response.status_code in (302, 403)
    assert Platform.objects.count() == 0


@pytest.fixture
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    private_storage._wrapped = empty
    yield
    private_storage._wrapped = empty


@pytest.mark.usefixtures("_private_media")
def test_a_coordinator_keeps_the_materials_in_the_back_office(
    coordinator_client, session, coordinator, django_capture_on_commit_callbacks
):
    client = Client()  # a visitor, beside the coordinator
    services.session_set_status(session=session, to_status="held", actor=coordinator)
    assert "Publieke slides" not in client.get("/vorming/materiaal/").content.decode()
    add = reverse("vorming_material:add")
    assert coordinator_client.get(add).status_code == 200
    # a link or a file, never both or neither: a Dutch error and nothing saved
    for extra in ({}, {"link": "https://example.org/a", "file": SimpleUploadedFile("a.txt", b"x")}):
        response = coordinator_client.post(
            add, {"session": session.pk, "title": "Fout", "is_public": "on", **extra}
        )
        assert response.status_code == 200
        assert "Geef een link of een bestand" in response.content.decode()
    assert not Material.objects.exists()

    response = coordinator_client.post(
        add,
        {
            "session": session.pk,
            "title": "Publieke slides",
            "link": "https://example.org/slides",
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    public = Material.objects.get(title="Publieke slides")
    assert public.is_public
    assert public.session == session
    entry = AuditEntry.objects.get(action="vorming.material.admin_created")
    assert entry.actor == coordinator
    assert entry.changes["title"] == "Publieke slides"
    # the cached library and session page show it at the next request
    assert "Publieke slides" in client.get("/vorming/materiaal/").content.decode()
    assert "Publieke slides" in client.get(session.get_absolute_url()).content.decode()
    listing = coordinator_client.get(reverse("vorming_material:index")).content.decode()
    assert "Publieke slides" in listing
    assert "Sessie" in listing  # the columns speak Dutch
    assert "True" not in listing

    # a document for the participants: the audit names the file, never its content
    response = coordinator_client.post(
        add,
        {
            "session": session.pk,
            "title": "Handout",
            "file": SimpleUploadedFile("handout.txt", b"geheime inhoud\nregel twee"),
        },
    )
    assert response.status_code == 302
    handout = Material.objects.get(title="Handout")
    assert not handout.is_public
    assert handout.file.read() == b"geheime inhoud\nregel twee"
    audit = AuditEntry.objects.filter(action="vorming.material.admin_created").latest("pk")
    assert "handout" in audit.changes["file"]
    assert "geheime" not in str(audit.changes)
    assert "Handout" not in client.get("/vorming/materiaal/").content.decode()

    # made public in the back office, then deleted: both audited, both seen at once
    edit = reverse("vorming_material:edit", args=[handout.pk])
    assert coordinator_client.get(edit).status_code == 200
    response = coordinator_client.post(
        edit, {"session": session.pk, "title": "Handout", "is_public": "on"}
    )
    assert response.status_code == 302
    handout.refresh_from_db()
    assert handout.is_public
    updated = AuditEntry.objects.get(action="vorming.material.admin_updated")
    assert updated.changes == {"is_public": "True"}
    assert "Handout" in client.get("/vorming/materiaal/").content.decode()
    stored = handout.file.name
    assert private_storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(reverse("vorming_material:delete", args=[handout.pk]))
    assert response.status_code == 302
    assert not private_storage.exists(stored)  # the document goes with it
    delete = reverse("vorming_material:delete", args=[public.pk])
    assert coordinator_client.post(delete).status_code == 302
    assert not Material.objects.filter(pk=public.pk).exists()
    assert AuditEntry.objects.filter(action="vorming.material.admin_deleted").count() == 2
    assert "Publieke slides" not in client.get("/vorming/materiaal/").content.decode()


def operating_spent():
    rows = selectors.budget(year=2016)["rows"]
    return next(
        row["spent"] for row in rows if row["category"] == Spending.Category.OPERATING.label
    )


def test_a_coordinator_keeps_the_spending_in_the_back_office(coordinator_client, coordinator):
    BudgetYear.objects.create(year=2016, personnel=100, operating=50, overhead=10)
    add = reverse("vorming_spending:add")
    assert coordinator_client.get(add).status_code == 200
    for amount in ("0", "-5"):
        response = coordinator_client.post(
            add, {"on": "2016-03-01", "category": "operating", "amount": amount, "note": ""}
        )
        assert response.status_code == 200
        assert "Een bedrag is groter dan 0." in response.content.decode()
    assert not Spending.objects.exists()

    response = coordinator_client.post(
        add, {"on": "2016-03-01", "category": "operating", "amount": "60.50", "note": "Zaal"}
    )
    assert response.status_code == 302
    spending = Spending.objects.get()
    assert spending.created_by == coordinator
    assert spending.amount == Decimal("60.50")
    created = AuditEntry.objects.get(action="vorming.spending.admin_created")
    assert created.changes["amount"] == "60.50"
    assert operating_spent() == Decimal("60.50")
    listing = coordinator_client.get(reverse("vorming_spending:index")).content.decode()
    assert "werking" in listing  # the category by its Dutch name, not its code
    assert ">operating<" not in listing
    assert "Zaal" in coordinator_client.get("/vorming/budget/?year=2016").content.decode()

    edit = reverse("vorming_spending:edit", args=[spending.pk])
    response = coordinator_client.post(
        edit, {"on": "2016-03-01", "category": "operating", "amount": "40", "note": "Zaal"}
    )
    assert response.status_code == 302
    spending.refresh_from_db()
    assert spending.amount == Decimal("40")
    assert AuditEntry.objects.get(action="vorming.spending.admin_updated").changes == {
        "amount": "40"
    }
    assert operating_spent() == Decimal("40")
    response = coordinator_client.post(reverse("vorming_spending:delete", args=[spending.pk]))
    assert response.status_code == 302
    assert not Spending.objects.exists()
    assert AuditEntry.objects.filter(action="vorming.spending.admin_deleted").count() == 1


def test_members_do_not_reach_the_materials_or_the_spending(member_client):
    for name in ("vorming_material:index", "vorming_spending:index", "vorming_spending:add"):
        assert member_client.get(reverse(name)).status_code in (302, 403)


def test_a_coordinator_adds_a_meeting_to_a_platform_and_the_pipeline_counts_it(
    coordinator_client, sector
):
    platform = platform_with_meetings(sector=sector)
    before = platform.meetings.count()
    add = reverse("vorming_meeting:add")
    assert coordinator_client.get(add).status_code == 200
    response = coordinator_client.post(add, {"platform": platform.pk, "number": before + 1})
    assert response.status_code == 302
    meeting = platform.meetings.get(number=before + 1)
    assert meeting.state == "to_contact"
    entry = AuditEntry.objects.get(action="vorming.meeting.admin_created")
    assert entry.changes["number"] == str(before + 1)
    # the same number twice on one platform is a form error, nothing saved
    response = coordinator_client.post(add, {"platform": platform.pk, "number": before + 1})
    assert response.status_code == 200
    assert platform.meetings.count() == before + 1
    # the state is not in the form: it moves through the pipeline's table only
    edit = reverse("vorming_meeting:edit", args=[meeting.pk])
    assert 'name="state"' not in coordinator_client.get(edit).content.decode()
    listing = coordinator_client.get(reverse("vorming_meeting:index")).content.decode()
    assert "te contacteren" in listing.lower()
    pipeline = coordinator_client.get("/vorming/platforms/").content.decode()
    assert f"Overlegmoment {before + 1}" in pipeline
    assert f"0 van {before + 1} gegeven" in pipeline
