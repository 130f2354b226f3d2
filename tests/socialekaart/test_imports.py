"""Bulk import by coordinators: a report per row first, then all rows or none."""

import io
from datetime import datetime, timedelta

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from aanspreekpunt.accounts import roles
from aanspreekpunt.core import tasks
from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.imports import jobs as uploads
from aanspreekpunt.core.models import AuditEntry
from socialekaart import imports, services
from socialekaart.imports import messages as msg
from socialekaart.models import ImportJob, ImportUpload, Offering, Organisation
from socialekaart.validators import validate_enterprise_number
from tests.factories import UserFactory
from tests.sessions import login

from .factories import (
    ModalityFactory,
    OfferingFactory,
    OrganisationFactory,
    SectorFactory,
    TargetGroupFactory,
)

pytestmark = pytest.mark.django_db

HEADER = "organisatie;kbo;sectoren;aanbod;modaliteiten;doelgroepen;anonimiteit;url;startdatum"
ROWS = [
    "Jongerenlijn vzw;0123.456.749;jeugdhulp;Jongerenchat;chat;jongeren;anonymous;https://jongerenlijn.example/chat;01/03/2024",
    "Jongerenlijn vzw;0123456749;jeugdhulp;Jongerenforum;forum;jongeren;;;",
    "Huis van het Kind;;jeugdhulp;Ouderlijn;chat|e-mail;ouders;both;;",
]


@pytest.fixture(autouse=True)
def vocabularies(db):
    SectorFactory(name="Jeugdhulp", slug="jeugdhulp")
    for slug in ("chat", "forum", "e-mail"):
        ModalityFactory(name=slug.title(), slug=slug)
    for slug in ("jongeren", "ouders"):
        TargetGroupFactory(name=slug.title(), slug=slug)


@pytest.fixture
def coordinator_client(client, coordinator):
    login(client, coordinator, two_factor=True)
    return client


def kbo(number: int) -> str:
    """A valid enterprise number from eight digits."""
    return f"{number:08d}{97 - number % 97:02d}"


def csv_file(*rows, header=HEADER, name="aanbod.csv", encoding="utf-8") -> SimpleUploadedFile:
    text = "\r\n".join([header, *rows]) + "\r\n"
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_file(rows, name="aanbod.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def preview(user, upload) -> ImportJob:
    """Upload a file and check it, as the worker does once the upload has committed."""
    job = imports.import_job_upload(actor=user, upload=upload)
    imports.import_job_check(job_id=job.pk)
    job.refresh_from_db()
    return job


def run(job, user, capture) -> ImportJob:
    with capture(execute=True):
        imports.import_job_queue(job=job, actor=user)
    job.refresh_from_db()
    return job


def fail_if_called(*args, **kwargs):
    raise AssertionError("the file was read in the request")


def messages_of(job, row) -> list[str]:
    return next(line["messages"] for line in job.report if line["row"] == row)


def error_rows(job) -> list[int]:
    return [line["row"] for line in job.report if line["status"] == "error"]


# --- The preview --------------------------------------------------------------------------


def test_preview_checks_every_row_and_writes_nothing_to_the_map(coordinator):
    job = preview(coordinator, csv_file(*ROWS))
    assert job.status == ImportJob.Status.PREVIEWED
    assert job.total == 3
    assert [line["row"] for line in job.report] == [2, 3, 4]
    assert job.is_valid
    assert Organisation.objects.count() == 0
    assert Offering.objects.count() == 0
    assert job.rows[0]["values"]["aanbod"] == "Jongerenchat"
    assert AuditEntry.objects.filter(action="socialekaart.import.previewed").count() == 1
    assert not ImportUpload.objects.exists()  # the rows are on the job; the file is gone


def test_preview_says_which_organisations_are_new_and_which_exist(coordinator):
    OrganisationFactory(name="Huis van het Kind")
    job = preview(coordinator, csv_file(*ROWS))
    assert messages_of(job, 2) == [str(msg.ORGANISATION_NEW)]
    assert messages_of(job, 3) == []
    assert "Huis van het Kind" in messages_of(job, 4)[0]


def test_invalid_enterprise_number_is_reported_on_its_row_in_the_users_language(coordinator):
    bad = "Andere vzw;0123456700;;Chat;chat;;;;"
    job = preview(coordinator, csv_file(ROWS[0], bad))
    assert error_rows(job) == [3]
    with pytest.raises(ValidationError) as expected:  # the validator's own message, translated
        validate_enterprise_number("0123456700")
    assert messages_of(job, 3) == [f"kbo: {expected.value.messages[0]}"]
    assert not job.is_valid


def test_unknown_taxonomy_key_is_an_error_naming_the_key(coordinator):
    job = preview(coordinator, csv_file("Org;;;Chat;chat|telepathie;;;;"))
    assert error_rows(job) == [2]
    assert "telepathie" in messages_of(job, 2)[0]
    assert messages_of(job, 2)[0].startswith("modaliteiten")


def test_duplicate_rows_are_reported_on_the_second_one(coordinator):
    job = preview(coordinator, csv_file(ROWS[0], ROWS[2], ROWS[0].replace("0123.456.749", "")))
    assert error_rows(job) == [4]
    assert messages_of(job, 4) == [str(msg.DUPLICATE_ROW % {"row": 2})]


def test_an_offering_the_organisation_already_has_is_an_error(coordinator):
    organisation = OrganisationFactory(name="Jongerenlijn vzw", enterprise_number="0123456749")
    OfferingFactory(organisation=organisation, name="jongerenchat")
    job = preview(coordinator, csv_file(ROWS[0]))
    assert messages_of(job, 2) == [str(msg.OFFERING_EXISTS)]


def test_bad_values_are_reported_per_column(coordinator):
    row = "Org;;;Chat;;;soms;geen-url;31-02-2024"
    job = preview(coordinator, csv_file(row))
    found = " ".join(messages_of(job, 2))
    assert "anonimiteit" in found
    assert "url:" in found
    assert "startdatum" in found


def test_empty_required_values_are_errors(coordinator):
    job = preview(coordinator, csv_file(";;;Chat;;;;;", "Org;;;;;;;;"))
    assert messages_of(job, 2) == [str(msg.VALUE_REQUIRED % {"column": "organisatie"})]
    assert messages_of(job, 3) == [str(msg.VALUE_REQUIRED % {"column": "aanbod"})]


def test_same_enterprise_number_for_two_names_is_an_error(coordinator):
    job = preview(coordinator, csv_file(ROWS[0], "Iemand anders;0123456749;;Mail;;;;;"))
    assert error_rows(job) == [3]


def test_a_comma_separated_file_is_read_too(coordinator):
    job = preview(coordinator, csv_file("Org,,,Chat", header="organisatie,kbo,sectoren,aanbod"))
    assert job.is_valid


def test_an_excel_file_is_read_and_a_lost_leading_zero_is_restored(coordinator):
    upload = xlsx_file(
        [
            ["organisatie", "kbo", "aanbod", "modaliteiten", "startdatum"],
            ["Jongerenlijn vzw", 123456749, "Jongerenchat", "chat", datetime(2024, 3, 1)],
        ]
    )
    job = preview(coordinator, upload)
    assert job.is_valid, job.report
    assert job.rows[0]["values"]["kbo"] == "123456749"
    assert job.rows[0]["values"]["startdatum"] == "2024-03-01"


# --- Files that are refused -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (csv_file("Jérôme vzw;;;Chat", encoding="latin-1"), msg.FILE_ENCODING),
        (csv_file(";", header="organisatie;aanbod"), msg.FILE_EMPTY),
        (
            SimpleUploadedFile("aanbod.csv", b"organisatie;aanbod\x00\x01"),
            msg.FILE_UNREADABLE_CSV,
        ),
        (SimpleUploadedFile("aanbod.xlsx", b"PK\x03\x04 kapot"), msg.FILE_UNREADABLE_XLSX),
        (SimpleUploadedFile("aanbod.xlsx", b"organisatie;aanbod"), msg.FILE_UNREADABLE_XLSX),
    ],
)
def test_unreadable_files_are_refused_with_a_message_on_the_job(coordinator, upload, message):
    job = preview(coordinator, upload)
    assert job.status == ImportJob.Status.FAILED
    assert job.error == str(message)
    assert job.rows == []
    assert not ImportUpload.objects.exists()
    assert AuditEntry.objects.filter(action="socialekaart.import.refused").count() == 1


def test_another_file_type_is_refused_at_once_and_nothing_is_kept(coordinator):
    with pytest.raises(DomainError) as refused:
        imports.import_job_upload(
            actor=coordinator, upload=SimpleUploadedFile("aanbod.pdf", b"%PDF-1.4")
        )
    assert refused.value.message == msg.FILE_TYPE
    assert ImportJob.objects.count() == 0


def test_missing_required_columns_are_named(coordinator):
    job = preview(coordinator, csv_file("Org;Chat", header="organisatie;naam"))
    assert job.error == str(msg.COLUMNS_MISSING % {"columns": "aanbod"})


def test_unknown_columns_are_refused_so_no_data_is_silently_dropped(coordinator):
    job = preview(coordinator, csv_file("Org;Chat;chat", header="organisatie;aanbod;modaliteit"))
    assert job.status == ImportJob.Status.FAILED
    assert "modaliteit" in job.error


def test_upload_page_refuses_an_oversized_file_without_an_error_page(coordinator_client):
    big = SimpleUploadedFile("aanbod.csv", b"a" * (imports.MAX_UPLOAD_BYTES + 1))
    response = coordinator_client.post("/sociale-kaart/importeren/", {"file": big})
    assert response.status_code == 200
    assert str(msg.FILE_TOO_BIG) in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_upload_page_refuses_another_file_type_on_the_form(coordinator_client):
    upload = SimpleUploadedFile("aanbod.docx", b"PK\x03\x04")
    response = coordinator_client.post("/sociale-kaart/importeren/", {"file": upload})
    assert response.status_code == 200
    assert str(msg.FILE_TYPE) in response.content.decode()


# --- The import -----------------------------------------------------------------------------


def test_import_creates_organisations_and_draft_offerings_in_one_go(
    coordinator, django_capture_on_commit_callbacks
):
    job = run(
        preview(coordinator, csv_file(*ROWS)), coordinator, django_capture_on_commit_callbacks
    )
    assert job.status == ImportJob.Status.DONE
    assert job.processed == 3
    assert job.result == {
        "organisations_created": 2,
        "organisations_matched": 0,
        "offerings_created": 3,
    }
    lijn = Organisation.objects.get(enterprise_number="0123456749")
    assert [s.slug for s in lijn.sectors.all()] == ["jeugdhulp"]
    assert sorted(lijn.offerings.values_list("name", flat=True)) == [
        "Jongerenchat",
        "Jongerenforum",
    ]
    chat = Offering.objects.get(name="Jongerenchat")
    assert chat.moderation_state == Offering.Moderation.DRAFT
    assert not chat.is_public
    assert chat.anonymity == Offering.Anonymity.ANONYMOUS
    assert chat.start_date.isoformat() == "2024-03-01"
    assert chat.access_url == "https://jongerenlijn.example/chat"
    ouderlijn = Offering.objects.get(name="Ouderlijn")
    assert sorted(m.slug for m in ouderlijn.modalities.all()) == ["chat", "e-mail"]
    audits = AuditEntry.objects.values_list("action", flat=True)
    assert "socialekaart.import.done" in audits
    assert list(audits).count("socialekaart.offering.created") == 3


def test_import_uses_an_existing_organisation_without_changing_it(
    coordinator, django_capture_on_commit_callbacks
):
    existing = OrganisationFactory(name="Jongerenlijn (oud)", enterprise_number="0123456749")
    job = run(
        preview(coordinator, csv_file(ROWS[0], ROWS[1])),
        coordinator,
        django_capture_on_commit_callbacks,
    )
    assert job.result["organisations_matched"] == 1
    assert Organisation.objects.count() == 1
    existing.refresh_from_db()
    assert existing.name == "Jongerenlijn (oud)"
    assert existing.offerings.count() == 2


def test_failure_on_the_last_row_leaves_nothing_imported(
    coordinator, django_capture_on_commit_callbacks, monkeypatch
):
    job = preview(coordinator, csv_file(*ROWS))
    create = services.offering_create

    def fails_on_ouderlijn(**kwargs):
        if kwargs["data"]["name"] == "Ouderlijn":
            raise DomainError("De databank weigert deze rij.")
        return create(**kwargs)

    monkeypatch.setattr(services, "offering_create", fails_on_ouderlijn)
    job = run(job, coordinator, django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.FAILED
    assert job.error == str(msg.ROW_FAILED % {"row": 4, "message": "De databank weigert deze rij."})
    assert Organisation.objects.count() == 0
    assert Offering.objects.count() == 0
    assert not AuditEntry.objects.filter(action="socialekaart.organisation.created").exists()
    assert AuditEntry.objects.filter(action="socialekaart.import.failed").count() == 1


def test_an_unexpected_error_also_rolls_everything_back(
    coordinator, django_capture_on_commit_callbacks, monkeypatch
):
    job = preview(coordinator, csv_file(*ROWS))
    create = services.offering_create
    calls = []

    def crashes_third_time(**kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return create(**kwargs)

    monkeypatch.setattr(services, "offering_create", crashes_third_time)
    job = run(job, coordinator, django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.FAILED
    assert job.error == str(msg.ROW_CRASHED % {"row": 4})
    assert Offering.objects.count() == 0


def test_a_row_that_became_invalid_since_the_preview_fails_the_import(
    coordinator, django_capture_on_commit_callbacks
):
    job = preview(coordinator, csv_file(*ROWS))
    OfferingFactory(organisation=OrganisationFactory(name="Huis van het Kind"), name="Ouderlijn")
    job = run(job, coordinator, django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.FAILED
    assert job.error.startswith(str(msg.ROW_FAILED % {"row": 4, "message": ""}).strip())
    assert Offering.objects.count() == 1


def test_a_file_with_errors_cannot_be_imported(coordinator):
    job = preview(coordinator, csv_file("Org;;;Chat;telepathie;;;;"))
    with pytest.raises(DomainError) as refused:
        imports.import_job_queue(job=job, actor=coordinator)
    assert refused.value.message == msg.HAS_ERRORS
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PREVIEWED


def test_an_import_runs_once_only(coordinator, django_capture_on_commit_callbacks):
    job = run(
        preview(coordinator, csv_file(ROWS[0])), coordinator, django_capture_on_commit_callbacks
    )
    with pytest.raises(DomainError):
        imports.import_job_queue(job=job, actor=coordinator)
    assert imports.import_job_run(job_id=job.pk) is None
    assert Offering.objects.count() == 1


def test_progress_of_a_running_import_comes_from_the_cache(coordinator):
    job = preview(coordinator, csv_file(*ROWS))
    job.status = ImportJob.Status.RUNNING
    job.save()
    cache.set(imports.progress_key(job.pk), 2)
    assert imports.import_job_progress(job=job) == {"processed": 2, "total": 3, "percent": 67}


def test_waiting_imports_are_dispatched_again_and_dead_ones_fail(
    coordinator, django_capture_on_commit_callbacks
):
    waiting = preview(coordinator, csv_file(ROWS[0]))
    dead = preview(coordinator, csv_file(ROWS[2]))
    an_hour_ago = timezone.now() - timedelta(hours=2)
    ImportJob.objects.filter(pk=waiting.pk).update(
        status=ImportJob.Status.QUEUED, created_at=an_hour_ago
    )
    ImportJob.objects.filter(pk=dead.pk).update(
        status=ImportJob.Status.RUNNING, started_at=an_hour_ago
    )
    assert imports.import_jobs_dispatch_waiting() == 1
    waiting.refresh_from_db()
    dead.refresh_from_db()
    assert waiting.status == ImportJob.Status.DONE
    assert dead.status == ImportJob.Status.FAILED
    assert dead.error == str(msg.STOPPED)


# --- Pages and permissions ------------------------------------------------------------------


def test_coordinator_uploads_checks_and_imports_through_the_pages(
    coordinator_client, django_capture_on_commit_callbacks
):
    page = coordinator_client.get("/sociale-kaart/importeren/")
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.content.decode()
    assert "<code>modaliteiten</code>" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the check, in the worker
        response = coordinator_client.post("/sociale-kaart/importeren/", {"file": csv_file(*ROWS)})
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/sociale-kaart/importeren/{job.pk}/"
    body = coordinator_client.get(response["Location"]).content.decode()
    assert "Jongerenchat" not in body  # the report shows rows and remarks, not the data
    assert 'type="submit"' in body
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(f"/sociale-kaart/importeren/{job.pk}/")
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Offering.objects.count() == 3


def test_the_upload_request_only_keeps_the_file_and_the_page_waits_for_the_check(
    coordinator_client, django_capture_on_commit_callbacks, monkeypatch
):
    read = uploads.read_table
    monkeypatch.setattr(uploads, "read_table", fail_if_called)
    with django_capture_on_commit_callbacks() as callbacks:
        response = coordinator_client.post("/sociale-kaart/importeren/", {"file": csv_file(*ROWS)})
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert job.status == ImportJob.Status.UPLOADED
    assert bytes(job.upload.content).startswith(b"organisatie;kbo")
    body = coordinator_client.get(job.get_absolute_url()).content.decode()
    assert '<meta http-equiv="refresh"' in body  # no script needed, allowed by the CSP
    assert f'href="{job.get_absolute_url()}"' in body
    assert "<button" not in body.split("</h1>")[1]  # nothing to start yet
    assert 'id="import-report"' not in body

    monkeypatch.setattr(uploads, "read_table", read)
    for callback in callbacks:  # the commit hands the check to the worker
        callback()
    body = coordinator_client.get(job.get_absolute_url()).content.decode()
    assert 'http-equiv="refresh"' not in body
    assert 'id="import-report"' in body
    assert "<button" in body.split("</h1>")[1]


def test_a_refused_file_shows_why_on_its_page(
    coordinator_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post("/sociale-kaart/importeren/", {"file": csv_file(";", header="a;b")})
    job = ImportJob.objects.get()
    response = coordinator_client.get(job.get_absolute_url())
    assert response.status_code == 200
    assert job.error in response.content.decode()
    assert '/sociale-kaart/importeren/"' in response.content.decode()  # upload again


def test_an_import_cannot_start_before_its_file_is_checked(coordinator):
    job = imports.import_job_upload(actor=coordinator, upload=csv_file(*ROWS))
    with pytest.raises(DomainError) as refused:
        imports.import_job_queue(job=job, actor=coordinator)
    assert refused.value.message == msg.NOT_CHECKED


def test_the_check_runs_under_a_time_limit():
    assert tasks.check_import.soft_time_limit
    assert tasks.check_import.time_limit > tasks.check_import.soft_time_limit
    assert imports.jobs.CHECK_STALE_AFTER.total_seconds() > tasks.check_import.time_limit


def test_a_check_that_runs_out_of_time_leaves_the_reason_on_the_job(coordinator, monkeypatch):
    def too_slow(records):
        raise SoftTimeLimitExceeded

    monkeypatch.setattr(imports.offering_importer, "check_rows", too_slow)
    job = preview(coordinator, csv_file(*ROWS))
    assert job.status == ImportJob.Status.FAILED
    assert job.error == str(msg.CHECK_TOO_SLOW)
    assert not ImportUpload.objects.exists()


def test_a_check_that_crashes_leaves_a_message_not_a_stuck_job(coordinator, monkeypatch):
    def crashes(records):
        raise RuntimeError("database gone")

    monkeypatch.setattr(imports.offering_importer, "check_rows", crashes)
    job = preview(coordinator, csv_file(*ROWS))
    assert job.status == ImportJob.Status.FAILED
    assert job.error == str(msg.CHECK_FAILED)


def test_a_job_waiting_during_a_broker_outage_is_dispatched_within_a_minute(
    settings, coordinator, frozen_clock
):
    beat = settings.CELERY_BEAT_SCHEDULE["dispatch-queued-imports"]["schedule"]
    assert beat + imports.DISPATCH_AGAIN_AFTER.total_seconds() <= 60
    unchecked = imports.import_job_upload(actor=coordinator, upload=csv_file(ROWS[0]))
    queued = preview(coordinator, csv_file(ROWS[2]))
    just_now = preview(coordinator, csv_file(ROWS[1].replace("Jongerenforum", "Forum")))
    ImportJob.objects.filter(pk__in=[queued.pk, just_now.pk]).update(status=ImportJob.Status.QUEUED)
    twenty_seconds_ago = timezone.now() - timedelta(seconds=20)
    ImportJob.objects.exclude(pk=just_now.pk).update(created_at=twenty_seconds_ago)
    assert imports.import_jobs_dispatch_waiting() == 2
    for job in (unchecked, queued, just_now):
        job.refresh_from_db()
    assert unchecked.status == ImportJob.Status.PREVIEWED
    assert queued.status == ImportJob.Status.DONE
    assert just_now.status == ImportJob.Status.QUEUED  # its own dispatch may still come


def test_a_check_whose_worker_died_fails_with_a_message(coordinator):
    job = imports.import_job_upload(actor=coordinator, upload=csv_file(*ROWS))
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.CHECKING, started_at=timezone.now() - timedelta(hours=1)
    )
    imports.import_jobs_dispatch_waiting()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.error == str(msg.CHECK_STOPPED)
    assert not ImportUpload.objects.exists()


def test_status_page_polls_while_the_import_runs_and_offers_a_refresh_link(
    coordinator_client, coordinator
):
    job = preview(coordinator, csv_file(*ROWS))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
    body = coordinator_client.get(job.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 2s"' in body
    assert f'href="{job.get_absolute_url()}"' in body  # works without JavaScript
    fragment = coordinator_client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    assert fragment.content.decode().lstrip().startswith('<div id="import-progress"')
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.DONE)
    fragment = coordinator_client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    assert "hx-trigger" not in fragment.content.decode()


def test_status_page_lists_row_errors_and_offers_no_import_button(coordinator_client, coordinator):
    job = preview(coordinator, csv_file("Org;;;Chat;telepathie;;;;"))
    body = coordinator_client.get(job.get_absolute_url()).content.decode()
    assert "telepathie" in body
    assert "<button" not in body.split('id="import-report"')[0].split("</h1>")[1]


def test_member_gets_403_on_the_import_pages(member_client, coordinator):
    job = preview(coordinator, csv_file(ROWS[0]))
    assert member_client.get("/sociale-kaart/importeren/").status_code == 403
    assert member_client.get(job.get_absolute_url()).status_code == 403
    assert member_client.post(job.get_absolute_url()).status_code == 403
    assert (
        member_client.post("/sociale-kaart/importeren/", {"file": csv_file(*ROWS)}).status_code
        == 403
    )
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PREVIEWED


def test_representative_gets_403_too(client):
    client.force_login(UserFactory(groups=[roles.REPRESENTATIVES]))
    assert client.get("/sociale-kaart/importeren/").status_code == 403


def test_visitor_is_sent_to_the_login_page(client, coordinator):
    job = preview(coordinator, csv_file(ROWS[0]))
    for path in ("/sociale-kaart/importeren/", job.get_absolute_url()):
        response = client.get(path)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_unknown_import_is_a_404(coordinator_client):
    assert coordinator_client.get("/sociale-kaart/importeren/999999/").status_code == 404


def test_a_namesake_without_enterprise_number_is_matched_but_one_with_another_is_not(coordinator):
    OrganisationFactory(name="Huis van het Kind")
    OrganisationFactory(name="Jongerenlijn vzw", enterprise_number=kbo(1))
    job = preview(coordinator, csv_file(*ROWS))
    assert messages_of(job, 2) == [str(msg.ORGANISATION_NEW)]  # another number: a new one
    assert "Huis van het Kind" in messages_of(job, 4)[0]
    job = preview(coordinator, csv_file(ROWS[2].replace(";;jeugdhulp", f";{kbo(2)};jeugdhulp")))
    assert "Huis van het Kind" in messages_of(job, 2)[0]


def test_same_name_twice_on_the_map_needs_the_enterprise_number(coordinator):
    OrganisationFactory(name="Huis van het Kind")
    OrganisationFactory(name="Huis van het Kind")
    job = preview(coordinator, csv_file(ROWS[2]))
    assert messages_of(job, 2) == [str(msg.NAME_AMBIGUOUS % {"name": "Huis van het Kind"})]


def test_an_offering_e_mail_address_is_imported_and_checked(
    coordinator, django_capture_on_commit_callbacks
):
    header = "organisatie;aanbod;email"
    job = preview(coordinator, csv_file("Org;Chat;geen-adres", header=header))
    assert "email" in " ".join(messages_of(job, 2))
    job = preview(coordinator, csv_file("Org;Chat;chat@org.example", header=header))
    run(job, coordinator, django_capture_on_commit_callbacks)
    assert Offering.objects.get(name="Chat").email == "chat@org.example"
