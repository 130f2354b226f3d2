"""Downloads of the offerings list, with the same GET filters as the list page."""

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ..exports import csv_lines, export_filename, offerings_export_rows, xlsx_bytes
from ..filters import OfferingFilter
from ..selectors import public_offerings

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filtered(request):
    return OfferingFilter(request.GET, queryset=public_offerings()).qs


def _attachment(filename: str) -> dict:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


@require_GET
def offerings_export_csv_view(request):
    rows = offerings_export_rows(_filtered(request))
    return StreamingHttpResponse(
        csv_lines(rows),
        content_type="text/csv; charset=utf-8",
        headers=_attachment(export_filename("csv")),
    )


@require_GET
def offerings_export_xlsx_view(request):
    content = xlsx_bytes(offerings_export_rows(_filtered(request)), title=_("Service map"))
    return HttpResponse(
        content, content_type=XLSX_TYPE, headers=_attachment(export_filename("xlsx"))
    )
