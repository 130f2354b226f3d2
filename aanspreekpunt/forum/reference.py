"""The forum categories the platform ships (fixtures/forum.json); used by a data migration
and by the tests. Only missing categories are added: what a coordinator changed stays."""

import json
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "forum.json"


def categories_load(*, Category, WorkingGroup, Topic) -> int:
    added = 0
    for order, row in enumerate(json.loads(FIXTURE.read_text(encoding="utf-8"))["categories"]):
        group = None
        if row.get("working_group"):
            group, _ = WorkingGroup.objects.get_or_create(name=row["working_group"])
        category, created = Category.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "description": row["description"],
                "sort_order": (order + 1) * 10,
                "working_group": group,
            },
        )
        if created:
            category.topics.set(Topic.objects.filter(slug__in=row.get("topics", [])))
            added += 1
    return added
