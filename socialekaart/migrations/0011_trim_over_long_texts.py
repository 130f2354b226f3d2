from django.db import migrations
from django.db.models.functions import Length, Substr

# model -> {field: limit}, as socialekaart/models.py sets them in the next migration
LIMITS = {
    "Organisation": {"description": 5000},
    "Representation": {"motivation": 1000, "decision_note": 2000},
    "Offering": {"description": 5000, "hours_note": 1000, "moderation_note": 2000},
    "ModerationEvent": {"note": 2000},
}


def trim_over_long_texts(apps, schema_editor):
    """Texts had no limit, so a row may hold more than the new maximum (a test pasted
    100,000 characters). Keep the first part, so the length constraints can be added."""
    for model_name, limits in LIMITS.items():
        model = apps.get_model("socialekaart", model_name)
        for field, limit in limits.items():
            model.objects.annotate(length=Length(field)).filter(length__gt=limit).update(
                **{field: Substr(field, 1, limit)}
            )


class Migration(migrations.Migration):
    """Data only: PostgreSQL does not alter a table in the transaction that changed its rows,
    so the constraints come in the next migration."""

    dependencies = [
        ("socialekaart", "0010_one_open_request_and_one_offering_name"),
    ]

    operations = [
        migrations.RunPython(trim_over_long_texts, migrations.RunPython.noop),
    ]
