import json
from pathlib import Path

import pytest
from django.urls import reverse

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.models import AuditEntry
from aanspreekpunt.topics.models import Topic
from aanspreekpunt.topics.selectors import topic_list, topics_by_slug
from tests.factories import UserFactory
from tests.sessions import login

pytestmark = pytest.mark.django_db

SHIPPED = json.loads(Path("fixtures/topics.json").read_text(encoding="utf-8"))["topics"]


def test_a_fresh_install_has_the_ten_professional_topics_in_order():
    assert [topic.slug for topic in topic_list()] == [row["slug"] for row in SHIPPED]
    assert len(SHIPPED) == 10
    assert {"chathulp", "deontologie-en-privacy", "mediawijsheid"} <= {r["slug"] for r in SHIPPED}


def test_topics_are_looked_up_by_key_and_unknown_keys_are_ignored():
    found = topics_by_slug(slugs=["kwaliteit", "bestaat-niet", "beleid"])
    assert sorted(topic.slug for topic in found) == ["beleid", "kwaliteit"]


@pytest.mark.parametrize("role", [roles.EDITORS, roles.COORDINATORS])
def test_staff_keep_the_topics_in_the_back_office_and_each_change_is_audited(client, role):
    user = UserFactory(groups=[role], two_factor=True)
    login(client, user, two_factor=True)
    response = client.post(
        reverse("topics:add"),
        {"name": "Groepshulp", "slug": "groepshulp", "description": "", "sort_order": 5},
    )
    assert response.status_code == 302
    topic = Topic.objects.get(slug="groepshulp")
    entry = AuditEntry.objects.get(action="topics.topic.admin_created")
    assert entry.actor == user
    assert entry.object_id == str(topic.pk)
    assert entry.changes["name"] == "Groepshulp"

    response = client.post(reverse("topics:delete", args=[topic.pk]))
    assert response.status_code == 302
    assert not Topic.objects.filter(slug="groepshulp").exists()
    assert AuditEntry.objects.filter(action="topics.topic.admin_deleted").count() == 1


def test_members_cannot_change_topics(client, member):
    client.force_login(member)
    response = client.post(reverse("topics:add"), {"name": "X", "slug": "x", "sort_order": 1})
    assert response.status_code in (302, 403)
    assert not Topic.objects.filter(slug="x").exists()


def test_a_duplicate_topic_is_refused_with_a_dutch_error_and_nothing_is_audited(client):
    editor = UserFactory(groups=[roles.EDITORS], two_factor=True)
    login(client, editor, two_factor=True)
    response = client.post(
        reverse("topics:add"), {"name": "Chathulp", "slug": "chathulp", "sort_order": 1}
    )
    assert response.status_code == 200
    assert "bestaat al" in response.content.decode()
    assert Topic.objects.filter(slug="chathulp").count() == 1
    assert not AuditEntry.objects.filter(action__startswith="topics.").exists()
