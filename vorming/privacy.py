"""Registrations are personal data: a member's export and account deletion include them
(registered in ``VormingConfig.ready()``), and a beat task erases the personal data of every
registration 12 months after its session, keeping the counts."""

import secrets
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from aanspreekpunt.core.contributions import DataSubject

from .models import Evaluation, Registration, Session

KEEP_FOR = timedelta(days=365)


def _of(subject_user, emails) -> Q:
    condition = Q(user=subject_user)
    for email in emails:
        condition |= Q(email__iexact=email)
    return condition


def records(user) -> list:
    return [Registration.objects.filter(user=user)]


def registrations_export(subject: DataSubject) -> list[dict]:
    registrations = (
        Registration.objects.filter(_of(subject.user, subject.emails))
        .filter(erased_at__isnull=True)
        .select_related("session", "evaluation")
        .order_by("created_at", "pk")
    )
    return [
        {
            "session": registration.session.title,
            "start": registration.session.start,
            "name": registration.name,
            "email": registration.email,
            "organisation": registration.organisation,
            "function": registration.get_function_display(),
            "status": registration.get_status_display(),
            "registered_at": registration.created_at,
            "attended": registration.attended,
            "evaluation": _evaluation(registration),
        }
        for registration in registrations
    ]


def _evaluation(registration) -> dict | None:
    evaluation = getattr(registration, "evaluation", None)
    if evaluation is None:
        return None
    return {"overall": evaluation.overall, "comment": evaluation.comment}


def _anonymise(registrations) -> int:
    count = 0
    now = timezone.now()
    registrations = list(registrations)
    for registration in registrations:
        registration.name = ""
        registration.email = f"verwijderd-{registration.pk}@invalid.invalid"
        registration.organisation = ""
        registration.user = None
        registration.token = secrets.token_urlsafe(32)  # old links stop working
        registration.erased_at = now
        registration.save(
            update_fields=["name", "email", "organisation", "user", "token", "erased_at"]
        )
        count += 1
    # the scores stay for the results; the comment may say who wrote it
    Evaluation.objects.filter(registration__in=[r.pk for r in registrations]).update(comment="")
    return count


def registrations_erase(subject: DataSubject) -> dict[str, int]:
    """Cancel the member's places in sessions still to come (the waiting list moves up),
    then remove what identifies them from every registration; the counts stay."""
    from .services.registrations import registration_cancel

    mine = Registration.objects.filter(_of(subject.user, subject.emails))
    cancelled = 0
    for registration in mine.filter(
        status__in=Registration.ACTIVE, session__start__gt=timezone.now()
    ).select_related("session"):
        registration_cancel(registration=registration)
        cancelled += 1
    anonymised = _anonymise(mine.filter(erased_at__isnull=True))
    return {"cancelled": cancelled, "anonymised": anonymised}


def registrations_erase_old(*, now=None) -> int:
    """The beat task: erase the personal data of registrations 12 months after their
    session ended."""
    now = now or timezone.now()
    old_sessions = Session.objects.filter(
        Q(second_end__isnull=True, end__lt=now - KEEP_FOR) | Q(second_end__lt=now - KEEP_FOR)
    )
    with transaction.atomic():
        return _anonymise(
            Registration.objects.filter(session__in=old_sessions, erased_at__isnull=True)
        )
