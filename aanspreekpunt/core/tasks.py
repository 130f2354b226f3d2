"""Thin Celery wrappers around core.services and core.imports."""

from datetime import timedelta

from celery import shared_task

from . import services
from .imports import jobs as imports
from .imports.importers import importers


@shared_task(bind=True, max_retries=5, retry_backoff=True, acks_late=True)
def send_email(self, email_id: int) -> None:
    try:
        services.email_send(email_id=email_id)
    except Exception as error:
        raise self.retry(exc=error, countdown=min(60 * 2**self.request.retries, 3600)) from error


@shared_task
def flush_pending_emails() -> int:
    return services.emails_flush_pending()


@shared_task
def purge_sent_emails() -> int:
    return services.emails_purge_sent(older_than=timedelta(days=30))


@shared_task
def clear_expired_sessions() -> None:
    """Remove expired sessions from the database (the privacy page: at most two weeks)."""
    services.sessions_clear_expired()


# Reading an upload is bounded by the checks in core.imports.workbook; the time limit
# catches what they cannot foresee (the soft limit leaves the reason on the job).
@shared_task(acks_late=True, soft_time_limit=120, time_limit=150)
def check_import(importer_key: str, job_id: int) -> None:
    imports.import_job_check(importer=importers.get(importer_key), job_id=job_id)


@shared_task(acks_late=True)
def run_import(importer_key: str, job_id: int) -> None:
    imports.import_job_run(importer=importers.get(importer_key), job_id=job_id)


@shared_task
def dispatch_waiting_imports() -> int:
    return imports.imports_dispatch_waiting()
