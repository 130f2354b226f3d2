"""Bulk import of organisations and offerings from a CSV or Excel file, by coordinators.

The file has a header row with the column names of ``COLUMNS`` and one row per offering;
each row repeats its organisation's columns. Several sectors, modalities, target groups
or themes go in one cell as keys (slugs) separated by ``|``, for example
``chat|e-mail``. An organisation is matched with one on the map by its enterprise number,
or else by its exact name; a matched organisation is used as it is, never changed.

Two steps: ``import_job_upload`` keeps the file on an ``ImportJob`` and ``import_job_check``
(in Celery, under a time limit) reads it, checks every row and keeps the rows and a report
per row on the job; nothing else is written. ``import_job_queue`` starts the import of a
file without errors, and ``import_job_run`` (in Celery) writes every offering as a draft in
one transaction: all rows are imported, or none.
"""

from .checking import ParsedRow, check_rows
from .jobs import (
    DISPATCH_AGAIN_AFTER,
    import_job_dispatch,
    import_job_get_for_user_or_404,
    import_job_progress,
    import_job_queue,
    import_job_run,
    import_jobs_dispatch_waiting,
    import_jobs_recent,
    progress_key,
)
from .reading import COLUMNS, MAX_ROWS, MAX_UPLOAD_BYTES, Column, read_table
from .uploads import (
    import_job_check,
    import_job_dispatch_check,
    import_job_refuse,
    import_job_upload,
)

__all__ = [
    "COLUMNS",
    "DISPATCH_AGAIN_AFTER",
    "MAX_ROWS",
    "MAX_UPLOAD_BYTES",
    "Column",
    "ParsedRow",
    "check_rows",
    "import_job_check",
    "import_job_dispatch",
    "import_job_dispatch_check",
    "import_job_get_for_user_or_404",
    "import_job_progress",
    "import_job_queue",
    "import_job_refuse",
    "import_job_run",
    "import_job_upload",
    "import_jobs_dispatch_waiting",
    "import_jobs_recent",
    "progress_key",
    "read_table",
]
