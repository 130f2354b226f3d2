import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("socialekaart", "0009_close_duplicate_requests_and_names"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="offering",
            constraint=models.UniqueConstraint(
                models.F("organisation"),
                django.db.models.functions.text.Lower("name"),
                name="unique_offering_name_per_organisation",
                violation_error_message="This organisation already has an offering with this name, perhaps an archived one. Choose another name.",
            ),
        ),
        migrations.AddConstraint(
            model_name="representation",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status__in", ["requested", "approved"])),
                fields=("user", "organisation"),
                name="one_open_request_per_member_and_organisation",
            ),
        ),
        migrations.AddConstraint(
            model_name="representation",
            constraint=models.UniqueConstraint(
                models.F("user"),
                django.db.models.functions.text.Lower("proposed_name"),
                condition=models.Q(("organisation__isnull", True), ("status", "requested")),
                name="one_open_request_per_member_and_new_name",
            ),
        ),
        migrations.AddConstraint(
            model_name="representation",
            constraint=models.UniqueConstraint(
                condition=models.Q(
                    ("organisation__isnull", True),
                    ("status", "requested"),
                    models.Q(("proposed_enterprise_number", ""), _negated=True),
                ),
                fields=("proposed_enterprise_number",),
                name="one_open_request_per_new_enterprise_number",
            ),
        ),
    ]
