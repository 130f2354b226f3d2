"""The yearly review: representatives confirm once a year that an offering is still right.

A public offering not confirmed for a year gets one reminder to its representatives;
after fifteen months without confirmation it is shown as possibly outdated. The clock
starts at the last confirmation (``last_reviewed_at``), or else at the first publication.
"""

from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from aanspreekpunt.core.services import audit_record, email_enqueue_each

from .models import Offering
from .selectors import representative_emails

REVIEW_AFTER = timedelta(days=365)
OUTDATED_AFTER = relativedelta(months=15)


def is_possibly_outdated(offering: Offering, now: datetime | None = None) -> bool:
    """True when a public offering was not confirmed (or published) for fifteen months."""
    reviewed = offering.last_reviewed_at or offering.published_at
    if reviewed is None:
        return False
    return reviewed + OUTDATED_AFTER < (now or timezone.now())


def offerings_due_for_review(*, now: datetime) -> QuerySet[Offering]:
    """Public offerings not confirmed for a year whose representatives were not reminded since."""
    return (
        Offering.objects.filter(is_public=True)
        .annotate(reviewed=Coalesce("last_reviewed_at", "published_at"))
        .filter(reviewed__lt=now - REVIEW_AFTER)
        .filter(
            Q(review_reminder_sent_at__isnull=True) | Q(review_reminder_sent_at__lt=F("reviewed"))
        )
        .select_related("organisation")
        .order_by("pk")
    )


def offerings_remind_review(*, now: datetime | None = None) -> int:
    """E-mail the representatives of each offering due for review, once; returns how many."""
    now = now or timezone.now()
    reminded = 0
    for offering in offerings_due_for_review(now=now).iterator(chunk_size=200):
        reminded += _remind(offering, now)
    return reminded


def _remind(offering: Offering, now: datetime) -> bool:
    recipients = representative_emails(organisation=offering.organisation)
    if not recipients:
        return False  # nobody to ask yet; tried again once a representative is approved
    with transaction.atomic():
        # Claim the reminder, so two runs at the same time do not both send it.
        claimed = (
            offerings_due_for_review(now=now)
            .filter(pk=offering.pk)
            .update(review_reminder_sent_at=now)
        )
        if not claimed:
            return False
        audit_record(actor=None, action="socialekaart.offering.review_reminded", obj=offering)
        email_enqueue_each(
            to=recipients, template="offering_review_due", context={"offering": offering}
        )
    return True
