"""What an app implements to import rows from a file, and the registry of importers.

Core reads the file, keeps the job and runs it; it knows no domain. An app subclasses
``Importer`` and registers one instance from its ``AppConfig.ready()``::

    imports.importers.register(OfferingImporter())

The job stores the importer's ``key``; the worker finds the importer again by that key.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured

from .reading import Column


@dataclass
class CheckedRow:
    """One row of the file, checked: its cleaned ``data``, or the errors that stop it.

    ``notes`` are remarks that do not stop the import ("a new organisation is created").
    An importer may subclass this to carry more of what it found (a matched record ...).
    """

    row: int
    data: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def report(self) -> dict:
        """The line of the job's report: ``{"row": 2, "status": "ok", "messages": [...]}``."""
        status = "error" if self.errors else "ok"
        messages = [str(message) for message in self.errors or self.notes]
        return {"row": self.row, "status": status, "messages": messages}


@dataclass
class ImportRun:
    """What one run of an import shares between its rows: the uploader, the counts for the
    job's ``result``, and whatever the importer remembers between rows (``memo``)."""

    actor: object
    result: dict
    memo: dict = field(default_factory=dict)


class Importer:
    """The app's part of an import. Subclass it and fill in the class attributes.

    ``check_rows`` runs twice: in the worker that checks the file (for the preview), and
    again at the start of the run, inside the job's transaction, since the data may have
    changed since the preview. ``write_row`` runs inside that same transaction, one row
    after another: raise ``DomainError`` or ``ValidationError`` to fail the whole import
    with that message on the row; nothing of any row is then kept.
    """

    key: str = ""  # unique, stored on the job: "socialekaart.offerings"
    label: str = ""  # what the import brings in, for people: "offerings"
    columns: Sequence[Column] = ()
    job_model = None  # a concrete subclass of ``aanspreekpunt.core.imports.models.ImportJobBase``
    upload_model = None  # a concrete subclass of ``ImportUploadBase`` pointing at ``job_model``
    audit_prefix: str = ""  # "socialekaart.import": the audit actions end in .uploaded, .done ...
    result_keys: Sequence[str] = ()  # the counts of the job's result, all starting at 0

    def check_rows(self, records: list[dict]) -> list[CheckedRow]:
        """Check every record (``{"row": 2, "values": {column: text}}``) of the file.

        The default checks each row on its own; override it for checks across rows."""
        return [self.check_row(record) for record in records]

    def check_row(self, record: dict) -> CheckedRow:
        raise NotImplementedError

    def write_row(self, row: CheckedRow, *, run: ImportRun) -> None:
        """Write one checked row (without errors), counting in ``run.result``."""
        raise NotImplementedError


class ImporterRegistry:
    def __init__(self):
        self._by_key: dict[str, Importer] = {}

    def register(self, importer: Importer) -> Importer:
        """Add ``importer`` under its key; registering the same class again changes nothing."""
        if not importer.key or importer.job_model is None or importer.upload_model is None:
            raise ImproperlyConfigured(f"{type(importer).__name__} lacks a key or its models.")
        existing = self._by_key.get(importer.key)
        if existing is not None and type(existing) is not type(importer):
            raise ImproperlyConfigured(f"Two importers are registered as {importer.key!r}.")
        self._by_key[importer.key] = importer
        return importer

    def unregister(self, key: str) -> None:
        self._by_key.pop(key, None)

    def get(self, key: str) -> Importer:
        try:
            return self._by_key[key]
        except KeyError:
            raise ImproperlyConfigured(f"No importer is registered as {key!r}.") from None

    def __iter__(self):
        return iter(self._by_key.values())


importers = ImporterRegistry()
