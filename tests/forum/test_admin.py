"""Coordinators keep the categories and working groups in the back office, audited."""

import pytest
from django.urls import reverse

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.models import AuditEntry
from aanspreekpunt.forum.models import Category, WorkingGroup
from tests.factories import UserFactory
from tests.sessions import login

from .helpers import forum_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client):
    login(client, UserFactory(groups=[roles.COORDINATORS], two_factor=True), two_factor=True)
    return client


def test_a_coordinator_restricts_a_new_category_to_a_new_working_group(coordinator_client):
    member = forum_member()
    response = coordinator_client.post(
        reverse("forum_working_groups:add"), {"name": "Werkgroep chat", "members": [member.pk]}
    )
    assert response.status_code == 302
    group = WorkingGroup.objects.get(name="Werkgroep chat")
    assert list(group.members.all()) == [member]
    response = coordinator_client.post(
        reverse("forum_categories:add"),
        {
            "name": "Chatwerkgroep",
            "slug": "chatwerkgroep",
            "description": "",
            "sort_order": 90,
            "working_group": group.pk,
        },
    )
    assert response.status_code == 302
    assert Category.objects.get(slug="chatwerkgroep").working_group == group
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"forum.workinggroup.admin_created", "forum.category.admin_created"} <= actions


def test_a_category_cannot_take_a_key_the_forum_uses_itself(coordinator_client):
    response = coordinator_client.post(
        reverse("forum_categories:add"),
        {"name": "Moderatie", "slug": "moderatie", "description": "", "sort_order": 1},
    )
    assert response.status_code == 200
    assert not Category.objects.filter(slug="moderatie").exists()


def test_members_and_editors_cannot_manage_categories(client):
    login(client, UserFactory(groups=[roles.EDITORS], two_factor=True), two_factor=True)
    response = client.get(reverse("forum_categories:index"))
    assert response.status_code in (302, 403)
    assert response.status_code != 200
