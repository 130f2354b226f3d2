"""Import jobs of the service map, on the core import pipeline's bases."""

from django.db import models
from django.urls import reverse

from aanspreekpunt.core.imports.models import ImportJobBase, ImportUploadBase


class ImportJob(ImportJobBase):
    """A coordinator's bulk import of organisations and offerings (socialekaart.imports)."""

    class Meta(ImportJobBase.Meta):
        indexes = [models.Index(fields=["status", "created_at"])]

    def get_absolute_url(self):
        return reverse("socialekaart:import_job", kwargs={"pk": self.pk})


class ImportUpload(ImportUploadBase):
    job = models.OneToOneField(
        ImportJob, on_delete=models.CASCADE, primary_key=True, related_name="upload"
    )

    class Meta(ImportUploadBase.Meta):
        pass
