"""Writes on the policy actions: progress updates (append-only) and filling in an action.

Every write is atomic with its audit row and locks the action it changes, so two
coordinators who post at the same moment are applied one after the other and the action's
status and progress follow the update that came last.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aanspreekpunt.core import pagecache
from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.services import audit_describe, audit_record

from .models import TEXT_MAX_LENGTH, Action, Precision, ProgressUpdate, Status

VERSION = "beleidsacties"

ACTION_FIELDS = (
    "title",
    "description",
    "report_number",
    "strategy",
    "is_priority",
    "owner",
    "target_date",
    "source",
)
ACTION_M2M = ("actors", "topics")


def shown(value) -> str:
    """A field's value as the public history of an action shows it."""
    if hasattr(value, "all"):  # a many-to-many field
        value = list(value.all())
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value) or "—"
    if value is None or value == "":
        return "—"
    return str(value)


def tracker_changed() -> None:
    """Cached pages of the tracker render afresh once the transaction commits."""
    pagecache.data_changed(VERSION)


def _check_update(*, action: Action, data: dict, today) -> None:
    status = data.get("status_after") or ""
    if status and status not in Status.values:
        raise DomainError(_("This status does not exist."))
    progress = data.get("progress_after")
    if progress is not None and not 0 <= progress <= 100:
        raise DomainError(_("Progress is a percentage between 0 and 100."))
    happened_on = data.get("happened_on")
    if happened_on is not None and happened_on > today:
        raise DomainError(_("An update cannot be dated in the future."))
    until = data.get("happened_until")
    if until is not None and (happened_on is None or until < happened_on or until > today):
        raise DomainError(
            _("The end of the period must lie after its start and not in the future.")
        )
    text = data.get("text") or ""
    if not text.strip():
        raise DomainError(_("Describe what happened."))
    if len(text) > TEXT_MAX_LENGTH or "\x00" in text:
        raise DomainError(_("The text is too long or holds characters that are not allowed."))
    corrects = data.get("corrects")
    if corrects is not None and corrects.action_id != action.pk:
        raise DomainError(_("A correction names an update of the same action."))
    if not status and progress is None and not text:
        raise DomainError(_("An update needs a text."))


@transaction.atomic
def update_add(*, action: Action, actor, data: dict, is_demo: bool = False) -> ProgressUpdate:
    """Add an entry to the action's history; its new status and progress become the action's.

    ``data``: text, happened_on, precision, happened_until, status_after, progress_after,
    evidence_url, evidence_source, corrects (an earlier update of this action)."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    _check_update(action=action, data=data, today=timezone.localdate())
    happened_on = data.get("happened_on")
    update = ProgressUpdate(
        action=action,
        happened_on=happened_on,
        happened_until=data.get("happened_until"),
        precision=data.get("precision") or (Precision.DAY if happened_on else Precision.UNKNOWN),
        text=data["text"].strip(),
        status_before=action.status,
        status_after=data.get("status_after") or "",
        progress_before=action.progress,
        progress_after=data.get("progress_after"),
        evidence_url=data.get("evidence_url") or "",
        evidence_source=data.get("evidence_source") or "",
        evidence_document=data.get("evidence_document"),
        author=actor if getattr(actor, "is_authenticated", False) else None,
        corrects=data.get("corrects"),
        is_demo=is_demo,
    )
    update.full_clean(exclude=["action", "author", "corrects", "evidence_document"])
    update.save()
    changes = {}
    if update.status_after:
        changes["status"] = f"{action.status} → {update.status_after}"
        action.status = update.status_after
    if update.progress_after is not None:
        changes["progress"] = f"{action.progress} → {update.progress_after}"
        action.progress = update.progress_after
    action.last_update = update
    action.save(update_fields=["status", "progress", "last_update"])
    if update.corrects_id:
        changes["corrects"] = str(update.corrects_id)
    audit_record(actor=actor, action="beleidsacties.update.added", obj=update, changes=changes)
    tracker_changed()
    return update


@transaction.atomic
def action_fill(*, action: Action, actor, data: dict) -> Action:
    """A coordinator fills in or changes what is known of an action (not its status or
    progress: those follow the updates). The audit entry lists what changed, old → new."""
    stored = Action.objects.select_for_update().get(pk=action.pk)
    changes = {}
    for field in ACTION_FIELDS:
        if field in data and getattr(stored, field) != data[field]:
            changes[field] = f"{shown(getattr(stored, field))} → {shown(data[field])}"
            setattr(stored, field, data[field])
    if "strategy" in changes:
        stored.strategy_inferred = False  # recorded by a coordinator, no longer a reading
    stored.full_clean(validate_constraints=False)
    stored.save()
    for field in ACTION_M2M:
        if field in data:
            new = list(data[field] or [])
            old = set(getattr(stored, field).values_list("pk", flat=True))
            if old != {item.pk for item in new}:
                before = shown(getattr(stored, field))
                getattr(stored, field).set(new)
                changes[field] = f"{before} → {shown(new)}"
    if changes:
        audit_record(
            actor=actor,
            action="beleidsacties.action.updated",
            obj=stored,
            changes=audit_describe(changes),
        )
        tracker_changed()
    return stored


@transaction.atomic
def action_admin_save(*, action: Action, changed: list[str], save, actor) -> Action:
    """Save the back office's form of an action (``save`` does it, the admin's own way);
    the audit entry, and so the action's public history, lists each changed field
    old → new, like the front office's form."""
    changed = [name for name in changed if name not in ("status", "progress")]
    stored = Action.objects.select_for_update().get(pk=action.pk)
    before = {name: shown(getattr(stored, name)) for name in changed}
    saved = save()
    changes = {name: f"{before[name]} → {shown(getattr(saved, name))}" for name in changed}
    audit_record(
        actor=actor,
        action="beleidsacties.action.admin_updated",
        obj=saved,
        changes=audit_describe(changes),
    )
    tracker_changed()
    return saved
