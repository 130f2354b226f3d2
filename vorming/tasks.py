"""Thin Celery wrappers around the training app's services (run by beat)."""

from celery import shared_task

from . import privacy
from .services import registrations


@shared_task
def lapse_holds() -> int:
    return registrations.holds_lapse()


@shared_task
def send_reminders() -> int:
    return registrations.reminders_send()


@shared_task
def erase_old_registrations() -> int:
    return privacy.registrations_erase_old()
