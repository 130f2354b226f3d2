"""Importing rows from an uploaded CSV or Excel file, for any app.

- ``reading``: a CSV or XLSX file into rows of text, against an importer's columns; an
  Excel file is measured first (``workbook``), so a packed bomb never reaches openpyxl.
- ``importers``: the interface an app implements (``Importer``: columns, the check of the
  rows into ``CheckedRow``s, the writing of one row) and the registry of importers.
- ``models``: the abstract job and file models an importing app makes concrete.
- ``jobs``: the lifecycle, upload -> check in a worker -> preview -> queued -> run all rows
  in one transaction, with progress in the cache -> done or failed.
- ``messages``: what an import tells people, in Dutch through the catalogue.

The Celery tasks are in ``aanspreekpunt.core.tasks``. Submodules are imported one by one:
``models`` is read while the apps load, before ``jobs`` can be.
"""
