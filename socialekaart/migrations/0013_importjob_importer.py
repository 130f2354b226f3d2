# The import's lifecycle moved to aanspreekpunt.core.imports; a job names its importer.
# Every existing job is the service map's.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("socialekaart", "0012_text_limits"),
    ]

    operations = [
        migrations.AddField(
            model_name="importjob",
            name="importer",
            field=models.CharField(default="socialekaart.offerings", max_length=50),
            preserve_default=False,
        ),
    ]
