"""Bulk import of organisations and offerings from a CSV or Excel file, by coordinators.

The file has a header row with the column names of ``COLUMNS`` and one row per offering;
each row repeats its organisation's columns. Several sectors, modalities, target groups
or themes go in one cell as keys (slugs) separated by ``|``, for example
``chat|e-mail``. An organisation is matched with one on the map by its enterprise number,
or else by its exact name; a matched organisation is used as it is, never changed.

The upload, the check in a worker, the preview, and the run in one transaction are core's
(``aanspreekpunt.core.imports``); this package holds what is about offerings: the columns,
the checks of the rows (``checking``) and the writing of them (``importer``). The
functions below are core's, for the service map's importer.
"""

from aanspreekpunt.core.imports import jobs
from aanspreekpunt.core.imports.jobs import DISPATCH_AGAIN_AFTER
from aanspreekpunt.core.imports.reading import MAX_ROWS, MAX_UPLOAD_BYTES, Column

from .checking import ParsedRow, check_rows
from .columns import COLUMNS
from .importer import OfferingImporter, offering_importer


def import_job_upload(*, actor, upload):
    return jobs.import_job_upload(importer=offering_importer, actor=actor, upload=upload)


def import_job_check(*, job_id: int):
    return jobs.import_job_check(importer=offering_importer, job_id=job_id)


def import_job_queue(*, job, actor):
    return jobs.import_job_queue(importer=offering_importer, job=job, actor=actor)


def import_job_run(*, job_id: int):
    return jobs.import_job_run(importer=offering_importer, job_id=job_id)


def import_jobs_dispatch_waiting() -> int:
    return jobs.import_jobs_dispatch_waiting(importer=offering_importer)


def import_job_progress(*, job) -> dict:
    return jobs.import_job_progress(importer=offering_importer, job=job)


def import_job_get_for_user_or_404(*, pk: int, as_coordinator: bool):
    return jobs.import_job_get_for_user_or_404(
        importer=offering_importer, pk=pk, allowed=as_coordinator
    )


def import_jobs_recent(*, limit: int = 10):
    return jobs.import_jobs_recent(importer=offering_importer, limit=limit)


def progress_key(job_id: int) -> str:
    return jobs.progress_key(importer=offering_importer, job_id=job_id)


__all__ = [
    "COLUMNS",
    "DISPATCH_AGAIN_AFTER",
    "MAX_ROWS",
    "MAX_UPLOAD_BYTES",
    "Column",
    "OfferingImporter",
    "ParsedRow",
    "check_rows",
    "import_job_check",
    "import_job_get_for_user_or_404",
    "import_job_progress",
    "import_job_queue",
    "import_job_run",
    "import_job_upload",
    "import_jobs_dispatch_waiting",
    "import_jobs_recent",
    "offering_importer",
    "progress_key",
]
