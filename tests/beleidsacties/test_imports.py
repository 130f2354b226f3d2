"""Coordinators fill in open slots from a file: checked first, then all rows or none."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from aanspreekpunt.core.imports import jobs
from beleidsacties import imports
from beleidsacties.imports import action_importer
from beleidsacties.models import Action, ImportJob

pytestmark = pytest.mark.django_db


def upload(user, content: bytes | str, name="acties.csv"):
    if isinstance(content, str):
        content = content.encode("utf-8")
    return imports.import_job_upload(actor=user, upload=SimpleUploadedFile(name, content))


def run_import(user, content, name="acties.csv"):
    """Upload, check (eagerly, as Celery does in the tests) and, when valid, import."""
    job = upload(user, content, name)
    jobs.import_job_check(importer=action_importer, job_id=job.pk)
    job.refresh_from_db()
    if job.status == ImportJob.Status.PREVIEWED and job.is_valid:
        imports.import_job_queue(job=job, actor=user)
        # the worker's run (queued after the commit, which a test does not reach)
        jobs.import_job_run(importer=action_importer, job_id=job.pk)
        job.refresh_from_db()
    return job


def report_messages(job) -> str:
    return " ".join(message for line in job.report for message in line["messages"])


def test_two_open_slots_are_filled_in_from_a_csv_file(coordinator, report):
    job = run_import(
        coordinator,
        "plan;nummer;rapportnummer;strategie;titel;actoren;prioriteit\r\n"
        "bouwstenen-2014;7;2.1;2;Eerste ingevulde actie;organisaties;nee\r\n"
        "bouwstenen-2014;8;;3;Tweede ingevulde actie;steunpunten_koepels|vlaamse_overheid;nee\r\n",
    )
    assert job.status == ImportJob.Status.DONE, job.error
    assert job.result == {"actions_updated": 2}
    seven = Action.objects.get(plan=report, number=7)
    assert (seven.title, seven.report_number, seven.strategy.number) == (
        "Eerste ingevulde actie",
        "2.1",
        2,
    )
    eight = Action.objects.get(plan=report, number=8)
    assert sorted(a.key for a in eight.actors.all()) == ["steunpunten_koepels", "vlaamse_overheid"]
    assert Action.objects.filter(plan=report).exclude(title="").count() == 8


def test_an_xlsx_file_works_too(coordinator, report):
    book = Workbook()
    sheet = book.active
    sheet.append(["plan", "nummer", "titel", "streefdatum"])
    sheet.append(["bouwstenen-2014", 9, "Uit Excel", "31/12/2027"])
    buffer = io.BytesIO()
    book.save(buffer)
    job = run_import(coordinator, buffer.getvalue(), name="acties.xlsx")
    assert job.status == ImportJob.Status.DONE, job.error
    nine = Action.objects.get(plan=report, number=9)
    assert nine.title == "Uit Excel"
    assert nine.target_date.isoformat() == "2027-12-31"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            "bouwstenen-2014;7;A\r\nbouwstenen-2014;7;B\r\n",
            "Nummer 7 van dit plan staat ook in rij 3.",
        ),
        ("bouwstenen-2014;45;A\r\n", "Nummer 45 valt buiten het plan (1 tot 44)."),
        ("bouwstenen-2014;0;A\r\n", "Nummer 0 valt buiten het plan"),
        ("ministeriele-acties-2015;11;A\r\n", "Nummer 11 valt buiten het plan (1 tot 10)."),
        ("geen-plan;1;A\r\n", "Onbekend plan “geen-plan”."),
        ("bouwstenen-2014;zeven;A\r\n", "Het nummer moet een geheel getal zijn."),
    ],
)
def test_a_file_with_a_bad_row_imports_nothing(coordinator, report, rows, message):
    job = run_import(coordinator, "plan;nummer;titel\r\nbouwstenen-2014;10;Goede rij\r\n" + rows)
    assert job.status == ImportJob.Status.PREVIEWED
    assert message in report_messages(job)
    assert not Action.objects.filter(title="Goede rij").exists()


def test_an_unknown_strategy_actor_or_date_is_refused(coordinator, report):
    job = run_import(
        coordinator,
        "plan;nummer;strategie;actoren;streefdatum;prioriteit\r\n"
        "bouwstenen-2014;10;9;burgers;morgen;misschien\r\n",
    )
    text = report_messages(job)
    assert "Onbekende strategie “9” in dit plan." in text
    assert "Onbekende codes in actoren: burgers." in text
    assert "De streefdatum is geen datum" in text
    assert "Prioriteit is “ja” of “nee”." in text
    assert Action.objects.get(plan=report, number=10).strategy is None


def test_the_export_round_trips_through_the_import(client, coordinator, report):
    response = client.get("/beleidsacties/export.csv")
    content = b"".join(response.streaming_content)
    before = list(
        Action.objects.order_by("plan", "number").values_list("title", "strategy", "is_priority")
    )
    job = run_import(coordinator, content)
    assert job.status == ImportJob.Status.DONE, (job.error, job.report[:3])
    assert job.result == {"actions_updated": 54}
    after = list(
        Action.objects.order_by("plan", "number").values_list("title", "strategy", "is_priority")
    )
    assert after == before


def test_the_import_pages_are_for_coordinators(coordinator_client, member):
    assert coordinator_client.get("/beleidsacties/importeren/").status_code == 200
    response = coordinator_client.post(
        "/beleidsacties/importeren/",
        {
            "file": SimpleUploadedFile(
                "acties.csv", b"plan;nummer;titel\r\nbouwstenen-2014;11;X\r\n"
            )
        },
    )
    assert response.status_code == 302
    job = ImportJob.objects.get()
    page = coordinator_client.get(job.get_absolute_url()).content.decode()
    assert "acties.csv" in page
    other = Client()
    other.force_login(member)
    assert other.get("/beleidsacties/importeren/").status_code == 403
    assert other.get(job.get_absolute_url()).status_code == 403


def test_a_file_of_another_type_is_refused_in_dutch(coordinator_client):
    response = coordinator_client.post(
        "/beleidsacties/importeren/", {"file": SimpleUploadedFile("acties.pdf", b"%PDF")}
    )
    assert response.status_code == 200
    assert not ImportJob.objects.exists()
    assert "CSV" in response.content.decode()
