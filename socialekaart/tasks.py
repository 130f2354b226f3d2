"""Thin Celery wrappers around the service map's services: they take primary keys."""

from celery import shared_task

from . import linkcheck, review
from .models import Offering
from .services import quality


@shared_task
def check_links() -> int:
    """Queue one check per offering with a web address; each check is its own task."""
    # The ids first: the checks write to the rows this query reads.
    ids = list(linkcheck.offerings_to_check().values_list("pk", flat=True))
    for offering_id in ids:
        check_offering_link.delay(offering_id)
    return len(ids)


@shared_task(soft_time_limit=120, time_limit=150)
def check_offering_link(offering_id: int) -> None:
    offering = Offering.objects.select_related("organisation").filter(pk=offering_id).first()
    if offering is not None and offering.access_url:  # deleted or emptied since it was queued
        linkcheck.offering_check_link(offering=offering)


@shared_task
def remind_reviews() -> int:
    return review.offerings_remind_review()


@shared_task
def quality_daily() -> dict:
    """The quality norms (issue 18): the one reminder to organisations that did not answer,
    and this month's figures kept for the policy tracker."""
    return {
        "reminded": quality.quality_remind_unanswered(),
        "figures": quality.quality_figures_keep_month(),
    }
