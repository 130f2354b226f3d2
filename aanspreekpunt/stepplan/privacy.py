"""The step-plan notes a member wrote, in their export and deletion (``StepPlanConfig``).

The notes belong to the organisation: on deletion they stay, without their author and with
every address or name of the member replaced by the pseudonym."""

from aanspreekpunt.core.contributions import DataSubject
from aanspreekpunt.core.privacy import scrub

from .models import StepProgress


def notes_export(subject: DataSubject) -> list[dict]:
    return [
        {
            "organisation": progress.organisation.name,
            "step": str(progress.step),
            "state": progress.get_state_display(),
            "note": progress.note,
            "note_date": progress.note_date,
            "link": progress.link,
        }
        for progress in StepProgress.objects.filter(updated_by=subject.user).select_related(
            "organisation", "step"
        )
    ]


def notes_erase(subject: DataSubject) -> dict[str, int]:
    rows = list(StepProgress.objects.filter(updated_by=subject.user))
    for progress in rows:
        progress.note = scrub(progress.note, subject)
        progress.link = scrub(progress.link, subject)[:500]
        progress.updated_by = None
    StepProgress.objects.bulk_update(rows, ["note", "link", "updated_by"], batch_size=500)
    return {"step_plan_notes": len(rows)}
