"""The service map's importer: rows of organisations and offerings, written as drafts."""

from django.utils.translation import gettext_lazy

from aanspreekpunt.core.imports.importers import Importer, ImportRun

from .. import services
from ..models import ImportJob, ImportUpload, Organisation
from .checking import ParsedRow, check_rows
from .columns import COLUMNS


class OfferingImporter(Importer):
    key = "socialekaart.offerings"
    label = gettext_lazy("organisations and offerings")
    columns = COLUMNS
    job_model = ImportJob
    upload_model = ImportUpload
    audit_prefix = "socialekaart.import"
    result_keys = ("organisations_created", "organisations_matched", "offerings_created")

    def check_rows(self, records: list[dict]) -> list[ParsedRow]:
        # Across rows: an organisation is matched once, an offering may not come twice.
        return check_rows(records)

    def write_row(self, row: ParsedRow, *, run: ImportRun) -> None:
        organisation = _organisation_for(row, run)
        services.offering_create(organisation=organisation, actor=run.actor, data=row.offering)
        run.result["offerings_created"] += 1


def _organisation_for(row: ParsedRow, run: ImportRun) -> Organisation:
    """The organisation of the row: matched on the map, or created once for the file."""
    created = run.memo.setdefault("organisations", {})
    if row.existing_organisation is not None:
        if row.organisation_key not in created:
            run.result["organisations_matched"] += 1
            created[row.organisation_key] = Organisation.objects.get(
                pk=row.existing_organisation.pk
            )
    elif row.organisation_key not in created:
        created[row.organisation_key] = services.organisation_create(
            actor=run.actor, data=row.organisation
        )
        run.result["organisations_created"] += 1
    return created[row.organisation_key]


offering_importer = OfferingImporter()
