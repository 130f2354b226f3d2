"""Thin Celery wrappers around the desk's periodic services (scheduled in settings)."""

from celery import shared_task

from . import services


@shared_task
def remind_waiting_questions():
    return services.questions_remind()


@shared_task
def erase_expired_questions():
    return services.questions_erase_expired()
