"""The 14 steps of Implementeren van onlinehulp (2019), from fixtures/implementation_steps.json.

Only missing steps are added; the text of a step that exists stays as it is."""

import json
from pathlib import Path

from django.db import migrations

FIXTURE = Path(__file__).resolve().parents[3] / "fixtures" / "implementation_steps.json"


def load(apps, schema_editor):
    Step = apps.get_model("stepplan", "Step")
    Topic = apps.get_model("topics", "Topic")
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    for row in json.loads(FIXTURE.read_text(encoding="utf-8"))["steps"]:
        Step.objects.get_or_create(
            number=row["number"],
            defaults={
                "name": row["name"],
                "questions": row["questions"],
                "topic": topics.get(row["topic"]),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("stepplan", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
