"""Editors review pages in Wagtail's moderation workflow.

Wagtail's default workflow ("Moderators approval") lets only its "Moderators" group approve;
on this platform editors publish the knowledge site (product.md §2), so the group
"Redacteurs" reviews in every approval task that moderators review in."""

from django.db import migrations

EDITORS = "Redacteurs"


def editors_review(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    for task in GroupApprovalTask.objects.filter(groups__name="Moderators").distinct():
        task.groups.add(editors)


def editors_no_longer_review(apps, schema_editor):
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    for task in GroupApprovalTask.objects.filter(groups__name=EDITORS):
        task.groups.remove(*task.groups.filter(name=EDITORS))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_profile_plain_text"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(editors_review, editors_no_longer_review)]
