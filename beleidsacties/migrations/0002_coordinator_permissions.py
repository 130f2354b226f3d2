"""Coordinators manage plans, strategies and actions in /admin/, and add progress updates.

Nobody gets change or delete on progress updates: the history is append-only."""

from django.db import migrations

COORDINATORS = "Coördinatoren"
MODELS = {
    "plan": ("add", "change", "view"),
    "strategy": ("add", "change", "view"),
    "action": ("add", "change", "view"),
    "actor": ("view",),
    "progressupdate": ("add", "view"),
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    group = Group.objects.filter(name=COORDINATORS).first()
    if group is None:
        return
    for model, actions in MODELS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="beleidsacties", model=model)
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
            *group.permissions.filter(content_type__app_label="beleidsacties")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("beleidsacties", "0001_policy_actions"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
