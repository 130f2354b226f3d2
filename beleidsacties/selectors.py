"""Reads on the policy actions; the only door other apps (the knowledge site) use."""

from collections import Counter, defaultdict
from datetime import date

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from .models import Action, Plan, ProgressUpdate, Status, Strategy, month_end


def actions_public() -> QuerySet[Action]:
    """Every action of every plan, with what lists show, in a fixed number of queries.
    Each has ``get_absolute_url``."""
    return Action.objects.select_related(
        "plan", "strategy", "last_update", "serves_strategy__plan", "serves_action__plan"
    ).prefetch_related("actors", "topics")


def actions_for_topic(*, topic, limit: int = 5) -> list[Action]:
    """Actions whose text is known, tagged with ``topic``: priority actions first."""
    return list(
        actions_public()
        .filter(topics=topic)
        .exclude(title="")
        .order_by("-is_priority", "plan__sort_order", "number")[:limit]
    )


def progress_summary() -> dict:
    """A small block for the home page: how many actions, how many known, by status."""
    rows = list(Action.objects.values_list("status", "progress", "title", "is_priority"))
    known_progress = [progress for _s, progress, _t, _p in rows if progress is not None]
    last = ProgressUpdate.objects.order_by("-recorded_at", "-pk").first()
    statuses = Counter(status for status, *_rest in rows)
    return {
        "plans": Plan.objects.count(),
        "actions": len(rows),
        "known": sum(1 for _s, _p, title, _pr in rows if title),
        "priority": sum(1 for *_r, priority in rows if priority),
        "by_status": {value: statuses.get(value, 0) for value in Status.values},
        "with_progress": len(known_progress),
        "average_progress": (
            round(sum(known_progress) / len(known_progress)) if known_progress else None
        ),
        "last_update": last.effective_date if last else None,
    }


def plans() -> list[Plan]:
    return list(Plan.objects.all())


def plan_get_or_404(*, slug: str | None = None) -> Plan:
    try:
        if slug is None:
            return Plan.objects.get(is_primary=True)
        return Plan.objects.get(slug=slug)
    except Plan.DoesNotExist as error:
        raise Http404 from error


def action_get_or_404(*, plan: Plan, number: int) -> Action:
    if not 1 <= number <= plan.action_count:
        raise Http404
    try:
        return actions_public().get(plan=plan, number=number)
    except Action.DoesNotExist as error:
        raise Http404 from error


def action_timeline(*, action: Action) -> list[ProgressUpdate]:
    """The action's updates, newest first, with what each corrects and is corrected by."""
    return list(
        action.updates.select_related("author", "corrects", "evidence_document")
        .prefetch_related(
            Prefetch("corrections", queryset=ProgressUpdate.objects.only("pk", "corrects_id"))
        )
        .order_by("-recorded_at", "-pk")
    )


EDIT_ACTIONS = ("beleidsacties.action.updated", "beleidsacties.action.admin_updated")


def action_changes(*, action: Action) -> list[dict]:
    """What coordinators changed in the action's description, newest first, from the audit
    log: when, who, and per field what it became (old → new where the form knew it)."""
    from aanspreekpunt.core.models import AuditEntry

    entries = AuditEntry.objects.filter(
        object_type=Action._meta.label_lower, object_id=str(action.pk), action__in=EDIT_ACTIONS
    ).select_related("actor")
    changes = []
    for entry in entries.order_by("-created_at", "-pk"):
        fields = []
        for name, value in entry.changes.items():
            try:
                label = Action._meta.get_field(name).verbose_name
            except FieldDoesNotExist:  # a field that no longer exists keeps its name
                label = name
            fields.append({"label": label, "value": value})
        who = entry.actor.get_full_name() if entry.actor_id else entry.actor_pseudonym
        changes.append({"when": entry.created_at, "who": who, "fields": fields})
    return changes


def action_links(*, action: Action) -> list[Action]:
    """The actions of other plans that serve this action or its strategy."""
    served = Action.objects.filter(serves_action=action)
    if action.strategy_id:
        served = served | Action.objects.filter(serves_strategy=action.strategy_id)
    return list(served.select_related("plan").exclude(plan=action.plan).order_by("plan", "number"))


def grouped_by_strategy(actions) -> list[dict]:
    """Actions per strategy of their plan (those without one last), each group with its
    rolled-up progress: the average of the actions whose progress is known."""
    groups: dict = {}
    for action in actions:
        key = action.strategy_id or 0
        group = groups.setdefault(
            key, {"strategy": action.strategy, "actions": [], "progress": None, "measured": 0}
        )
        group["actions"].append(action)
    for group in groups.values():
        known = [a.progress for a in group["actions"] if a.progress is not None]
        group["measured"] = len(known)
        group["progress"] = round(sum(known) / len(known)) if known else None
    return sorted(
        groups.values(), key=lambda g: (g["strategy"] is None, getattr(g["strategy"], "number", 0))
    )


def strategy_progress() -> list[dict]:
    """Per strategy of every plan: its actions, how many have a known progress, the average."""
    actions = defaultdict(list)
    for strategy_id, progress in Action.objects.values_list("strategy_id", "progress"):
        actions[strategy_id].append(progress)
    rows = []
    for strategy in Strategy.objects.select_related("plan"):
        values = actions.get(strategy.pk, [])
        known = [value for value in values if value is not None]
        rows.append(
            {
                "strategy": strategy,
                "actions": len(values),
                "measured": len(known),
                "average": round(sum(known) / len(known)) if known else None,
            }
        )
    return rows


def status_distribution() -> list[dict]:
    counts = Counter(Action.objects.values_list("status", flat=True))
    total = sum(counts.values())
    return [
        {
            "status": value,
            "label": label,
            "count": counts.get(value, 0),
            "share": round(100 * counts.get(value, 0) / total) if total else 0,
        }
        for value, label in Status.choices
    ]


def progress_over_time(*, today: date | None = None) -> list[dict]:
    """Month by month, rebuilt from the history: at the end of each month, the average
    progress of the actions whose progress was known by then, and how many those were."""
    today = today or timezone.localdate()
    events = sorted(
        (update.effective_date, update.pk, update.action_id, update.progress_after)
        for update in ProgressUpdate.objects.filter(progress_after__isnull=False).only(
            "happened_on", "recorded_at", "action_id", "progress_after"
        )
    )
    if not events:
        return []
    month = events[0][0].replace(day=1)
    current: dict[int, int] = {}
    rows, index = [], 0
    while month <= today:
        end = month_end(month)
        while index < len(events) and events[index][0] <= end:
            current[events[index][2]] = events[index][3]
            index += 1
        values = list(current.values())
        rows.append(
            {
                "month": month,
                "measured": len(values),
                "average": round(sum(values) / len(values)) if values else None,
            }
        )
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return rows


def priority_actions() -> list[Action]:
    actions = actions_public().prefetch_related(None).prefetch_related("actors")
    return list(actions.filter(is_priority=True).order_by("plan__sort_order", "number"))


def updates_for_feed(*, plan: Plan | None = None, limit: int = 30) -> list[ProgressUpdate]:
    updates = ProgressUpdate.objects.select_related("action__plan", "author").order_by(
        "-recorded_at", "-pk"
    )
    if plan is not None:
        updates = updates.filter(action__plan=plan)
    return list(updates[:limit])


def strategies_of(*, plan: Plan) -> QuerySet[Strategy]:
    return plan.strategies.all()
