"""Writes of the step plan: a representative sets the state of a step of their
organisation, with a dated note and a link, and chooses whether to share the progress."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.services import audit_record

from .models import OrganisationPlan, Step, StepProgress

FIELDS = ("state", "note", "note_date", "link")


@transaction.atomic
def step_progress_set(*, organisation, step: Step, actor, data: dict) -> StepProgress:
    """Save the step's state, note, date and link; the row stays locked until the commit,
    so two representatives saving at once are applied one after the other, and the first
    save of a step by two at once leaves one row (the database's unique rule)."""
    progress = _locked_progress(organisation, step)
    changes = {
        field: str(data[field])
        for field in FIELDS
        if field in data and getattr(progress, field) != data[field]
    }
    if "state" in changes:
        progress.state_since = timezone.now()
    for field in FIELDS:
        if field in data:
            setattr(progress, field, data[field] if data[field] is not None else "")
    if progress.note_date == "":
        progress.note_date = None
    progress.updated_by = actor
    try:
        progress.full_clean(exclude=["organisation", "step"], validate_constraints=False)
    except Exception as error:  # a ValidationError from a path around the form
        raise DomainError(str(error)) from None
    progress.save()
    audit_record(
        actor=actor,
        action="stepplan.progress.updated",
        obj=organisation,
        changes={"step": str(step.number), **{k: v[:200] for k, v in changes.items()}},
    )
    return progress


def _locked_progress(organisation, step) -> StepProgress:
    rows = StepProgress.objects.select_for_update().filter(organisation=organisation, step=step)
    progress = rows.first()
    if progress is not None:
        return progress
    try:
        with transaction.atomic():
            return StepProgress.objects.create(
                organisation=organisation, step=step, state_since=timezone.now()
            )
    except IntegrityError:  # created by a simultaneous save: wait for it
        return rows.get()


@transaction.atomic
def step_plan_sharing_set(*, organisation, actor, shares: bool) -> OrganisationPlan:
    plan, _ = OrganisationPlan.objects.select_for_update().get_or_create(organisation=organisation)
    if plan.shares_progress != shares:
        plan.shares_progress = shares
        plan.save(update_fields=["shares_progress"])
        audit_record(
            actor=actor,
            action="stepplan.sharing.updated",
            obj=organisation,
            changes={"shares_progress": str(shares)},
        )
    return plan
