"""PostgreSQL: a GIN index on the Dutch search vector of an offering's name and description,
the expression the site search filters on (socialekaart.knowledge.offerings_source), so a
search reads the index instead of every offering. SQLite has no such index and needs none."""

from django.db import migrations

INDEX = "sitesearch_offering_dutch"
CREATE = (
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON socialekaart_offering USING gin (("
    "setweight(to_tsvector('dutch'::regconfig, COALESCE(name, '')), 'A') || "
    "setweight(to_tsvector('dutch'::regconfig, COALESCE(description, '')), 'B')))"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("socialekaart", "0013_importjob_importer")]

    operations = [migrations.RunPython(create, drop)]
