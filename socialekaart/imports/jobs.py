"""The import's services: queue and run a checked job; and the reads of its status page."""

import logging
from datetime import timedelta

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.services import audit_record, task_dispatch

from .. import services
from ..models import ImportJob, Organisation
from .checking import ParsedRow, check_rows
from .messages import (
    CHECK_STOPPED,
    FAILED,
    HAS_ERRORS,
    NOT_CHECKED,
    NOT_PREVIEWED,
    ROW_CRASHED,
    ROW_FAILED,
    STOPPED,
)
from .uploads import import_job_dispatch_check, import_job_refuse

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 10
STALE_AFTER = timedelta(hours=1)
# A check runs under a time limit of minutes (socialekaart.tasks.check_import); one that
# runs this long lost its worker.
CHECK_STALE_AFTER = timedelta(minutes=10)
# A job still waiting this long after its upload was not handed to the broker, or its
# message was lost; beat runs the dispatch every 30 s (settings.CELERY_BEAT_SCHEDULE).
DISPATCH_AGAIN_AFTER = timedelta(seconds=15)
RESULT_KEYS = ("organisations_created", "organisations_matched", "offerings_created")


@transaction.atomic
def import_job_queue(*, job: ImportJob, actor) -> ImportJob:
    """Start importing a checked file whose rows are all valid; a Celery worker does the work."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.is_being_checked:
        raise DomainError(NOT_CHECKED)
    if job.status != ImportJob.Status.PREVIEWED:
        raise DomainError(NOT_PREVIEWED)
    if not job.is_valid:
        raise DomainError(HAS_ERRORS)
    job.status = ImportJob.Status.QUEUED
    job.save(update_fields=["status"])
    audit_record(actor=actor, action="socialekaart.import.queued", obj=job)
    transaction.on_commit(lambda: import_job_dispatch(job_id=job.pk))
    return job


def import_job_dispatch(*, job_id: int) -> bool:
    """Hand the job to the broker; when it is down, the job waits for the next dispatch."""
    from ..tasks import run_import

    return task_dispatch(run_import, job_id, waiting=f"import {job_id} stays queued")


def import_jobs_dispatch_waiting(*, older_than: timedelta = DISPATCH_AGAIN_AFTER) -> int:
    """Dispatch the checks and imports still waiting after ``older_than``; fail the ones
    whose worker died. Returns how many were handed to the broker.

    Dispatching a job twice is harmless: only one worker can claim it.
    """
    now = timezone.now()
    ImportJob.objects.filter(
        status=ImportJob.Status.RUNNING, started_at__lt=now - STALE_AFTER
    ).update(status=ImportJob.Status.FAILED, error=str(STOPPED), finished_at=now)
    stale_checks = ImportJob.objects.filter(
        status=ImportJob.Status.CHECKING, started_at__lt=now - CHECK_STALE_AFTER
    ).values_list("pk", flat=True)
    for pk in stale_checks:
        import_job_refuse(job_id=pk, reason=str(CHECK_STOPPED))
    waiting = ImportJob.objects.filter(created_at__lt=now - older_than)
    unchecked = waiting.filter(status=ImportJob.Status.UPLOADED).values_list("pk", flat=True)
    queued = waiting.filter(status=ImportJob.Status.QUEUED).values_list("pk", flat=True)
    return sum(import_job_dispatch_check(job_id=pk) for pk in unchecked) + sum(
        import_job_dispatch(job_id=pk) for pk in queued
    )


def import_job_run(*, job_id: int) -> ImportJob | None:
    """Import every row as a draft in one transaction: all rows are written, or none."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:  # already run, or started by another worker
        return None
    job = ImportJob.objects.select_related("uploaded_by").get(pk=job_id)
    try:
        with transaction.atomic():
            _import_rows(job)
    except Exception as error:  # anything at all: nothing was written, the job says why
        job.status = ImportJob.Status.FAILED
        job.error = _failure_message(error)
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
        audit_record(
            actor=job.uploaded_by,
            action="socialekaart.import.failed",
            obj=job,
            changes={"error": job.error},
        )
    cache.delete(progress_key(job.pk))
    job.refresh_from_db()
    return job


class _RowFailed(Exception):
    def __init__(self, row: int, message: str):
        super().__init__(message)
        self.row, self.message = row, message


def _import_rows(job: ImportJob) -> None:
    parsed_rows = check_rows(job.rows)  # again: the map may have changed since the preview
    for parsed in parsed_rows:
        if parsed.errors:
            raise _RowFailed(parsed.row, parsed.errors[0])
    actor, created, result = job.uploaded_by, {}, dict.fromkeys(RESULT_KEYS, 0)
    for done, parsed in enumerate(parsed_rows, start=1):
        try:
            organisation = _organisation_for(parsed, actor, created, result)
            services.offering_create(organisation=organisation, actor=actor, data=parsed.offering)
        except (DomainError, ValidationError) as error:
            raise _RowFailed(parsed.row, _error_text(error)) from error
        except Exception as error:
            logger.exception("Import %s failed at row %s", job.pk, parsed.row)
            raise _RowFailed(parsed.row, "") from error
        result["offerings_created"] += 1
        if done % PROGRESS_EVERY == 0:
            cache.set(progress_key(job.pk), done, timeout=3600)
    # The job's final state commits together with the rows, or not at all.
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.DONE,
        processed=len(parsed_rows),
        result=result,
        finished_at=timezone.now(),
    )
    audit_record(actor=actor, action="socialekaart.import.done", obj=job, changes=result)


def _organisation_for(parsed: ParsedRow, actor, created: dict, result: dict) -> Organisation:
    if parsed.existing_organisation is not None:
        if parsed.organisation_key not in created:
            result["organisations_matched"] += 1
            created[parsed.organisation_key] = Organisation.objects.get(
                pk=parsed.existing_organisation.pk
            )
    elif parsed.organisation_key not in created:
        created[parsed.organisation_key] = services.organisation_create(
            actor=actor, data=parsed.organisation
        )
        result["organisations_created"] += 1
    return created[parsed.organisation_key]


def _error_text(error) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error.message)


def _failure_message(error: Exception) -> str:
    if isinstance(error, _RowFailed) and error.message:
        return str(ROW_FAILED % {"row": error.row, "message": error.message})
    if isinstance(error, _RowFailed):
        return str(ROW_CRASHED % {"row": error.row})
    logger.exception("Import failed")
    return str(FAILED)


# --- Reads ----------------------------------------------------------------------------------


def progress_key(job_id: int) -> str:
    return f"socialekaart:import:{job_id}:processed"


def import_job_progress(*, job: ImportJob) -> dict:
    """Rows processed and in total; a running job reports through the cache, outside its
    transaction, so the status page sees it move."""
    processed = job.processed
    if job.status == ImportJob.Status.RUNNING:
        processed = cache.get(progress_key(job.pk), 0)
    total = job.total or 1
    return {"processed": processed, "total": job.total, "percent": round(100 * processed / total)}


def import_job_get_for_user_or_404(*, pk: int, as_coordinator: bool) -> ImportJob:
    """An import, for coordinators (who share all imports); anyone else gets a 404."""
    job = None
    if as_coordinator:
        job = ImportJob.objects.select_related("uploaded_by").filter(pk=pk).first()
    if job is None:
        raise Http404
    return job


def import_jobs_recent(*, limit: int = 10):
    return ImportJob.objects.select_related("uploaded_by").order_by("-created_at", "-pk")[:limit]
