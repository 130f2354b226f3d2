"""The abstract models of an import's job and file; each importing app makes them concrete.

An app's concrete job model adds ``get_absolute_url`` (its status page); its upload model
adds ``job = models.OneToOneField(<job model>, on_delete=models.CASCADE, primary_key=True,
related_name="upload")``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJobBase(models.Model):
    """A bulk import: the uploaded rows, their validation report and progress.

    The uploaded file waits in the database (the upload model) until a worker has checked
    it; then its rows are stored here as JSON and the file is deleted. The import reads the
    rows from here, so a worker never needs the uploader's disk.
    """

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("waiting to be checked")
        CHECKING = "checking", _("being checked")
        PREVIEWED = "previewed", _("checked, not imported yet")
        QUEUED = "queued", _("waiting to start")
        RUNNING = "running", _("importing")
        DONE = "done", _("imported")
        FAILED = "failed", _("failed, nothing was imported")

    # the key of the importer that checks and writes the rows (core.imports.importers)
    importer = models.CharField(max_length=50)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    filename = models.CharField(_("file"), max_length=255)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.UPLOADED
    )
    # [{"row": 2, "values": {"organisatie": "...", ...}}, ...] as read from the file
    rows = models.JSONField(default=list, blank=True)
    # [{"row": 2, "status": "ok" | "error", "messages": ["..."]}, ...]
    report = models.JSONField(default=list, blank=True)
    processed = models.PositiveIntegerField(_("rows processed"), default=0)
    total = models.PositiveIntegerField(_("rows"), default=0)
    # the importer's counts: {"organisations_created": 1, "offerings_created": 3}
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(_("reason of the failure"), blank=True)
    # when the current step started: the check of the file, then the import
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.filename

    @property
    def error_count(self) -> int:
        return sum(1 for line in self.report if line["status"] == "error")

    @property
    def is_valid(self) -> bool:
        return bool(self.report) and self.error_count == 0

    @property
    def is_being_checked(self) -> bool:
        return self.status in {self.Status.UPLOADED, self.Status.CHECKING}

    @property
    def is_in_progress(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}


class ImportUploadBase(models.Model):
    """The file of an import, kept only until a worker has checked it (then deleted)."""

    content = models.BinaryField()

    class Meta:
        abstract = True
        verbose_name = _("uploaded import file")
        verbose_name_plural = _("uploaded import files")

    def __str__(self):
        return str(self.job)
