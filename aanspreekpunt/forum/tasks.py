"""The forum's periodic jobs: "meteen" notifications (every minute) and the daily digest."""

from celery import shared_task

from . import services


@shared_task
def send_notifications() -> int:
    return services.notifications_send()


@shared_task
def send_digests() -> int:
    return services.digest_send()
