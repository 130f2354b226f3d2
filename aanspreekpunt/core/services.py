"""Writes shared by every app: the audit log and the outgoing e-mail queue."""

import base64
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import AuditEntry, OutboundEmail

logger = logging.getLogger(__name__)

SEND_ATTEMPTS_MAX = 8


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
    """Form data as short strings for the audit log."""
    described = {}
    for key, value in data.items():
        if hasattr(value, "__iter__") and not isinstance(value, str | bytes | dict):
            described[key] = ", ".join(str(item) for item in value)
        else:
            described[key] = str(value)[:200]
    return described


def email_enqueue_message(*, message: EmailMessage) -> OutboundEmail:
    """Keep ``message`` in the database; a worker sends it once this transaction commits."""
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
    email = OutboundEmail.objects.create(
        to=list(message.to),
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        subject=message.subject,
        body=message.body,
        html_body=html_body,
        attachments=attachments,
    )
    transaction.on_commit(lambda: email_dispatch(email_id=email.pk))
    return email


def email_enqueue(
    *, to: list[str], template: str, context: dict, attachments: list | None = None
) -> OutboundEmail:
    """Render ``templates/emails/<template>/`` for ``context`` and queue it for ``to``."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"emails/{template}/subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=" ".join(subject.splitlines()),
        body=render_to_string(f"emails/{template}/body.txt", context),
        to=to,
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
    over again."""
    try:
        task.delay(*args)
    except Exception:  # the broker may fail in many ways (kombu, redis, socket errors)
        logger.warning("Broker unavailable; %s", waiting)
        return False
    return True


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
        subject=email.subject, body=email.body, from_email=email.from_email, to=email.to
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
    """Delete sent e-mails older than ``older_than``: keep personal data no longer than needed."""
    cutoff = timezone.now() - older_than
    deleted, _ = OutboundEmail.objects.filter(
        status=OutboundEmail.Status.SENT, sent_at__lte=cutoff
    ).delete()
    return deleted
