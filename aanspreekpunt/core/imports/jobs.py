"""An import's lifecycle, for any registered importer.

The upload request only stores the file and queues its check: reading a file is the
expensive part (an Excel file is unpacked and parsed, every row is checked). A worker reads
the file under a time limit (``aanspreekpunt.core.tasks.check_import``) and keeps the rows
and a report per row on the job; a file it refuses leaves the reason on the job. Nothing
but the job is written until someone starts the import of a file without errors: a worker
(``run_import``) then writes every row in one transaction, all rows or none, and reports its
progress through the cache so the status page sees it move.

    uploaded -> checking -> previewed -> queued -> running -> done
                        \\-> failed (refused)              \\-> failed (nothing written)
"""

import logging
from datetime import timedelta
from pathlib import Path

from celery.exceptions import SoftTimeLimitExceeded
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from ..errors import DomainError
from ..services import audit_record, task_dispatch
from .importers import Importer, ImportRun, importers
from .messages import (
    CHECK_FAILED,
    CHECK_STOPPED,
    CHECK_TOO_SLOW,
    FAILED,
    FILE_TOO_BIG,
    FILE_TYPE,
    HAS_ERRORS,
    NOT_CHECKED,
    NOT_PREVIEWED,
    ROW_CRASHED,
    ROW_FAILED,
    STOPPED,
)
from .reading import EXTENSIONS, MAX_UPLOAD_BYTES, read_table

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 10
STALE_AFTER = timedelta(hours=1)
# A check runs under a time limit of minutes (core.tasks.check_import); one that runs this
# long lost its worker.
CHECK_STALE_AFTER = timedelta(minutes=10)
# A job still waiting this long after its upload was not handed to the broker, or its
# message was lost; beat runs the dispatch every 30 s (settings.CELERY_BEAT_SCHEDULE).
DISPATCH_AGAIN_AFTER = timedelta(seconds=15)


def _jobs(importer: Importer):
    return importer.job_model.objects.filter(importer=importer.key)


# --- Upload and check -----------------------------------------------------------------------


def import_job_upload(*, importer: Importer, actor, upload):
    """Keep an uploaded CSV or XLSX file on a new job and queue its check; nothing is read."""
    if Path(upload.name).suffix.lower() not in EXTENSIONS:
        raise DomainError(FILE_TYPE)
    content = upload.read(MAX_UPLOAD_BYTES + 1)
    if upload.size > MAX_UPLOAD_BYTES or len(content) > MAX_UPLOAD_BYTES:
        raise DomainError(FILE_TOO_BIG)
    Job = importer.job_model
    with transaction.atomic():
        job = Job.objects.create(
            importer=importer.key,
            uploaded_by=actor if actor.is_authenticated else None,
            filename=Path(upload.name).name[:255],
            status=Job.Status.UPLOADED,
        )
        importer.upload_model.objects.create(job=job, content=content)
        audit_record(
            actor=actor,
            action=f"{importer.audit_prefix}.uploaded",
            obj=job,
            changes={"bytes": len(content)},
        )
        transaction.on_commit(lambda: import_job_dispatch_check(importer=importer, job_id=job.pk))
    return job


def import_job_dispatch_check(*, importer: Importer, job_id: int) -> bool:
    """Hand the check to the broker; when it is down, the job waits for the next dispatch."""
    from ..tasks import check_import

    return task_dispatch(
        check_import, importer.key, job_id, waiting=f"import {job_id} stays unchecked"
    )


def import_job_check(*, importer: Importer, job_id: int):
    """Read the job's file and check every row: the job then holds its rows and a report
    per row, or the reason the file was refused. Only the job is written."""
    Job = importer.job_model
    claimed = (
        _jobs(importer)
        .filter(pk=job_id, status=Job.Status.UPLOADED)
        .update(status=Job.Status.CHECKING, started_at=timezone.now())
    )
    if not claimed:  # already checked, or being checked by another worker
        return None
    job = Job.objects.select_related("uploaded_by", "upload").get(pk=job_id)
    try:
        records = read_table(
            name=job.filename, content=bytes(job.upload.content), columns=importer.columns
        )
        report = [checked.report() for checked in importer.check_rows(records)]
    except DomainError as error:
        return import_job_refuse(importer=importer, job_id=job_id, reason=str(error.message))
    except SoftTimeLimitExceeded:
        return import_job_refuse(importer=importer, job_id=job_id, reason=str(CHECK_TOO_SLOW))
    except Exception:  # a bug or a database error: the job says so, the log says why
        logger.exception("Checking import %s failed", job_id)
        return import_job_refuse(importer=importer, job_id=job_id, reason=str(CHECK_FAILED))
    with transaction.atomic():
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.PREVIEWED,
            rows=records,
            report=report,
            total=len(records),
            started_at=None,
        )
        importer.upload_model.objects.filter(job_id=job_id).delete()
        job.refresh_from_db()
        audit_record(
            actor=job.uploaded_by,
            action=f"{importer.audit_prefix}.previewed",
            obj=job,
            changes={"rows": job.total, "errors": job.error_count},
        )
    return job


@transaction.atomic
def import_job_refuse(*, importer: Importer, job_id: int, reason: str):
    """A file that cannot be imported: the job keeps the reason, the file is deleted."""
    job = importer.job_model.objects.select_for_update().get(pk=job_id)
    if not job.is_being_checked:  # the check ended meanwhile; its outcome stands
        return job
    job.status = job.Status.FAILED
    job.error = reason
    job.started_at = None
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "started_at", "finished_at"])
    importer.upload_model.objects.filter(job_id=job_id).delete()
    audit_record(
        actor=job.uploaded_by,
        action=f"{importer.audit_prefix}.refused",
        obj=job,
        changes={"error": reason},
    )
    return job


# --- Queue and run --------------------------------------------------------------------------


@transaction.atomic
def import_job_queue(*, importer: Importer, job, actor):
    """Start importing a checked file whose rows are all valid; a Celery worker does the work."""
    job = _jobs(importer).select_for_update().get(pk=job.pk)
    if job.is_being_checked:
        raise DomainError(NOT_CHECKED)
    if job.status != job.Status.PREVIEWED:
        raise DomainError(NOT_PREVIEWED)
    if not job.is_valid:
        raise DomainError(HAS_ERRORS)
    job.status = job.Status.QUEUED
    job.save(update_fields=["status"])
    audit_record(actor=actor, action=f"{importer.audit_prefix}.queued", obj=job)
    transaction.on_commit(lambda: import_job_dispatch(importer=importer, job_id=job.pk))
    return job


def import_job_dispatch(*, importer: Importer, job_id: int) -> bool:
    """Hand the job to the broker; when it is down, the job waits for the next dispatch."""
    from ..tasks import run_import

    return task_dispatch(run_import, importer.key, job_id, waiting=f"import {job_id} stays queued")


def import_jobs_dispatch_waiting(
    *, importer: Importer, older_than: timedelta = DISPATCH_AGAIN_AFTER
) -> int:
    """Dispatch the checks and imports still waiting after ``older_than``; fail the ones
    whose worker died. Returns how many were handed to the broker.

    Dispatching a job twice is harmless: only one worker can claim it.
    """
    Status, now = importer.job_model.Status, timezone.now()
    _jobs(importer).filter(status=Status.RUNNING, started_at__lt=now - STALE_AFTER).update(
        status=Status.FAILED, error=str(STOPPED), finished_at=now
    )
    stale_checks = (
        _jobs(importer)
        .filter(status=Status.CHECKING, started_at__lt=now - CHECK_STALE_AFTER)
        .values_list("pk", flat=True)
    )
    for pk in stale_checks:
        import_job_refuse(importer=importer, job_id=pk, reason=str(CHECK_STOPPED))
    waiting = _jobs(importer).filter(created_at__lt=now - older_than)
    unchecked = waiting.filter(status=Status.UPLOADED).values_list("pk", flat=True)
    queued = waiting.filter(status=Status.QUEUED).values_list("pk", flat=True)
    return sum(import_job_dispatch_check(importer=importer, job_id=pk) for pk in unchecked) + sum(
        import_job_dispatch(importer=importer, job_id=pk) for pk in queued
    )


def imports_dispatch_waiting() -> int:
    """``import_jobs_dispatch_waiting`` for every registered importer (beat runs this)."""
    return sum(import_jobs_dispatch_waiting(importer=importer) for importer in importers)


def import_job_run(*, importer: Importer, job_id: int):
    """Write every row in one transaction: all rows are written, or none."""
    Status = importer.job_model.Status
    claimed = (
        _jobs(importer)
        .filter(pk=job_id, status=Status.QUEUED)
        .update(status=Status.RUNNING, started_at=timezone.now())
    )
    if not claimed:  # already run, or started by another worker
        return None
    job = importer.job_model.objects.select_related("uploaded_by").get(pk=job_id)
    try:
        with transaction.atomic():
            _import_rows(importer, job)
    except Exception as error:  # anything at all: nothing was written, the job says why
        job.status = Status.FAILED
        job.error = _failure_message(error)
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
        audit_record(
            actor=job.uploaded_by,
            action=f"{importer.audit_prefix}.failed",
            obj=job,
            changes={"error": job.error},
        )
    cache.delete(progress_key(importer=importer, job_id=job.pk))
    job.refresh_from_db()
    return job


class _RowFailed(Exception):
    def __init__(self, row: int, message: str):
        super().__init__(message)
        self.row, self.message = row, message


def _import_rows(importer: Importer, job) -> None:
    checked_rows = importer.check_rows(job.rows)  # again: the data may have changed since
    for checked in checked_rows:
        if checked.errors:
            raise _RowFailed(checked.row, checked.errors[0])
    run = ImportRun(actor=job.uploaded_by, result=dict.fromkeys(importer.result_keys, 0))
    for done, checked in enumerate(checked_rows, start=1):
        try:
            importer.write_row(checked, run=run)
        except (DomainError, ValidationError) as error:
            raise _RowFailed(checked.row, _error_text(error)) from error
        except Exception as error:
            logger.exception("Import %s failed at row %s", job.pk, checked.row)
            raise _RowFailed(checked.row, "") from error
        if done % PROGRESS_EVERY == 0:
            cache.set(progress_key(importer=importer, job_id=job.pk), done, timeout=3600)
    # The job's final state commits together with the rows, or not at all.
    importer.job_model.objects.filter(pk=job.pk).update(
        status=job.Status.DONE,
        processed=len(checked_rows),
        result=run.result,
        finished_at=timezone.now(),
    )
    audit_record(
        actor=run.actor, action=f"{importer.audit_prefix}.done", obj=job, changes=run.result
    )


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


def progress_key(*, importer: Importer, job_id: int) -> str:
    return f"import:{importer.key}:{job_id}:processed"


def import_job_progress(*, importer: Importer, job) -> dict:
    """Rows processed and in total; a running job reports through the cache, outside its
    transaction, so the status page sees it move."""
    processed = job.processed
    if job.status == job.Status.RUNNING:
        processed = cache.get(progress_key(importer=importer, job_id=job.pk), 0)
    total = job.total or 1
    return {"processed": processed, "total": job.total, "percent": round(100 * processed / total)}


def import_job_get_for_user_or_404(*, importer: Importer, pk: int, allowed: bool):
    """One of the importer's jobs, for the people ``allowed`` to import (who share all its
    jobs); anyone else gets a 404."""
    job = None
    if allowed:
        job = _jobs(importer).select_related("uploaded_by").filter(pk=pk).first()
    if job is None:
        raise Http404
    return job


def import_jobs_recent(*, importer: Importer, limit: int = 10):
    return _jobs(importer).select_related("uploaded_by").order_by("-created_at", "-pk")[:limit]
