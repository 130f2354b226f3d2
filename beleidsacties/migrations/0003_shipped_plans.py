"""The plans, strategies, actors and action slots the platform ships (fixtures/beleidsacties.json):
the URL contract's /beleidsacties/1/ to /beleidsacties/44/ exist on every install.

Only what is missing is added; what coordinators filled in stays as it is.
"""

from django.db import migrations


def load(apps, schema_editor):
    from beleidsacties.reference import load as load_fixture

    load_fixture(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("beleidsacties", "0002_coordinator_permissions"),
        ("topics", "0002_shipped_topics"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
