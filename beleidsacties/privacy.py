"""The progress updates a member wrote: the tracker's part of the export and of an
account's deletion (registered in ``BeleidsactiesConfig.ready()``).

Coordinators act for the contact point and are deactivated, not erased, so their name stays
with their updates. Should the author of an update be erased, the update stays (history is
never rewritten) with the member's pseudonym in place of the person.
"""

from aanspreekpunt.core.contributions import DataSubject

from .models import ProgressUpdate


def records(user) -> list:
    return []


def updates_export(subject: DataSubject) -> list[dict]:
    updates = (
        ProgressUpdate.objects.filter(author=subject.user)
        .select_related("action__plan")
        .order_by("recorded_at", "pk")
    )
    return [
        {
            "action": str(update.action),
            "recorded_at": update.recorded_at,
            "date": update.date_display,
            "text": update.text,
            "new_status": update.get_status_after_display() if update.status_after else "",
            "new_progress": update.progress_after,
            "evidence": update.evidence_url,
        }
        for update in updates
    ]


def updates_erase(subject: DataSubject) -> dict[str, int]:
    # A queryset update: the rows' history is kept, only the person is replaced.
    pseudonymised = ProgressUpdate.objects.filter(author=subject.user).update(
        author=None, author_pseudonym=subject.pseudonym[:40]
    )
    return {"pseudonymised": pseudonymised}
