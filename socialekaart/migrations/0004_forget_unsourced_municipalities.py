from django.db import migrations


def forget_unsourced_municipalities(apps, schema_editor):
    """Until now no municipality list shipped and the back office had no form to add one:
    rows could only come from a shell, without a REFNIS code. The official list replaces
    them (`manage.py load_reference_data`). This runs in a migration of its own: PostgreSQL
    does not alter a table in the transaction that deleted rows from it."""
    apps.get_model("socialekaart", "Municipality").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("socialekaart", "0003_importjob"),
    ]

    operations = [
        migrations.RunPython(forget_unsourced_municipalities, migrations.RunPython.noop),
    ]
