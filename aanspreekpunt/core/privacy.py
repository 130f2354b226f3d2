"""The member's personal data in core's tables, the audit log and the e-mail queue: their
part of the export and of an account's deletion (registered in ``CoreConfig.ready()``).

The audit log is history and is never rewritten: when a member deletes their account its
entries stay, with a pseudonym where the member was. What changed stays visible; the
personal values do not. The e-mail queue is no history: copies of e-mails to or about the
member go.
"""

import json
import re
from email.utils import parseaddr

from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils.html import escape

from .contributions import DataSubject
from .models import AuditEntry, OutboundEmail

REMOVED = "[verwijderd]"


def audit_entries_export(subject: DataSubject) -> list[dict]:
    """The entries of what the member did, and of what was done to their rows."""
    entries = AuditEntry.objects.filter(Q(actor=subject.user) | _about(subject))
    return [
        {
            "when": entry.created_at,
            "action": entry.action,
            "object_type": entry.object_type,
            "object": entry.object_repr,
            "changes": entry.changes,
            "by_you": entry.actor_id == subject.user.pk,
        }
        for entry in entries.order_by("created_at", "pk")
    ]


def emails_export(subject: DataSubject) -> list[dict]:
    """The e-mails the platform sent, or is about to send, to one of the member's addresses."""
    return [
        {
            "created_at": email.created_at,
            "sent_at": email.sent_at,
            "status": email.get_status_display(),
            "to": [address for address in email.to if _address(address) in subject.emails],
            "subject": email.subject,
            "text": email.body,
        }
        for email in _addressed_to(subject)
    ]


def audit_entries_erase(subject: DataSubject) -> dict[str, int]:
    """Put the pseudonym where the member was: as the actor, as the object of entries about
    their rows (whose values are removed), and wherever their address or name was written."""
    by_member = AuditEntry.objects.filter(actor=subject.user).update(
        actor=None, actor_pseudonym=subject.pseudonym
    )
    about = list(AuditEntry.objects.filter(_about(subject)))
    for entry in about:
        entry.object_repr = subject.pseudonym
        entry.changes = (
            dict.fromkeys(entry.changes, REMOVED) if isinstance(entry.changes, dict) else {}
        )
    mentioning = list(
        AuditEntry.objects.annotate(changes_text=Cast("changes", TextField()))
        .filter(_mentioning(["object_repr", "changes_text"], subject.identifiers))
        .exclude(pk__in=[entry.pk for entry in about])
    )
    for entry in mentioning:
        entry.object_repr = scrub(entry.object_repr, subject)[:255]
        entry.changes = scrub_json(entry.changes, subject)
    AuditEntry.objects.bulk_update(about + mentioning, ["object_repr", "changes"], batch_size=500)
    return {"by_member": by_member, "about_member": len(about), "mentioning": len(mentioning)}


def emails_erase(subject: DataSubject) -> dict[str, int]:
    """Remove the copies of e-mails to the member, and of e-mails that mention them (a
    notification to coordinators quotes what the member wrote); an e-mail also addressed to
    others keeps going to them, without the member's address."""
    deleted = recipient_removed = 0
    for email in _addressed_to(subject):
        others = [address for address in email.to if _address(address) not in subject.emails]
        if others:
            email.to = others
            email.save(update_fields=["to"])
            recipient_removed += 1
        else:
            email.delete()
            deleted += 1
    fields = ["subject", "body", "html_body"]
    mentioning, _ = OutboundEmail.objects.filter(_mentioning(fields, subject.identifiers)).delete()
    return {
        "deleted": deleted + mentioning,
        "recipient_removed": recipient_removed,
    }


def scrub(text: str, subject: DataSubject) -> str:
    """``text`` with every address and name of the member replaced by their pseudonym."""
    for identifier in subject.identifiers:
        for form in _written_forms(identifier):
            text = re.sub(re.escape(form), lambda _: subject.pseudonym, text, flags=re.I)
    return text


def scrub_json(value, subject: DataSubject):
    """``scrub`` applied to every string in a JSON value (keys included)."""
    if isinstance(value, str):
        return scrub(value, subject)
    if isinstance(value, list):
        return [scrub_json(item, subject) for item in value]
    if isinstance(value, dict):
        return {scrub(key, subject): scrub_json(item, subject) for key, item in value.items()}
    return value


def _about(subject: DataSubject) -> Q:
    """Entries about one of the member's rows (``subject.records``)."""
    pks_by_type: dict[str, list[str]] = {}
    for object_type, pk in subject.records:
        pks_by_type.setdefault(object_type, []).append(pk)
    query = Q(pk__in=[])
    for object_type, pks in pks_by_type.items():
        query |= Q(object_type=object_type, object_id__in=pks)
    return query


def _written_forms(text: str) -> set[str]:
    """``text`` as it may be stored: as such, escaped in JSON (SQLite keeps JSON with
    ``\\u`` escapes) and escaped in HTML."""
    return {text, json.dumps(text)[1:-1], escape(text)}


def _mentioning(fields: list[str], identifiers: tuple[str, ...]) -> Q:
    """Rows with one of ``identifiers`` in one of the text ``fields``: a scan of the table,
    acceptable for a deletion, which is rare."""
    query = Q(pk__in=[])
    for field in fields:
        for identifier in identifiers:
            for form in _written_forms(identifier):
                query |= Q(**{f"{field}__icontains": form})
    return query


def _address(recipient: str) -> str:
    return parseaddr(recipient)[1].lower()


def _addressed_to(subject: DataSubject) -> list[OutboundEmail]:
    candidates = (
        OutboundEmail.objects.annotate(to_text=Cast("to", TextField()))
        .filter(_mentioning(["to_text"], subject.emails))
        .order_by("created_at", "pk")
    )
    wanted = set(subject.emails)
    return [email for email in candidates if wanted & {_address(a) for a in email.to}]
