"""Evaluations: attendees, and only they, get a link; one evaluation per registration."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.services import audit_record, email_enqueue

from .. import messages as msg
from ..models import ElementScore, Evaluation, Registration
from .registrations import registration_link


def evaluation_invite(*, session) -> int:
    """E-mail the evaluation link to the attendees not invited yet (once each)."""
    now = timezone.now()
    invited = 0
    for registration in session.registrations.filter(
        attended=True, evaluation_invited_at__isnull=True, erased_at__isnull=True
    ).select_related("session"):
        marked = Registration.objects.filter(
            pk=registration.pk, evaluation_invited_at__isnull=True
        ).update(evaluation_invited_at=now)
        if marked:
            email_enqueue(
                to=[registration.email],
                template="vorming_evaluation_invite",
                context={
                    "registration": registration,
                    "session": session,
                    "evaluation_url": registration_link(registration, "evaluate"),
                },
            )
            invited += 1
    return invited


@transaction.atomic
def evaluation_submit(*, registration: Registration, overall: int, scores: dict, comment: str):
    """Store an attendee's evaluation; ``scores`` maps elements of the session to 1..5."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.attended is not True:
        raise DomainError(msg.EVALUATION_ATTENDEES_ONLY, code="forbidden")
    if Evaluation.objects.filter(registration=registration).exists():
        raise DomainError(msg.EVALUATION_DONE, code="duplicate")
    values = [overall, *scores.values()]
    if any(not isinstance(v, int) or not 1 <= v <= 5 for v in values):
        raise DomainError(msg.SCORE_RANGE)
    allowed = {e.pk for e in registration.session.elements.all()}
    if any(element.pk not in allowed for element in scores):
        raise DomainError(msg.SCORE_RANGE)
    try:
        with transaction.atomic():
            evaluation = Evaluation.objects.create(
                registration=registration, overall=overall, comment=comment
            )
    except IntegrityError:
        raise DomainError(msg.EVALUATION_DONE, code="duplicate") from None
    ElementScore.objects.bulk_create(
        [ElementScore(evaluation=evaluation, element=e, score=s) for e, s in scores.items()]
    )
    audit_record(actor=None, action="vorming.evaluation.submitted", obj=evaluation)
    return evaluation
