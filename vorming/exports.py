"""The registrations of a session as CSV (for Excel in Belgium) and XLSX, formula-safe: a
cell a spreadsheet would read as a formula is written as text."""

import csv
import re
from collections.abc import Iterable, Iterator
from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .models import Session

# Signs followed by a number (a phone number) are harmless and stay as they are.
FORMULA_START = re.compile(r"^(?:[=@\t\r]|[+-](?![\d\s().]*$))")


def registration_rows(session: Session) -> Iterator[list]:
    yield [
        _("Name"),
        _("E-mail address"),
        _("Organisation"),
        _("Function"),
        _("Status"),
        _("Waiting number"),
        _("Registered at"),
        _("Attended"),
    ]
    registrations = session.registrations.filter(erased_at__isnull=True).order_by(
        "status", "waiting_number", "created_at", "pk"
    )
    for r in registrations.iterator(chunk_size=500):
        yield [
            r.name,
            r.email,
            r.organisation,
            r.get_function_display(),
            r.get_status_display(),
            r.waiting_number or "",
            timezone.localtime(r.created_at).strftime("%d/%m/%Y %H:%M"),
            {True: _("yes"), False: _("no")}.get(r.attended, ""),
        ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _safe(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if FORMULA_START.match(text) else text


def csv_lines(rows: Iterable[list]) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([_safe(value) for value in row])


def xlsx_bytes(rows: Iterable[list], *, title: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.freeze_panes = "A2"
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", str(value)))
            cell.data_type = "s"  # always text: "=..." is never a formula
            cells.append(cell)
        sheet.append(cells)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(session: Session, extension: str) -> str:
    return f"inschrijvingen-sessie-{session.pk}.{extension}"
