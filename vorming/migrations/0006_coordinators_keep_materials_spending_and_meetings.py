"""Coordinators keep the materials, the spending entries and the platforms' meetings in
/admin/ too (a meeting's state moves only through the pipeline)."""

from django.db import migrations

COORDINATORS = "Coördinatoren"
MODELS = {
    "meeting": ("add", "change", "view"),
    "material": ("add", "change", "delete", "view"),
    "spending": ("add", "change", "delete", "view"),
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
    Permission = apps.get_model("auth.Permission")
    group = Group.objects.filter(name=COORDINATORS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="vorming", content_type__model__in=MODELS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("vorming", "0005_materials"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
