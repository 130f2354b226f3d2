"""The training app's back office in the Wagtail admin: coordinators, audited."""

import pytest
from django.urls import reverse

from aanspreekpunt.core.models import AuditEntry
from tests.sessions import login
from vorming.models import BudgetYear, Platform

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
