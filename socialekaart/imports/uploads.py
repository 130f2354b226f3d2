"""The first step of an import: keep the uploaded file, and check it in a worker.

Reading a file is the expensive part of an import (an Excel file is unpacked and parsed, and
every row is checked against the map), so the upload request only stores the file and
queues the check; the status page waits for the report. A Celery worker reads the file under
a time limit (``socialekaart.tasks.check_import``); a file it refuses leaves the reason on
the job.
"""

import logging
from pathlib import Path

from celery.exceptions import SoftTimeLimitExceeded
from django.db import transaction
from django.utils import timezone

from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.services import audit_record, task_dispatch

from ..models import ImportJob, ImportUpload
from .checking import check_rows
from .messages import CHECK_FAILED, CHECK_TOO_SLOW, FILE_TOO_BIG, FILE_TYPE
from .reading import EXTENSIONS, MAX_UPLOAD_BYTES, read_table

logger = logging.getLogger(__name__)


def import_job_upload(*, actor, upload) -> ImportJob:
    """Keep an uploaded CSV or XLSX file on a new job and queue its check; nothing is read."""
    if Path(upload.name).suffix.lower() not in EXTENSIONS:
        raise DomainError(FILE_TYPE)
    content = upload.read(MAX_UPLOAD_BYTES + 1)
    if upload.size > MAX_UPLOAD_BYTES or len(content) > MAX_UPLOAD_BYTES:
        raise DomainError(FILE_TOO_BIG)
    with transaction.atomic():
        job = ImportJob.objects.create(
            uploaded_by=actor if actor.is_authenticated else None,
            filename=Path(upload.name).name[:255],
            status=ImportJob.Status.UPLOADED,
        )
        ImportUpload.objects.create(job=job, content=content)
        audit_record(
            actor=actor,
            action="socialekaart.import.uploaded",
            obj=job,
            changes={"bytes": len(content)},
        )
        transaction.on_commit(lambda: import_job_dispatch_check(job_id=job.pk))
    return job


def import_job_dispatch_check(*, job_id: int) -> bool:
    """Hand the check to the broker; when it is down, the job waits for the next dispatch."""
    from ..tasks import check_import

    return task_dispatch(check_import, job_id, waiting=f"import {job_id} stays unchecked")


def import_job_check(*, job_id: int) -> ImportJob | None:
    """Read the job's file and check every row: the job then holds its rows and a report
    per row, or the reason the file was refused. Only the job is written, never the map."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.UPLOADED).update(
        status=ImportJob.Status.CHECKING, started_at=timezone.now()
    )
    if not claimed:  # already checked, or being checked by another worker
        return None
    job = ImportJob.objects.select_related("uploaded_by", "upload").get(pk=job_id)
    try:
        records = read_table(name=job.filename, content=bytes(job.upload.content))
        report = [parsed.report() for parsed in check_rows(records)]
    except DomainError as error:
        return import_job_refuse(job_id=job_id, reason=str(error.message))
    except SoftTimeLimitExceeded:
        return import_job_refuse(job_id=job_id, reason=str(CHECK_TOO_SLOW))
    except Exception:  # a bug or a database error: the job says so, the log says why
        logger.exception("Checking import %s failed", job_id)
        return import_job_refuse(job_id=job_id, reason=str(CHECK_FAILED))
    with transaction.atomic():
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportJob.Status.PREVIEWED,
            rows=records,
            report=report,
            total=len(records),
            started_at=None,
        )
        ImportUpload.objects.filter(job_id=job_id).delete()
        job.refresh_from_db()
        audit_record(
            actor=job.uploaded_by,
            action="socialekaart.import.previewed",
            obj=job,
            changes={"rows": job.total, "errors": job.error_count},
        )
    return job


@transaction.atomic
def import_job_refuse(*, job_id: int, reason: str) -> ImportJob:
    """A file that cannot be imported: the job keeps the reason, the file is deleted."""
    job = ImportJob.objects.select_for_update().get(pk=job_id)
    if not job.is_being_checked:  # the check ended meanwhile; its outcome stands
        return job
    job.status = ImportJob.Status.FAILED
    job.error = reason
    job.started_at = None
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "started_at", "finished_at"])
    ImportUpload.objects.filter(job_id=job_id).delete()
    audit_record(
        actor=job.uploaded_by,
        action="socialekaart.import.refused",
        obj=job,
        changes={"error": reason},
    )
    return job
