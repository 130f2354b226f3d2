# The import's lifecycle moved to aanspreekpunt.core.imports; a job names its importer.
# Every existing job is the service map's.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("socialekaart", "0008_representation_kept_after_account_deletion"),
    ]

    operations = [
        migrations.AddField(
            model_name="importjob",
            name="importer",
            field=models.CharField(default="socialekaart.offerings", max_length=50),
            preserve_default=False,
        ),
    ]
