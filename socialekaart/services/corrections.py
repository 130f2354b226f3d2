"""Corrections visitors suggest ("Meld een fout"): reported, then handled by a representative
of the organisation or a coordinator; the reporter who left an address hears the outcome."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.services import audit_record, email_enqueue, email_enqueue_each

from .. import messages as msg
from ..models import CorrectionReport, Offering
from ..selectors import coordinator_emails, map_changed, representative_emails
from ._common import note_check

Status = CorrectionReport.Status
# How a report may end (style rule 6: a transition table).
ALLOWED_OUTCOMES = {Status.OPEN: {Status.CORRECTED, Status.DISMISSED}}


@transaction.atomic
def correction_report(
    *, offering: Offering, text: str, reporter_email: str = "", reporter=None
) -> CorrectionReport:
    """Store what a visitor says is wrong and tell the organisation and the coordinators."""
    text = (text or "").strip()
    if not text:
        raise DomainError(msg.CORRECTION_EMPTY)
    report = CorrectionReport(
        offering=offering,
        text=text,
        reporter_email=(reporter_email or "").strip(),
        reporter=reporter if getattr(reporter, "is_authenticated", False) else None,
    )
    try:
        report.full_clean()
    except ValidationError as error:
        raise DomainError(error.messages[0]) from error
    report.save()
    audit_record(
        actor=report.reporter,
        action="socialekaart.correction.reported",
        obj=offering,
        changes={"report": report.pk},
    )
    email_enqueue_each(
        to=representative_emails(organisation=offering.organisation) + coordinator_emails(),
        template="correction_reported",
        context={"offering": offering, "report": report},
    )
    return report


@transaction.atomic
def correction_handle(
    *, report: CorrectionReport, actor, outcome: str, note: str = ""
) -> CorrectionReport:
    """Close a report as corrected or as not changed. A corrected one marks the offering as
    checked today (visitors see the date); the reporter's address is used once and dropped."""
    note_check(note)
    report = (
        CorrectionReport.objects.select_for_update().select_related("offering").get(pk=report.pk)
    )
    if outcome not in ALLOWED_OUTCOMES.get(report.status, set()):
        raise DomainError(msg.CORRECTION_ALREADY_HANDLED)
    address = report.reporter_email
    report.status = outcome
    report.handled_by = actor
    report.handled_at = timezone.now()
    report.handling_note = note.strip()
    report.reporter_email = ""
    report.save()
    audit_record(
        actor=actor,
        action=f"socialekaart.correction.{outcome}",
        obj=report.offering,
        changes={"report": report.pk, "note": report.handling_note},
    )
    if outcome == Status.CORRECTED:
        offering = Offering.objects.select_for_update().get(pk=report.offering_id)
        offering.last_reviewed_at = report.handled_at
        offering.save(update_fields=["last_reviewed_at", "updated_at"])
        transaction.on_commit(map_changed)
    if address:
        email_enqueue(to=[address], template="correction_handled", context={"report": report})
    return report
