"""The member's requests to represent organisations and the offerings they submitted: the
service map's part of the export and of an account's deletion (registered in
``SocialeKaartConfig.ready()``).

On deletion a request stays, without the member: the number of requests and the
organisation's history stay true. A request not decided yet is withdrawn, as nobody is
left to give the role to. The member's own words (their function) and the coordinator's
note about them go. Offerings belong to their organisation and stay as they are.
"""

from django.db.models import Q

from aanspreekpunt.core.contributions import DataSubject

from .models import CorrectionReport, ModerationEvent, Offering, Representation


def records(user) -> list:
    """The rows about the member: the audit entries about these are theirs too."""
    return [Representation.objects.filter(user=user)]


def correction_records(user) -> list:
    return [CorrectionReport.objects.filter(reporter=user)]


def correction_reports_export(subject: DataSubject) -> list[dict]:
    """The errors the member reported while logged in, or with one of their addresses."""
    reports = _reports_of(subject).select_related("offering").order_by("created_at", "pk")
    return [
        {
            "offering": report.offering.name,
            "what_is_wrong": report.text,
            "your_email": report.reporter_email,
            "reported_at": report.created_at,
            "status": report.get_status_display(),
            "answer": report.handling_note,
        }
        for report in reports
    ]


def correction_reports_erase(subject: DataSubject) -> dict[str, int]:
    """The report stays (it is about the offering), without who sent it."""
    return {"anonymised": _reports_of(subject).update(reporter=None, reporter_email="")}


def _reports_of(subject: DataSubject):
    mine = Q(reporter=subject.user)
    for address in subject.emails:
        mine |= Q(reporter_email__iexact=address)
    return CorrectionReport.objects.filter(mine)


def representations_export(subject: DataSubject) -> list[dict]:
    requests = (
        Representation.objects.filter(user=subject.user)
        .select_related("organisation", "proposed_sector")
        .order_by("created_at", "pk")
    )
    return [
        {
            "organisation": request.organisation_name,
            "new_organisation": request.organisation_id is None,
            "enterprise_number": request.proposed_enterprise_number,
            "sector": request.proposed_sector.name if request.proposed_sector else "",
            "your_function": request.motivation,
            "status": request.get_status_display(),
            "requested_at": request.created_at,
            "decided_at": request.decided_at,
            "decision_note": request.decision_note,
        }
        for request in requests
    ]


def submitted_offerings_export(subject: DataSubject) -> list[dict]:
    """Each time the member sent an offering for review."""
    submissions = (
        ModerationEvent.objects.filter(actor=subject.user, to_state=Offering.Moderation.SUBMITTED)
        .select_related("offering__organisation")
        .order_by("created_at", "pk")
    )
    return [
        {
            "offering": event.offering.name,
            "organisation": event.offering.organisation.name,
            "submitted_at": event.created_at,
            "moderation_now": event.offering.get_moderation_state_display(),
        }
        for event in submissions
    ]


def representations_erase(subject: DataSubject) -> dict[str, int]:
    requests = Representation.objects.filter(user=subject.user)
    withdrawn = requests.filter(status=Representation.Status.REQUESTED).update(
        status=Representation.Status.WITHDRAWN
    )
    anonymised = requests.update(user=None, motivation="", decision_note="")
    return {"withdrawn": withdrawn, "anonymised": anonymised}
