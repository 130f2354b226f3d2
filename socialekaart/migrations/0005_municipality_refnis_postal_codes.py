import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("socialekaart", "0004_forget_unsourced_municipalities"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="municipality", name="unique_municipality"),
        migrations.RemoveField(model_name="municipality", name="postcode"),
        migrations.AddField(
            model_name="municipality",
            name="nis_code",
            field=models.CharField(
                default="", max_length=5, unique=True, verbose_name="REFNIS code"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="municipality",
            name="name_fr",
            field=models.CharField(blank=True, max_length=80, verbose_name="French name"),
        ),
        migrations.CreateModel(
            name="PostalCode",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "code",
                    models.CharField(db_index=True, max_length=4, verbose_name="postcode"),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="postal_codes",
                        to="socialekaart.municipality",
                        verbose_name="municipality",
                    ),
                ),
            ],
            options={
                "verbose_name": "postcode",
                "verbose_name_plural": "postcodes",
                "ordering": ["code"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("code", "municipality"), name="unique_postal_code"
                    )
                ],
            },
        ),
    ]
