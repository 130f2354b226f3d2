"""Issue 17: stable UUIDs for organisations and offerings (the API's HSDS ids), an index for
the sync feed's ``modified_after``, and tombstones of deleted offerings."""

from uuid import uuid4

from django.db import migrations, models


def give_uuids(apps, schema_editor):
    """Each existing row its own UUID (a column default would give them all the same one)."""
    for name in ("Organisation", "Offering"):
        model = apps.get_model("socialekaart", name)
        rows = list(model.objects.filter(uuid__isnull=True).only("pk"))
        for row in rows:
            row.uuid = uuid4()
        model.objects.bulk_update(rows, ["uuid"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("socialekaart", "0014_issue18_quality_norms"),
    ]

    operations = [
        migrations.CreateModel(
            name="RemovedOffering",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("uuid", models.UUIDField(unique=True)),
                ("name", models.CharField(max_length=200)),
                ("removed_at", models.DateTimeField(db_index=True)),
            ],
            options={
                "verbose_name": "removed offering",
                "verbose_name_plural": "removed offerings",
                "ordering": ["removed_at", "uuid"],
            },
        ),
        migrations.AddField(
            model_name="offering",
            name="uuid",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="organisation",
            name="uuid",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(give_uuids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="offering",
            name="uuid",
            field=models.UUIDField(default=uuid4, editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name="organisation",
            name="uuid",
            field=models.UUIDField(default=uuid4, editable=False, unique=True),
        ),
        migrations.AddIndex(
            model_name="offering",
            index=models.Index(fields=["updated_at"], name="socialekaar_updated_d0eddd_idx"),
        ),
    ]
