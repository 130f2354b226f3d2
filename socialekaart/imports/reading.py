"""The file layout of an import, and reading a CSV or XLSX file into rows of text."""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from pathlib import Path

from celery.exceptions import SoftTimeLimitExceeded
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from aanspreekpunt.core.errors import DomainError

from ..models import Modality, Offering, Sector, TargetGroup, Theme
from .messages import (
    COLUMNS_MISSING,
    COLUMNS_TWICE,
    COLUMNS_UNKNOWN,
    FILE_EMPTY,
    FILE_ENCODING,
    FILE_TOO_BIG,
    FILE_TOO_MANY_ROWS,
    FILE_TYPE,
    FILE_UNREADABLE_CSV,
    FILE_UNREADABLE_XLSX,
)
from .workbook import MAX_COLUMNS, check_workbook

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
EXTENSIONS = (".csv", ".xlsx")
SEPARATOR = "|"  # between several keys in one cell

# --- Columns ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    description: str
    required: bool = False


COLUMNS = [
    Column("organisatie", gettext_lazy("name of the organisation"), required=True),
    Column("kbo", gettext_lazy("enterprise number, e.g. 0123.456.749")),
    Column("sectoren", gettext_lazy("sector keys, separated by |")),
    Column("organisatie_website", gettext_lazy("website of the organisation")),
    Column("organisatie_email", gettext_lazy("e-mail address of the organisation")),
    Column("organisatie_telefoon", gettext_lazy("phone number of the organisation")),
    Column("straat", gettext_lazy("street and number")),
    Column("postcode", gettext_lazy("postcode")),
    Column("gemeente", gettext_lazy("city")),
    Column("organisatie_beschrijving", gettext_lazy("description of the organisation")),
    Column("aanbod", gettext_lazy("name of the offering"), required=True),
    Column("beschrijving", gettext_lazy("description of the offering")),
    Column("modaliteiten", gettext_lazy("modality keys, separated by |")),
    Column("doelgroepen", gettext_lazy("target group keys, separated by |")),
    Column("themas", gettext_lazy("theme keys, separated by |")),
    Column("anonimiteit", gettext_lazy("anonymous, identified, both or unknown")),
    Column("kosten", gettext_lazy("free, paid or unknown")),
    Column("status", gettext_lazy("realised, planned, pilot or stopped")),
    Column("talen", gettext_lazy("languages")),
    Column("url", gettext_lazy("web address of the offering")),
    Column("telefoon", gettext_lazy("phone number of the offering")),
    Column("email", gettext_lazy("e-mail address of the offering")),
    Column("altijd_beschikbaar", gettext_lazy("ja or nee")),
    Column("openingsuren", gettext_lazy("opening hours, in words")),
    Column("startdatum", gettext_lazy("start date, e.g. 31/12/2024")),
]
COLUMN_KEYS = [column.key for column in COLUMNS]

ORGANISATION_COLUMNS = {
    "organisatie": "name",
    "kbo": "enterprise_number",
    "organisatie_website": "website",
    "organisatie_email": "email",
    "organisatie_telefoon": "phone",
    "straat": "street",
    "postcode": "postcode",
    "gemeente": "city",
    "organisatie_beschrijving": "description",
}
OFFERING_COLUMNS = {
    "aanbod": "name",
    "beschrijving": "description",
    "talen": "languages",
    "url": "access_url",
    "telefoon": "phone",
    "email": "email",
    "openingsuren": "hours_note",
}
CHOICE_COLUMNS = {
    "anonimiteit": ("anonymity", Offering.Anonymity),
    "kosten": ("cost", Offering.Cost),
    "status": ("status", Offering.Status),
}
TERM_COLUMNS = {
    "sectoren": ("sectors", Sector),
    "modaliteiten": ("modalities", Modality),
    "doelgroepen": ("target_groups", TargetGroup),
    "themas": ("themes", Theme),
}
YES = {"ja", "j", "yes", "y", "1", "true", "waar", "x"}
NO = {"nee", "n", "no", "0", "false", "onwaar", ""}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


# --- Reading the file ---------------------------------------------------------------------


def read_table(*, name: str, content: bytes) -> list[dict]:
    """The data rows of a CSV or XLSX file as ``{"row": number, "values": {column: text}}``."""
    extension = Path(name).suffix.lower()
    if extension not in EXTENSIONS:
        raise DomainError(FILE_TYPE)
    if len(content) > MAX_UPLOAD_BYTES:
        raise DomainError(FILE_TOO_BIG)
    lines = _read_csv(content) if extension == ".csv" else _read_xlsx(content)
    return _records(lines)


def _read_csv(content: bytes) -> list[list[str]]:
    if b"\x00" in content:
        raise DomainError(FILE_UNREADABLE_CSV)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DomainError(FILE_ENCODING) from error
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)  # Excel in Belgium writes ";"
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return list(islice(reader, MAX_ROWS + 2))
    except csv.Error as error:
        raise DomainError(FILE_UNREADABLE_CSV) from error


def _read_xlsx(content: bytes) -> list[list[str]]:
    if not content.startswith(b"PK\x03\x04"):
        raise DomainError(FILE_UNREADABLE_XLSX)
    check_workbook(content)  # before openpyxl builds a single cell
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            # A sheet may declare any size; openpyxl pads every row up to the declared width.
            rows = workbook.worksheets[0].iter_rows(values_only=True, max_col=MAX_COLUMNS)
            return [[_cell_text(v) for v in row] for row in islice(rows, MAX_ROWS + 2)]
        finally:
            workbook.close()
    except SoftTimeLimitExceeded:  # the worker's time limit: not the file's fault
        raise
    except Exception as error:  # a damaged workbook fails in many ways (zip, XML, keys)
        raise DomainError(FILE_UNREADABLE_XLSX) from error


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _records(lines: list[list[str]]) -> list[dict]:
    if not lines:
        raise DomainError(FILE_EMPTY)
    header = [cell.strip().lower() for cell in lines[0]]
    named = [key for key in header if key]
    missing = [c.key for c in COLUMNS if c.required and c.key not in named]
    if missing:
        raise DomainError(COLUMNS_MISSING % {"columns": ", ".join(missing)})
    unknown = [key for key in named if key not in COLUMN_KEYS]
    if unknown:
        raise DomainError(COLUMNS_UNKNOWN % {"columns": ", ".join(unknown)})
    twice = sorted({key for key in named if named.count(key) > 1})
    if twice:
        raise DomainError(COLUMNS_TWICE % {"columns": ", ".join(twice)})
    records = []
    for number, line in enumerate(lines[1:], start=2):
        values = {key: cell.strip() for key, cell in zip(header, line, strict=False) if key}
        if any(values.values()):
            records.append({"row": number, "values": values})
    if not records:
        raise DomainError(FILE_EMPTY)
    if len(records) > MAX_ROWS:
        raise DomainError(FILE_TOO_MANY_ROWS % {"max": MAX_ROWS})
    return records
