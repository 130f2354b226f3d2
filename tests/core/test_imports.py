"""Any app can import with core's pipeline: a tiny importer, defined and registered here,
goes through upload -> check in the worker -> preview -> run, all rows or none."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile

from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.imports import jobs
from aanspreekpunt.core.imports import messages as msg
from aanspreekpunt.core.imports.importers import CheckedRow, Importer, importers
from aanspreekpunt.core.imports.reading import Column
from aanspreekpunt.core.models import AuditEntry
from socialekaart.imports import offering_importer
from socialekaart.models import ImportJob, ImportUpload

pytestmark = pytest.mark.django_db


class GroupImporter(Importer):
    """Groups of people from a file with the columns ``naam`` and ``omschrijving``."""

    key = "tests.groups"
    label = "groups"
    columns = (Column("naam", "name of the group", required=True), Column("omschrijving", ""))
    job_model = ImportJob  # a table of the right shape; another app brings its own
    upload_model = ImportUpload
    audit_prefix = "tests.import"
    result_keys = ("groups_created",)

    def check_row(self, record: dict) -> CheckedRow:
        checked = CheckedRow(row=record["row"], data={"name": record["values"]["naam"]})
        if not checked.data["name"]:
            checked.errors.append(msg.VALUE_REQUIRED % {"column": "naam"})
        elif Group.objects.filter(name=checked.data["name"]).exists():
            checked.errors.append(f"naam: {checked.data['name']} bestaat al.")
        else:
            checked.notes.append("Nieuwe groep.")
        return checked

    def write_row(self, row: CheckedRow, *, run) -> None:
        if row.data["name"] == "weigert":
            raise DomainError("Deze groep wordt geweigerd.")
        Group.objects.create(name=row.data["name"])
        run.result["groups_created"] += 1


@pytest.fixture
def importer():
    registered = importers.register(GroupImporter())
    yield registered
    importers.unregister(registered.key)


def groups_file(*names) -> SimpleUploadedFile:
    text = "\n".join(["naam;omschrijving", *[f"{name};iets" for name in names]]) + "\n"
    return SimpleUploadedFile("groepen.csv", text.encode())


def upload(importer, user, file, capture):
    """Upload; the commit hands the check to the worker through the registry."""
    with capture(execute=True):
        job = jobs.import_job_upload(importer=importer, actor=user, upload=file)
    job.refresh_from_db()
    return job


def test_a_second_importer_goes_through_upload_check_preview_and_run(
    importer, member, django_capture_on_commit_callbacks
):
    job = upload(
        importer,
        member,
        groups_file("Redactie", "Moderatie"),
        django_capture_on_commit_callbacks,
    )
    assert job.importer == "tests.groups"
    assert job.status == ImportJob.Status.PREVIEWED, job.error
    assert job.report == [
        {"row": 2, "status": "ok", "messages": ["Nieuwe groep."]},
        {"row": 3, "status": "ok", "messages": ["Nieuwe groep."]},
    ]
    assert not Group.objects.filter(name__in=["Redactie", "Moderatie"]).exists()
    assert not ImportUpload.objects.filter(job=job).exists()

    with django_capture_on_commit_callbacks(execute=True):
        jobs.import_job_queue(importer=importer, job=job, actor=member)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert job.result == {"groups_created": 2}
    assert Group.objects.filter(name__in=["Redactie", "Moderatie"]).count() == 2
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"tests.import.uploaded", "tests.import.previewed", "tests.import.done"} <= actions
    assert jobs.import_job_progress(importer=importer, job=job)["percent"] == 100


def test_the_second_importer_reports_row_errors_and_refuses_to_run(
    importer, member, django_capture_on_commit_callbacks
):
    Group.objects.create(name="Redactie")
    job = upload(
        importer, member, groups_file("Redactie", "Nieuw"), django_capture_on_commit_callbacks
    )
    assert [line["status"] for line in job.report] == ["error", "ok"]
    assert job.report[0]["messages"] == ["naam: Redactie bestaat al."]
    with pytest.raises(DomainError) as refused:
        jobs.import_job_queue(importer=importer, job=job, actor=member)
    assert refused.value.message == msg.HAS_ERRORS


def test_the_second_importers_columns_decide_what_a_file_may_hold(
    importer, member, django_capture_on_commit_callbacks
):
    file = SimpleUploadedFile("groepen.csv", b"organisatie;aanbod\nOrg;Chat\n")
    job = upload(importer, member, file, django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.FAILED
    assert job.error == str(msg.COLUMNS_MISSING % {"columns": "naam"})


def test_a_row_refused_while_writing_leaves_nothing_of_the_second_importer(
    importer, member, django_capture_on_commit_callbacks
):
    job = upload(
        importer, member, groups_file("Eerst", "weigert"), django_capture_on_commit_callbacks
    )
    with django_capture_on_commit_callbacks(execute=True):
        jobs.import_job_queue(importer=importer, job=job, actor=member)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.error == str(msg.ROW_FAILED % {"row": 3, "message": "Deze groep wordt geweigerd."})
    assert not Group.objects.filter(name="Eerst").exists()


def test_each_importer_sees_only_its_own_jobs(importer, member, django_capture_on_commit_callbacks):
    job = upload(importer, member, groups_file("Redactie"), django_capture_on_commit_callbacks)
    assert list(jobs.import_jobs_recent(importer=importer)) == [job]
    assert list(jobs.import_jobs_recent(importer=offering_importer)) == []
    assert jobs.import_job_run(importer=offering_importer, job_id=job.pk) is None


def test_two_importers_cannot_share_a_key(importer):
    class Other(GroupImporter):
        pass

    with pytest.raises(ImproperlyConfigured):
        importers.register(Other())
    importers.register(GroupImporter())  # the same again changes nothing
    assert isinstance(importers.get("tests.groups"), GroupImporter)


def test_the_service_map_registers_its_importer():
    assert importers.get("socialekaart.offerings") is offering_importer
