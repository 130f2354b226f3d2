"""Background work of the tracker."""

from celery import shared_task

from .indicators import indicators_record


@shared_task
def record_indicators() -> int:
    """Keep this month's figures of the live indicators (daily: the last run of a month stays)."""
    return indicators_record()
