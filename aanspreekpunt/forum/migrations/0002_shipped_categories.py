"""The forum categories the platform ships (fixtures/forum.json), and coordinators' right to
manage categories and working groups in the back office."""

from django.db import migrations

COORDINATORS = "Coördinatoren"
MODELS = {"category": ("add", "change", "delete", "view"), "workinggroup": ("add", "change", "delete", "view")}


def load(apps, schema_editor):
    from aanspreekpunt.forum.reference import categories_load

    categories_load(
        Category=apps.get_model("forum", "Category"),
        WorkingGroup=apps.get_model("forum", "WorkingGroup"),
        Topic=apps.get_model("topics", "Topic"),
    )
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=COORDINATORS).first()
    if group is None:
        return
    for model, actions in MODELS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="forum", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            group.permissions.add(permission)


def unload(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=COORDINATORS).first()
    if group is not None:
        group.permissions.remove(*group.permissions.filter(content_type__app_label="forum"))


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0001_forum"),
        ("topics", "0002_shipped_topics"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(load, unload)]
