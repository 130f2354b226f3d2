"""Thin Celery wrappers for the knowledge site."""

from celery import shared_task
from django.core.management import call_command


@shared_task
def publish_scheduled_pages() -> None:
    """Wagtail's scheduled publishing: pages whose go-live time has passed go live, expired
    ones go offline. Wagtail leaves running its `publish_scheduled` command to the project;
    Celery beat runs it every minute."""
    call_command("publish_scheduled", verbosity=0)
