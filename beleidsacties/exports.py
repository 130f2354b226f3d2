"""The overview as CSV or Excel, in the import's columns, so a file round-trips.

The CSV is made for Excel in Belgium (UTF-8 with a byte order mark, ``;`` between fields).
No cell is ever read as a formula: in the CSV a text starting with ``=``, ``+``, ``-``,
``@`` or a control character gets a leading apostrophe; in the workbook every text is a
text cell.
"""

import csv
import re
from collections.abc import Iterable, Iterator
from datetime import date
from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .columns import EXPORT_COLUMNS, SEPARATOR, yes_no

FORMULA_START = re.compile(r"^(?:[=@\t\r]|[+-](?![\d\s().]*$))")
DATE_FORMAT = "%d/%m/%Y"


def _row(action) -> list:
    last = action.last_update
    values = {
        "plan": action.plan.slug,
        "nummer": action.number,
        "rapportnummer": action.report_number,
        "strategie": action.strategy.number if action.strategy else "",
        "titel": action.title,
        "omschrijving": action.description,
        "actoren": SEPARATOR.join(actor.key for actor in action.actors.all()),
        "prioriteit": yes_no(action.is_priority),
        "eigenaar": action.owner,
        "streefdatum": action.target_date,
        "onderwerpen": SEPARATOR.join(topic.slug for topic in action.topics.all()),
        "bron": action.source,
        "status": action.get_status_display(),
        "voortgang": "" if action.progress is None else action.progress,
        "laatste_update": last.date_display if last else "",
    }
    return [values[column.key] for column in EXPORT_COLUMNS]


def export_rows(actions) -> Iterator[list]:
    yield [column.key for column in EXPORT_COLUMNS]
    for action in actions:
        yield _row(action)


def export_filename(extension: str) -> str:
    return f"beleidsacties-{timezone.localdate():%Y-%m-%d}.{extension}"


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    text = str(value)
    return f"'{text}" if FORMULA_START.match(text) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[list]) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([_csv_value(value) for value in row])


def xlsx_bytes(rows: Iterable[list], *, title: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.freeze_panes = "A2"
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, str):
                cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
                cell.data_type = "s"
            else:
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, date):
                    cell.number_format = "dd/mm/yyyy"
            cells.append(cell)
        sheet.append(cells)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
