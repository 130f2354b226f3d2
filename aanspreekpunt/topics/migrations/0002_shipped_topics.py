"""The topics the platform ships (fixtures/topics.json), and who keeps them in the back office.

Only missing topics are added: a name or description an editor changed stays as it is.
Coordinators and editors add, change and delete topics.
"""

import json
from pathlib import Path

from django.db import migrations

FIXTURE = Path(__file__).resolve().parents[3] / "fixtures" / "topics.json"
GROUPS = ("Coördinatoren", "Redacteurs")
ACTIONS = ("add", "change", "delete", "view")


def load(apps, schema_editor):
    Topic = apps.get_model("topics", "Topic")
    for row in json.loads(FIXTURE.read_text(encoding="utf-8"))["topics"]:
        Topic.objects.get_or_create(slug=row["slug"], defaults=row)

    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="topics", model="topic")
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_topic",
            defaults={"name": f"Can {action} topic"},
        )[0]
        for action in ACTIONS
    ]
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def unload(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*group.permissions.filter(content_type__app_label="topics"))


class Migration(migrations.Migration):
    dependencies = [
        ("topics", "0001_topics"),
        ("accounts", "0002_role_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(load, unload)]
