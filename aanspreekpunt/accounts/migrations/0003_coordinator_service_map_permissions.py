"""Coordinators manage the service map's vocabularies, organisations and offerings in /admin/."""

from django.db import migrations

COORDINATORS = "Coördinatoren"
MODELS = {
    "sector": ("add", "change", "view"),
    "subsector": ("add", "change", "delete", "view"),
    "modality": ("add", "change", "delete", "view"),
    "targetgroup": ("add", "change", "delete", "view"),
    "theme": ("add", "change", "delete", "view"),
    "province": ("view",),
    "municipality": ("add", "change", "view"),
    "organisation": ("add", "change", "view"),
    "offering": ("add", "change", "view"),
    "representation": ("view",),
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    group = Group.objects.get(name=COORDINATORS)
    for model, actions in MODELS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="socialekaart", model=model)
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
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="socialekaart")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_role_groups"),
        ("socialekaart", "0002_offerings"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
