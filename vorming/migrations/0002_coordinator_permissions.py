"""Coordinators keep the platforms, sessions' texts, checklists, plan and budget in /admin/."""

from django.db import migrations

COORDINATORS = "Coördinatoren"
MODELS = {
    "platform": ("add", "change", "view"),
    "session": ("change", "view"),
    "element": ("add", "change", "view"),
    "trainingdayplan": ("add", "change", "view"),
    "budgetyear": ("add", "change", "view"),
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    group = Group.objects.filter(name=COORDINATORS).first()
    if group is None:
        return
    for model, actions in MODELS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="vorming", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    group = Group.objects.filter(name=COORDINATORS).first()
    if group is not None:
        group.permissions.remove(*group.permissions.filter(content_type__app_label="vorming"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_role_groups"),
        ("vorming", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
