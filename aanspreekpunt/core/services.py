"""Writes shared by every app: the audit log and the outgoing e-mail queue."""

import base64
import logging
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.core.files import File
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from aanspreekpunt.celery import app as celery_app

from .models import AuditEntry, OutboundEmail
from .outages import Outage, outage_for

logger = logging.getLogger(__name__)

SEND_ATTEMPTS_MAX = 8
# Seconds a process leaves the broker alone after it failed (see ``task_dispatch``).
BROKER_OUTAGE_COOLDOWN = 5

# Set inside ``emails_withheld()``: a context variable, so other threads and requests
# queue their e-mails as usual.
_emails_withheld: ContextVar[bool] = ContextVar("emails_withheld", default=False)


def audit_record(
    *, actor, action: str, obj: models.Model, changes: dict | None = None
) -> AuditEntry:
    """Record that ``actor`` did ``action`` (a dotted code) on ``obj``."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        changes=changes or {},
    )


def audit_describe(data: dict) -> dict:
    """Form data as short strings for the audit log; a file by its name, never its content
    (an uploaded file iterates over its lines)."""
    described = {}
    for key, value in data.items():
        if isinstance(value, File):
            described[key] = value.name or "—"
        elif hasattr(value, "__iter__") and not isinstance(value, str | bytes | dict):
            described[key] = ", ".join(str(item) for item in value)
        else:
            described[key] = str(value)[:200]
    return described


@contextmanager
def emails_withheld():
    """Within this block e-mails are neither stored nor sent: for demo content, whose
    accounts have made-up addresses (``seed_demo``)."""
    token = _emails_withheld.set(True)
    try:
        yield
    finally:
        _emails_withheld.reset(token)


def email_enqueue_message(*, message: EmailMessage) -> OutboundEmail:
    """Keep ``message`` in the database; a worker sends it once this transaction commits.

    Inside ``emails_withheld()`` the row is returned unsaved and nothing is sent."""
    html_body = ""
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            html_body = content
    attachments = [
        {
            "filename": filename,
            "content": base64.b64encode(
                content.encode() if isinstance(content, str) else content
            ).decode(),
            "mimetype": mimetype,
        }
        for filename, content, mimetype in message.attachments
    ]
    email = OutboundEmail(
        to=list(message.to),
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        subject=message.subject,
        body=message.body,
        html_body=html_body,
        attachments=attachments,
        headers=dict(message.extra_headers),
    )
    if _emails_withheld.get():
        return email
    email.save()
    transaction.on_commit(lambda: email_dispatch(email_id=email.pk))
    return email


def email_enqueue(
    *,
    to: list[str],
    template: str,
    context: dict,
    attachments: list | None = None,
    headers: dict | None = None,
) -> OutboundEmail:
    """Render ``templates/emails/<template>/`` for ``context`` and queue it for ``to``
    (with extra ``headers``, such as List-Unsubscribe)."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"emails/{template}/subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=" ".join(subject.splitlines()),
        body=render_to_string(f"emails/{template}/body.txt", context),
        to=to,
        headers=headers or {},
    )
    message.attach_alternative(
        render_to_string(f"emails/{template}/body.html", context), "text/html"
    )
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    return email_enqueue_message(message=message)


def email_enqueue_each(*, to: list[str], template: str, context: dict) -> list[OutboundEmail]:
    """Queue the message once for every address in ``to``: a notification to a group of
    people does not show them each other's addresses."""
    return [
        email_enqueue(to=[address], template=template, context=context)
        for address in dict.fromkeys(to)
    ]


def task_dispatch(task, *args, waiting: str) -> bool:
    """Hand ``task`` to the broker. When the broker is down, say what ``waiting`` stays
    where it is and return False: the work is in the database and a periodic job hands it
    over again. After a failure the broker is left alone for a cool-down, so a request or a
    flush that dispatches many tasks waits for a broker that is gone once, not per task."""
    outage = _broker_outage()
    if outage.active():
        logger.info("Broker unavailable; %s", waiting)
        return False
    try:
        task.delay(*args)
    except Exception as error:  # the broker may fail in many ways (kombu, redis, socket errors)
        outage.begin(error)
        logger.info("Broker unavailable; %s", waiting)
        return False
    return True


def _broker_outage() -> Outage:
    url = celery_app.conf.broker_url or ""
    return outage_for(
        f"broker:{url}",
        name="Celery broker at " + url.rpartition("@")[2],
        cooldown=BROKER_OUTAGE_COOLDOWN,
        consequence="tasks are not handed over; their work waits in the database",
    )


def email_dispatch(*, email_id: int) -> bool:
    """Hand the e-mail to the broker; if the broker is down, leave it pending for the flush."""
    from .tasks import send_email

    return task_dispatch(
        send_email, email_id, waiting=f"e-mail {email_id} stays queued in the database"
    )


def email_send(*, email_id: int) -> OutboundEmail | None:
    """Send one queued e-mail exactly once; a failure is recorded and re-raised for a retry."""
    with transaction.atomic():
        email = (
            OutboundEmail.objects.select_for_update()
            .filter(pk=email_id, status=OutboundEmail.Status.PENDING)
            .first()
        )
        if email is None:
            return None
        email.attempts += 1
        try:
            _message_from(email).send()
        except Exception as error:  # SMTP, socket and TLS errors alike: keep the e-mail
            failure = error
            email.last_error = str(error)[:2000]
            if email.attempts >= SEND_ATTEMPTS_MAX:
                email.status = OutboundEmail.Status.FAILED
        else:
            failure = None
            email.status = OutboundEmail.Status.SENT
            email.sent_at = timezone.now()
            email.last_error = ""
        email.save(update_fields=["attempts", "last_error", "status", "sent_at"])
    if failure is not None:
        raise failure
    return email


def _message_from(email: OutboundEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        from_email=email.from_email,
        to=email.to,
        headers=email.headers or {},
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    for attachment in email.attachments:
        message.attach(
            attachment["filename"],
            base64.b64decode(attachment["content"]),
            attachment["mimetype"],
        )
    return message


def emails_flush_pending(*, older_than: timedelta = timedelta(seconds=30)) -> int:
    """Dispatch every e-mail still pending after ``older_than``; returns how many were handed on."""
    cutoff = timezone.now() - older_than
    ids = OutboundEmail.objects.filter(
        status=OutboundEmail.Status.PENDING, created_at__lte=cutoff
    ).values_list("pk", flat=True)
    return sum(email_dispatch(email_id=email_id) for email_id in ids)


def emails_purge_sent(*, older_than: timedelta = timedelta(days=30)) -> int:
    """Delete e-mails sent more than ``older_than`` ago, and those that failed and were written
    as long ago: keep personal data no longer than needed (the privacy page says 30 days)."""
    cutoff = timezone.now() - older_than
    deleted, _ = OutboundEmail.objects.filter(
        models.Q(status=OutboundEmail.Status.SENT, sent_at__lte=cutoff)
        | models.Q(status=OutboundEmail.Status.FAILED, created_at__lte=cutoff)
    ).delete()
    return deleted


def sessions_clear_expired() -> None:
    """Delete the sessions past their expiry date; Django leaves them in the table."""
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()
