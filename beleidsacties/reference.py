"""The plans, strategies, actors and known actions the platform ships (fixtures/beleidsacties.json).

Safe to repeat: rows are created when missing and never overwritten, so what coordinators
filled in or changed stays. The 44 slots of the 2014 report are created empty ("still to be
completed"); the evidence of the ministerial actions becomes progress updates with their
source, once, without a status: the sources' guesses at a status are not loaded.
"""

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from . import services

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "beleidsacties.json"


def fixture() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@transaction.atomic
def reference_data_load(*, warn=None) -> str:
    from django.apps import apps

    created = load(apps)
    if created:
        services.tracker_changed()
    Action = apps.get_model("beleidsacties", "Action")
    total = Action.objects.count()
    known = Action.objects.exclude(title="").count()
    return f"{total} beleidsacties, {known} met gekende tekst"


def load(apps) -> int:
    """Add what is missing of the fixture, with the models of ``apps`` (the app registry, or
    a migration's); returns the number of actions created. Also run by a data migration,
    so it uses no service: the shipped follow-up facts carry no author and no status."""
    Actor = apps.get_model("beleidsacties", "Actor")
    Plan = apps.get_model("beleidsacties", "Plan")
    Strategy = apps.get_model("beleidsacties", "Strategy")
    Action = apps.get_model("beleidsacties", "Action")
    ProgressUpdate = apps.get_model("beleidsacties", "ProgressUpdate")
    Topic = apps.get_model("topics", "Topic")
    data = fixture()
    for row in data["actors"]:
        Actor.objects.get_or_create(
            key=row["key"], defaults={"name": row["name"], "sort_order": row["sort_order"]}
        )
    actors = {actor.key: actor for actor in Actor.objects.all()}
    plans = {}
    for row in data["plans"]:
        plan, _ = Plan.objects.get_or_create(
            slug=row["slug"], defaults={key: row[key] for key in PLAN_FIELDS}
        )
        plans[row["slug"]] = plan
        for strategy in row["strategies"]:
            Strategy.objects.get_or_create(
                plan=plan,
                number=strategy["number"],
                defaults={"title": strategy["title"], "source": strategy["source"]},
            )
    primary = next(plan for plan in plans.values() if plan.is_primary)
    strategies = {s.number: s for s in Strategy.objects.filter(plan=primary)}
    created = 0
    for row in data["plans"]:
        plan = plans[row["slug"]]
        known = {action["number"]: action for action in row["actions"]}
        existing = set(Action.objects.filter(plan=plan).values_list("number", flat=True))
        for number in range(1, plan.action_count + 1):
            if number in existing:
                continue
            spec = known.get(number, {})
            action = Action(plan=plan, number=number)
            if spec:
                action.title = spec["title"]
                action.source = spec["source"]
                action.is_priority = spec.get("is_priority", False)
            if "strategy" in spec:
                action.strategy = strategies[spec["strategy"]]
                action.strategy_inferred = spec["strategy_inferred"]
            if "serves_strategy" in spec:
                action.serves_strategy = strategies[spec["serves_strategy"]]
                action.serves_inferred = spec["serves_inferred"]
            action.save()
            created += 1
            if not spec:
                continue
            action.actors.set([actors[key] for key in spec.get("actors", [])])
            action.topics.set(Topic.objects.filter(slug__in=spec.get("topics", [])))
            last = None
            for evidence in spec.get("evidence", []):
                last = ProgressUpdate.objects.create(action=action, **_evidence(evidence))
            if last is not None:
                Action.objects.filter(pk=action.pk).update(last_update=last)
    return created


PLAN_FIELDS = (
    "title",
    "short_title",
    "description",
    "source",
    "action_count",
    "is_primary",
    "numbering_is_platform",
    "sort_order",
)


def _evidence(row: dict) -> dict:
    def day(value):
        return date.fromisoformat(value) if value else None

    return {
        "text": row["text"],
        "happened_on": day(row.get("date")),
        "happened_until": day(row.get("until")),
        "precision": row["precision"],
        "evidence_url": row.get("url", ""),
        "evidence_source": row.get("source", ""),
        "status_before": "unknown",
    }
