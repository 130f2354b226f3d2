"""Exports of the filtered offerings list as CSV (for Excel in Belgium) and XLSX."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext
from openpyxl import load_workbook

from socialekaart.exports import csv_lines, offerings_export_rows
from socialekaart.models import Offering
from socialekaart.selectors import public_offerings

from .factories import (
    ModalityFactory,
    OfferingFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    SectorFactory,
    TargetGroupFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def chat_offering():
    chat = ModalityFactory(name="Chat", slug="chat")
    youth = TargetGroupFactory(name="Jongeren", slug="jongeren")
    organisation = OrganisationFactory(
        name="Jongerenlijn vzw", enterprise_number="0123456749", sectors=[SectorFactory()]
    )
    offering = OfferingFactory(
        organisation=organisation,
        name="Jongerenchat",
        modalities=[chat],
        target_groups=[youth],
        start_date=date(2024, 3, 1),
        phone="+32 9 123 45 67",
    )
    OpeningHoursFactory(offering=offering)
    return offering


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def test_export_rows_start_with_a_header_and_hold_the_offerings_details(chat_offering):
    header, row = list(offerings_export_rows(public_offerings()))
    assert len(header) == len(row)
    assert header[0] == gettext("Offering")
    assert row[0] == "Jongerenchat"
    assert row[1] == "Jongerenlijn vzw"
    assert row[2] == "0123456749"
    assert "Chat" in row
    assert "Jongeren" in row
    assert date(2024, 3, 1) in row
    assert f"/sociale-kaart/aanbod/{chat_offering.slug}/" in row[-1]


def test_csv_export_is_utf8_with_bom_and_semicolons_for_belgian_excel(client, chat_offering):
    response = client.get("/sociale-kaart/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="sociale-kaart-')
    _header, row = csv_rows(response)
    assert row[0] == "Jongerenchat"
    assert "01/03/2024" in row
    assert "+32 9 123 45 67" in row  # a phone number is not treated as a formula


def test_csv_export_takes_the_same_filters_as_the_list(client, chat_offering):
    OfferingFactory(name="Ouderforum", anonymity=Offering.Anonymity.IDENTIFIED)
    names = [row[0] for row in csv_rows(client.get("/sociale-kaart/export.csv?modaliteit=chat"))]
    assert names[1:] == ["Jongerenchat"]
    names = [row[0] for row in csv_rows(client.get("/sociale-kaart/export.csv?q=ouder"))]
    assert names[1:] == ["Ouderforum"]
    names = [row[0] for row in csv_rows(client.get("/sociale-kaart/export.csv"))]
    assert names[1:] == ["Jongerenchat", "Ouderforum"]


def test_export_leaves_out_offerings_that_are_not_public(client, chat_offering):
    OfferingFactory(name="Geheim concept", draft=True)
    names = [row[0] for row in csv_rows(client.get("/sociale-kaart/export.csv"))]
    assert "Geheim concept" not in names


def test_csv_cells_that_look_like_formulas_are_neutralised(chat_offering):
    chat_offering.description = '=HYPERLINK("https://evil.example","klik")'
    chat_offering.save()
    lines = "".join(csv_lines(offerings_export_rows(public_offerings())))
    assert "'=HYPERLINK" in lines


def test_xlsx_export_is_a_workbook_with_a_header_and_real_dates(client, chat_offering):
    chat_offering.description = "=1+1"
    chat_offering.save()
    response = client.get("/sociale-kaart/export.xlsx?doelgroep=jongeren")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    header, row = list(sheet.iter_rows(values_only=True))
    assert header[0] == gettext("Offering")
    assert row[0] == "Jongerenchat"
    assert "=1+1" in row  # stored as text, never as a formula
    assert any(getattr(cell, "date", None) and cell.date() == date(2024, 3, 1) for cell in row)


def test_export_for_an_empty_result_has_only_the_header(client, chat_offering):
    rows = csv_rows(client.get("/sociale-kaart/export.csv?q=bestaat-niet"))
    assert len(rows) == 1


@pytest.mark.parametrize("path", ["/sociale-kaart/export.csv", "/sociale-kaart/export.xlsx"])
def test_export_makes_the_same_number_of_queries_for_few_and_many_offerings(client, path):
    chat = ModalityFactory(slug="chat")

    def queries_for(count):
        for _ in range(count):
            offering = OfferingFactory(modalities=[chat], organisation__sectors=[SectorFactory()])
            OpeningHoursFactory(offering=offering)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
            b"".join(response.streaming_content) if response.streaming else response.content
        return len(captured)

    assert queries_for(3) == queries_for(40)


@pytest.mark.django_db
def test_control_characters_do_not_break_the_excel_export(client):
    from .factories import OfferingFactory

    OfferingFactory(name="Chat", description="Tekst met \x01 stuurteken")
    response = client.get("/sociale-kaart/export.xlsx")
    assert response.status_code == 200
    assert b"".join(response.streaming_content if response.streaming else [response.content])
