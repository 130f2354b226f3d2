"""Checks on an Excel file before openpyxl reads it: its size unpacked and its sheets' size.

An XLSX file is a zip of XML files, and XML packs extremely well: a file of 157 KB held a
sheet of 5,002 rows by 1,000 cells, and openpyxl spent 55 s building those cells before the
import refused the row count. These checks read the zip's table of contents, then stream
every XML part through expat, counting elements and cells without building anything, and
stop at the first limit. The limits leave ample room for the largest valid file (5,000 rows
of the service map's 25 columns: about 7 MB of XML, packed about 20 times).
"""

import io
import re
import zipfile
from xml.parsers import expat

from django.utils.formats import number_format
from openpyxl.utils.cell import get_column_letter

from ..errors import DomainError
from .messages import (
    FILE_PACKED_ODDLY,
    FILE_TOO_BIG_UNPACKED,
    FILE_TOO_COMPLEX,
    FILE_TOO_MANY_CELLS,
    FILE_TOO_MANY_COLUMNS,
    FILE_UNREADABLE_XLSX,
)

MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # all parts together, as the zip declares them
MAX_PACKING_RATIO = 100  # unpacked / packed size of a part larger than RATIO_FROM_BYTES
RATIO_FROM_BYTES = 1024 * 1024
MAX_PARTS = 1000
MAX_ELEMENTS = 1_500_000  # XML elements in one part
MAX_CELLS = 300_000  # cells in one sheet, empty ones included
MAX_COLUMNS = 64  # the last column that may hold a value (the widest import has 25)
CHUNK_BYTES = 64 * 1024

SHEET_NAMESPACES = {
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",  # "strict" Open XML
}
CELL_VALUES = {"v", "is", "f"}  # a cell with one of these holds something
COLUMN_LETTERS = re.compile(r"[A-Z]+")


def check_workbook(content: bytes) -> None:
    """Refuse, with a ``DomainError``, an XLSX file that would cost openpyxl too much to read."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        raise DomainError(FILE_UNREADABLE_XLSX) from error
    with archive:
        parts = archive.infolist()
        _check_sizes(parts)
        for part in parts:
            _check_part(archive, part)


def _check_sizes(parts: list[zipfile.ZipInfo]) -> None:
    if len(parts) > MAX_PARTS:
        raise DomainError(FILE_TOO_COMPLEX)
    if sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
        raise DomainError(FILE_TOO_BIG_UNPACKED % {"max": MAX_UNPACKED_BYTES // (1024 * 1024)})
    for part in parts:
        packed = max(part.compress_size, 1)
        if part.file_size > RATIO_FROM_BYTES and part.file_size / packed > MAX_PACKING_RATIO:
            raise DomainError(FILE_PACKED_ODDLY)


def _check_part(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    """Stream one part through expat; a part that is not XML (an image) is skipped."""
    scan = _PartScan()
    try:
        with archive.open(part) as stream:  # never yields more than the declared size
            while chunk := stream.read(CHUNK_BYTES):
                scan.parser.Parse(chunk, False)
            scan.parser.Parse(b"", True)
    except expat.ExpatError as error:
        if scan.elements:  # XML that breaks off: openpyxl would fail on it too
            raise DomainError(FILE_UNREADABLE_XLSX) from error
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as error:
        raise DomainError(FILE_UNREADABLE_XLSX) from error  # damaged, encrypted or exotic


class _PartScan:
    """Counts as expat reads; raises ``DomainError`` at the first limit, which ends the parse."""

    def __init__(self):
        self.elements = self.cells = self.column = 0
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartElementHandler = self.start
        # An XLSX part never declares a DTD or entities; a part that does is not read.
        self.parser.StartDoctypeDeclHandler = self.refuse
        self.parser.EntityDeclHandler = self.refuse

    def start(self, name: str, attributes: dict) -> None:
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise DomainError(FILE_TOO_COMPLEX)
        namespace, _, local = name.rpartition(" ")
        if namespace not in SHEET_NAMESPACES:
            return
        if local == "row":
            self.column = 0
        elif local == "c":
            self.cells += 1
            if self.cells > MAX_CELLS:
                raise DomainError(FILE_TOO_MANY_CELLS % {"max": _number(MAX_CELLS)})
            self.column = _column_of(attributes.get("r"), after=self.column)
        elif local in CELL_VALUES and self.column > MAX_COLUMNS:
            raise DomainError(FILE_TOO_MANY_COLUMNS % {"max": get_column_letter(MAX_COLUMNS)})

    def refuse(self, *args) -> None:
        raise DomainError(FILE_UNREADABLE_XLSX)


def _number(value: int) -> str:
    return number_format(value, force_grouping=True)


def _column_of(reference: str | None, *, after: int) -> int:
    """The column number of a cell reference such as ``AB12``; without one, the next column."""
    letters = COLUMN_LETTERS.match(reference or "")
    if letters is None:
        return after + 1
    number = 0
    for letter in letters.group():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number
