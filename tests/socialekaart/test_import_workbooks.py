"""An Excel file is measured before openpyxl reads it: a packed bomb never reaches openpyxl.

The workbooks are written here with zipfile, one part at a time, as an attacker would: a
sheet of millions of cells packs into a few hundred kilobytes.
"""

import io
import random
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from aanspreekpunt.core.imports import reading, workbook
from socialekaart import imports
from socialekaart.imports import messages as msg
from socialekaart.models import ImportJob, ImportUpload

pytestmark = pytest.mark.django_db

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{RELATIONSHIPS}"><Relationship Id="rId1" '
        f'Type="{DOCUMENT}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<workbook xmlns="{MAIN}" xmlns:r="{DOCUMENT}"><sheets>'
        '<sheet name="Aanbod" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{RELATIONSHIPS}"><Relationship Id="rId1" '
        f'Type="{DOCUMENT}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}
HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>organisatie</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>aanbod</t></is></c></row>'
)


def xlsx(rows, *, dimension="A1:B2", prolog="") -> SimpleUploadedFile:
    """A workbook whose first sheet holds ``rows`` (strings of ``<row>`` XML, streamed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                f'{prolog}<worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/>'
                "<sheetData>".encode()
            )
            for row in rows:
                sheet.write(row.encode())
            sheet.write(b"</sheetData></worksheet>")
    return SimpleUploadedFile("aanbod.xlsx", buffer.getvalue())


def check(user, upload) -> ImportJob:
    job = imports.import_job_upload(actor=user, upload=upload)
    imports.import_job_check(job_id=job.pk)
    job.refresh_from_db()
    return job


@pytest.fixture
def openpyxl_calls(monkeypatch):
    """Every call of openpyxl's loader; the checks must refuse a bomb before the first."""
    calls = []
    load = reading.load_workbook

    def counting(*args, **kwargs):
        calls.append(args)
        return load(*args, **kwargs)

    monkeypatch.setattr(reading, "load_workbook", counting)
    return calls


def test_a_workbook_of_the_expected_shape_is_read(coordinator, openpyxl_calls):
    rows = [
        HEADER_ROW,
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Org</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>Chat</t></is></c></row>',
    ]
    job = check(coordinator, xlsx(rows))
    assert job.status == ImportJob.Status.PREVIEWED, job.error
    assert job.rows == [{"row": 2, "values": {"organisatie": "Org", "aanbod": "Chat"}}]
    assert len(openpyxl_calls) == 1


def test_a_sheet_that_declares_a_huge_size_but_holds_two_rows_is_read_normally(
    coordinator, openpyxl_calls
):
    rows = [
        HEADER_ROW,
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Org</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>Chat</t></is></c></row>',
    ]
    job = check(coordinator, xlsx(rows, dimension="A1:XFD1048576"))
    assert job.status == ImportJob.Status.PREVIEWED, job.error
    assert job.total == 1


def test_a_packed_bomb_of_5002_rows_by_1000_cells_is_refused_before_openpyxl(
    coordinator, openpyxl_calls
):
    row = "<row>" + "<c><v>1</v></c>" * 1000 + "</row>"
    upload = xlsx([HEADER_ROW] + [row] * 5001, dimension="A1:ALL5002")
    assert upload.size < 1024 * 1024  # 80 MB of XML, packed into a few hundred kilobytes
    job = check(coordinator, upload)
    assert job.status == ImportJob.Status.FAILED
    assert job.error == str(msg.FILE_TOO_BIG_UNPACKED % {"max": 50})
    assert "uitgepakt" in job.error  # in Dutch
    assert openpyxl_calls == []
    assert not ImportUpload.objects.exists()


def test_a_part_packed_unusually_tightly_is_refused(coordinator, openpyxl_calls):
    row = "<row>" + "<c><v>1</v></c>" * 50 + "</row>"  # 2.4 MB that packs about 300 times
    job = check(coordinator, xlsx([HEADER_ROW] + [row] * 3000))
    assert job.error == str(msg.FILE_PACKED_ODDLY)
    assert openpyxl_calls == []


def test_a_sheet_with_too_many_cells_is_refused(coordinator, openpyxl_calls):
    numbers = random.Random(1)
    rows = [
        "<row>" + "".join(f"<c><v>{numbers.getrandbits(40)}</v></c>" for _ in range(64)) + "</row>"
        for _ in range(workbook.MAX_CELLS // 64 + 1)
    ]
    job = check(coordinator, xlsx([HEADER_ROW, *rows], dimension="A1:B2"))  # the sheet lies
    assert job.status == ImportJob.Status.FAILED
    assert job.error == str(msg.FILE_TOO_MANY_CELLS % {"max": "300.000"})
    assert openpyxl_calls == []


def test_values_far_to_the_right_are_refused(coordinator, openpyxl_calls):
    far = '<row r="2"><c r="A2"><v>1</v></c><c r="XFD2"><v>1</v></c></row>'
    job = check(coordinator, xlsx([HEADER_ROW, far]))
    assert job.error == str(msg.FILE_TOO_MANY_COLUMNS % {"max": "BL"})
    assert openpyxl_calls == []


def test_empty_formatted_cells_far_to_the_right_are_not_held_against_the_file(coordinator):
    row = (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Org</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>Chat</t></is></c><c r="CA2" s="1"/></row>'
    )
    job = check(coordinator, xlsx([HEADER_ROW, row]))
    assert job.status == ImportJob.Status.PREVIEWED, job.error


def test_a_sheet_that_declares_entities_is_not_read(coordinator, openpyxl_calls):
    prolog = '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>'
    job = check(coordinator, xlsx([HEADER_ROW], prolog=prolog))
    assert job.error == str(msg.FILE_UNREADABLE_XLSX)
    assert openpyxl_calls == []
