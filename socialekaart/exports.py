"""Exports of the service map: the filtered list of offerings as CSV or Excel.

``offerings_export_rows`` turns a queryset into rows of plain values (header first); the
writers only format them. The CSV is made for Excel in Belgium: UTF-8 with a byte order
mark and ``;`` between the fields.
"""

import csv
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from io import BytesIO

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .models import Offering

CSV_DELIMITER = ";"
DATE_FORMAT = "%d/%m/%Y"  # what Excel in Belgium reads as a date
EXCEL_DATE_FORMAT = "dd/mm/yyyy"
CHUNK_SIZE = 500

# A cell starting with one of these is a formula to a spreadsheet. Signs followed by a
# number (a phone number such as "+32 9 123 45 67") are harmless and stay as they are.
FORMULA_START = re.compile(r"^(?:[=@\t\r]|[+-](?![\d\s().]*$))")


def _names(terms) -> str:
    return ", ".join(term.name for term in terms.all())


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _local_date(value: datetime | None) -> date | None:
    return timezone.localtime(value).date() if value else None


def _opening_hours(offering: Offering) -> str:
    if offering.always_available:
        return _("always available")
    windows = "; ".join(str(row) for row in offering.opening_hours.all())
    return windows or offering.hours_note


def export_columns() -> list[tuple[str, object]]:
    """The exported columns: a header and how to read its value from an offering."""
    return [
        (_("Offering"), lambda o: o.name),
        (_("Organisation"), lambda o: o.organisation.name),
        (_("Enterprise number"), lambda o: o.organisation.enterprise_number),
        (_("Sectors"), lambda o: _names(o.organisation.sectors)),
        (_("Description"), lambda o: o.description),
        (_("Modalities"), lambda o: _names(o.modalities)),
        (_("Target groups"), lambda o: _names(o.target_groups)),
        (_("Themes"), lambda o: _names(o.themes)),
        (_("Anonymity"), lambda o: o.get_anonymity_display()),
        (_("Cost"), lambda o: o.get_cost_display()),
        (_("Status"), lambda o: o.get_status_display()),
        (_("Languages"), lambda o: o.languages),
        (_("Web address"), lambda o: o.access_url),
        (_("Phone"), lambda o: o.phone),
        (_("E-mail"), lambda o: o.email),
        (_("Always available"), lambda o: _yes_no(o.always_available)),
        (_("Opening hours"), _opening_hours),
        (_("Start date"), lambda o: o.start_date),
        (_("Last confirmed"), lambda o: _local_date(o.last_reviewed_at)),
        (_("On the service map"), lambda o: f"{settings.SITE_URL}{o.get_absolute_url()}"),
    ]


def offerings_export_rows(queryset: QuerySet[Offering]) -> Iterator[list]:
    """The header, then one row of plain values per offering, in a fixed number of queries."""
    columns = export_columns()
    yield [header for header, _value in columns]
    offerings = (
        queryset.select_related("organisation")
        .prefetch_related(None)  # only what the export shows, whatever the list page loads
        .prefetch_related(
            "organisation__sectors", "modalities", "target_groups", "themes", "opening_hours"
        )
        .order_by("name", "pk")
    )
    for offering in offerings.iterator(chunk_size=CHUNK_SIZE):
        yield [value(offering) for _header, value in columns]


def export_filename(extension: str) -> str:
    return f"sociale-kaart-{timezone.localdate():%Y-%m-%d}.{extension}"


# --- CSV ------------------------------------------------------------------------------------


class _Echo:
    """A file-like object that hands back what is written, for streaming ``csv.writer``."""

    def write(self, value: str) -> str:
        return value


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    text = str(value)
    return f"'{text}" if FORMULA_START.match(text) else text


def csv_lines(rows: Iterable[list]) -> Iterator[str]:
    """``rows`` as CSV lines for Excel in Belgium, starting with the byte order mark."""
    writer = csv.writer(_Echo(), delimiter=CSV_DELIMITER, lineterminator="\r\n")
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([_csv_value(value) for value in row])


# --- XLSX -----------------------------------------------------------------------------------


def _xlsx_cell(sheet, value) -> WriteOnlyCell:
    if isinstance(value, str):
        # Control characters are not allowed in a worksheet; they carry no meaning here.
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"  # always text: a value starting with "=" is never a formula
        return cell
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, date):
        cell.number_format = EXCEL_DATE_FORMAT
    return cell


def xlsx_bytes(rows: Iterable[list], *, title: str) -> bytes:
    """``rows`` as an Excel workbook with one sheet; the first row is frozen as the header."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
