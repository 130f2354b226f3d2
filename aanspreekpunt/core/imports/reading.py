"""Reading an uploaded CSV or XLSX file into rows of text, against an importer's columns."""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from pathlib import Path

from celery.exceptions import SoftTimeLimitExceeded
from openpyxl import load_workbook

from ..errors import DomainError
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


@dataclass(frozen=True)
class Column:
    """A column of an import's file: its name in the header row and what it holds."""

    key: str
    description: str
    required: bool = False


def read_table(*, name: str, content: bytes, columns: Sequence[Column]) -> list[dict]:
    """The data rows of a CSV or XLSX file as ``{"row": number, "values": {column: text}}``.

    The header row must name every required column of ``columns`` and no other column.
    """
    extension = Path(name).suffix.lower()
    if extension not in EXTENSIONS:
        raise DomainError(FILE_TYPE)
    if len(content) > MAX_UPLOAD_BYTES:
        raise DomainError(FILE_TOO_BIG)
    lines = _read_csv(content) if extension == ".csv" else _read_xlsx(content)
    return _records(lines, columns)


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


def _records(lines: list[list[str]], columns: Sequence[Column]) -> list[dict]:
    if not lines:
        raise DomainError(FILE_EMPTY)
    header = [cell.strip().lower() for cell in lines[0]]
    named = [key for key in header if key]
    missing = [c.key for c in columns if c.required and c.key not in named]
    if missing:
        raise DomainError(COLUMNS_MISSING % {"columns": ", ".join(missing)})
    keys = {column.key for column in columns}
    unknown = [key for key in named if key not in keys]
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
