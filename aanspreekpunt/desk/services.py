"""Writes of the question desk: each one atomic, audited, its e-mails in the outbox.

The status pipeline (``TRANSITIONS``): a question is *unconfirmed* until the asker follows
the link in the first e-mail, then *received*; a coordinator takes it (*in progress*), may
ask the asker for more (*waiting for more information*, until the asker answers through
the signed link), answers it (*answered*) and closes it (*closed*). Each write locks the
question first, so of two simultaneous moves the second sees the first.
"""

import re
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aanspreekpunt.accounts import roles
from aanspreekpunt.accounts.roles import user_has_role
from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.services import audit_record, email_enqueue_each
from socialekaart.selectors import coordinator_emails

from . import messages as msg
from . import publishing, tokens
from .models import ERASED, Attachment, Message, Question, new_secret
from .workdays import working_days_between

S = Question.Status
OPEN = (S.RECEIVED, S.IN_PROGRESS, S.AWAITING_INFO)
TRANSITIONS = {
    "confirm": (S.UNCONFIRMED,),
    "assign": OPEN,
    "request_info": (S.RECEIVED, S.IN_PROGRESS),
    "reply": (S.AWAITING_INFO,),
    "answer": OPEN,
    "close": (*OPEN, S.ANSWERED),
    "note": (*OPEN, S.ANSWERED, S.CLOSED),
    "prepare_publication": (S.ANSWERED, S.CLOSED),
}
ASSIGNEE_REMINDER_DAYS = 5
COORDINATOR_REMINDER_DAYS = 10
ERASE_AFTER = timedelta(days=730)  # 24 months after closing
UNCONFIRMED_KEPT = tokens.MAX_AGE[tokens.CONFIRM]


def link(name: str, **kwargs) -> str:
    return settings.SITE_URL + reverse(name, kwargs=kwargs)


def follow_link(question: Question) -> str:
    return link("desk:follow", token=tokens.token_for(question, tokens.FOLLOW))


def reply_link(question: Question) -> str:
    return link("desk:reply", token=tokens.token_for(question, tokens.REPLY))


def _notice(to, *, subject: str, lines: list[str], quote: str = "", url: str = "", label=""):
    """One e-mail of the desk (templates/emails/desk_notice), to each address separately."""
    return email_enqueue_each(
        to=[address for address in to if address],
        template="desk_notice",
        context={"subject": subject, "lines": lines, "quote": quote, "url": url, "label": label},
    )


def _locked(question: Question, action: str) -> Question:
    """The stored question, locked until the transaction ends, if ``action`` may happen."""
    # No joins: after waiting for the lock PostgreSQL re-reads the locked row only, so a
    # joined assignee would be the one from before the wait.
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.erased_at is not None or question.status not in TRANSITIONS[action]:
        raise DomainError(
            msg.NOT_POSSIBLE % {"status": question.get_status_display()}, code="conflict"
        )
    return question


def _text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(msg.TEXT_REQUIRED)
    return text


def _audit(actor, question: Question, action: str, **changes) -> None:
    # Never the asker's name, address or text: the audit log outlives the erasure.
    audit_record(actor=actor, action=f"desk.question.{action}", obj=question, changes=changes)


# --- the asker ---------------------------------------------------------------------------


@transaction.atomic
def question_ask(*, data: dict, user=None, attachment=None) -> Question:
    """Store a question from cleaned form ``data``. A member who asks with one of their own
    verified addresses is confirmed at once; anyone else first gets the confirmation link."""
    question = Question(
        user=user if getattr(user, "is_authenticated", False) else None,
        name=data["name"],
        email=data["email"].strip(),
        organisation_name=data.get("organisation_name", ""),
        sector=data.get("sector"),
        topic=data.get("topic"),
        subject=data["subject"],
        body=data["body"],
        consent_to_publish=bool(data.get("consent_to_publish")),
    )
    question.full_clean(exclude=["reference"], validate_constraints=False)
    question.save()
    question.reference = f"AP-{timezone.localdate().year}-{question.pk:05d}"
    question.save(update_fields=["reference"])
    if attachment is not None:
        attachment_add(question=question, upload=attachment)
    _audit(
        question.user,
        question,
        "asked",
        sector=str(question.sector or ""),
        topic=str(question.topic or ""),
    )
    if question.user is not None and _own_verified_address(question.user, question.email):
        return question_confirm(question=question)
    _notice(
        [question.email],
        subject=_("Confirm your question to the contact point"),
        lines=[
            _("You asked the contact point for online help a question: “%(subject)s”.")
            % {"subject": question.subject},
            _(
                "Confirm your e-mail address with the link below within 7 days; we only "
                "handle your question after that. Did you not ask a question? Then ignore "
                "this e-mail."
            ),
        ],
        url=link("desk:confirm", token=tokens.token_for(question, tokens.CONFIRM)),
        label=_("Confirm my question"),
    )
    return question


def _own_verified_address(user, email: str) -> bool:
    return user.emailaddress_set.filter(email__iexact=email, verified=True).exists()


@transaction.atomic
def question_confirm(*, question: Question) -> Question:
    """The asker's address is confirmed: the question joins the queue, the asker gets the
    reference number and the link to follow it, the coordinators are told."""
    question = _locked(question, "confirm")
    now = timezone.now()
    question.status = S.RECEIVED
    question.confirmed_at = question.waiting_since = now
    question.save(update_fields=["status", "confirmed_at", "waiting_since"])
    _audit(question.user, question, "confirmed")
    _notice(
        [question.email],
        subject=_("Your question %(reference)s was received") % {"reference": question.reference},
        lines=[
            _("Thank you. Your question has reference number %(reference)s.")
            % {"reference": question.reference},
            _(
                "A coordinator of the contact point takes it up. Follow its status with the "
                "link below; keep this e-mail, the link is personal."
            ),
        ],
        url=follow_link(question),
        label=_("Follow my question"),
    )
    _notice(
        coordinator_emails(),
        subject=_("New question %(reference)s") % {"reference": question.reference},
        lines=[_("A new question is waiting in the queue: “%(subject)s”.") % question.__dict__],
        url=link("desk:handle", pk=question.pk),
        label=_("Open the question"),
    )
    return question


@transaction.atomic
def question_reply(*, question: Question, text: str, user=None, attachment=None) -> Message:
    """The asker sends the information a coordinator asked for (through the signed link)."""
    text = _text(text)
    question = _locked(question, "reply")
    message = Message(question=question, kind=Message.Kind.INFO_REPLY, body=text)
    if getattr(user, "is_authenticated", False):
        message.author = user
    message.full_clean(validate_constraints=False)
    message.save()
    if attachment is not None:
        attachment_add(question=question, upload=attachment)
    question.status = S.IN_PROGRESS
    question.waiting_since = timezone.now()
    question.assignee_reminded_at = question.coordinators_reminded_at = None
    question.save(
        update_fields=[
            "status",
            "waiting_since",
            "assignee_reminded_at",
            "coordinators_reminded_at",
        ]
    )
    _audit(message.author, question, "info_received")
    _notice(
        [question.assignee.email] if question.assignee else coordinator_emails(),
        subject=_("More information for question %(reference)s")
        % {"reference": question.reference},
        lines=[_("The asker sent the information you asked for.")],
        url=link("desk:handle", pk=question.pk),
        label=_("Open the question"),
    )
    return message


def attachment_add(*, question: Question, upload) -> Attachment:
    """Keep a checked upload (``forms.checked_attachment``) as a private file."""
    return Attachment.objects.create(
        question=question,
        file=upload,
        filename=upload.name[:200],
        content_type=getattr(upload, "checked_content_type", "application/octet-stream"),
        size=upload.size,
    )


# --- the coordinators --------------------------------------------------------------------


@transaction.atomic
def question_assign(*, question: Question, actor, assignee, expected_assignee_id) -> Question:
    """Give the question to ``assignee`` (the actor or a colleague).

    ``expected_assignee_id`` is who the actor saw it with: when someone else changed the
    assignment in the meantime, nothing happens and the actor is told who has it now. Two
    coordinators who take the same question at once: one gets it."""
    if assignee is None or not user_has_role(assignee, roles.COORDINATORS):
        raise DomainError(msg.NOT_A_COORDINATOR)
    question = _locked(question, "assign")
    if question.assignee_id != expected_assignee_id:
        raise DomainError(
            msg.ALREADY_ASSIGNED
            % {"name": question.assignee.get_full_name() if question.assignee else "—"},
            code="conflict",
        )
    question.assignee = assignee
    question.assignee_reminded_at = None
    if question.status == S.RECEIVED:
        question.status = S.IN_PROGRESS
    question.save(update_fields=["assignee", "assignee_reminded_at", "status"])
    _audit(actor, question, "assigned", assignee=assignee.get_full_name() or str(assignee.pk))
    if assignee.pk != getattr(actor, "pk", None):
        _notice(
            [assignee.email],
            subject=_("Question %(reference)s was assigned to you")
            % {"reference": question.reference},
            lines=[
                _("%(name)s gave you the question “%(subject)s”.")
                % {"name": actor.get_full_name(), "subject": question.subject}
            ],
            url=link("desk:handle", pk=question.pk),
            label=_("Open the question"),
        )
    return question


@transaction.atomic
def question_request_info(*, question: Question, actor, text: str) -> Message:
    """Ask the asker for more information; they answer through a signed link to a form."""
    text = _text(text)
    question = _locked(question, "request_info")
    message = Message.objects.create(
        question=question, kind=Message.Kind.INFO_REQUEST, author=actor, body=text
    )
    question.status = S.AWAITING_INFO
    question.waiting_since = None
    question.save(update_fields=["status", "waiting_since"])
    _audit(actor, question, "info_requested")
    _notice(
        [question.email],
        subject=_("Question %(reference)s: we need more information")
        % {"reference": question.reference},
        lines=[
            _("To answer your question, the contact point asks you the following:"),
        ],
        quote=text,
        url=reply_link(question),
        label=_("Send the information"),
    )
    return message


@transaction.atomic
def question_answer(*, question: Question, actor, text: str) -> Message:
    text = _text(text)
    question = _locked(question, "answer")
    message = Message.objects.create(
        question=question, kind=Message.Kind.ANSWER, author=actor, body=text
    )
    question.status = S.ANSWERED
    question.answered_at = timezone.now()
    question.waiting_since = None
    if question.assignee is None:
        question.assignee = actor
    question.save(update_fields=["status", "answered_at", "waiting_since", "assignee"])
    _audit(actor, question, "answered")
    _notice(
        [question.email],
        subject=_("The answer to your question %(reference)s") % {"reference": question.reference},
        lines=[_("The contact point answered your question “%(subject)s”:") % question.__dict__],
        quote=text,
        url=follow_link(question),
        label=_("Read it online"),
    )
    return message


@transaction.atomic
def question_close(*, question: Question, actor) -> Question:
    question = _locked(question, "close")
    question.status = S.CLOSED
    question.closed_at = timezone.now()
    question.waiting_since = None
    question.save(update_fields=["status", "closed_at", "waiting_since"])
    _audit(actor, question, "closed")
    _notice(
        [question.email],
        subject=_("Your question %(reference)s is closed") % {"reference": question.reference},
        lines=[
            _(
                "The contact point closed your question. Your personal data are erased 24 "
                "months after closing."
            )
        ],
        url=follow_link(question),
        label=_("Follow my question"),
    )
    return question


@transaction.atomic
def question_note(*, question: Question, actor, text: str) -> Message:
    """An internal note: coordinators only, never shown or sent to the asker."""
    text = _text(text)
    question = _locked(question, "note")
    message = Message.objects.create(
        question=question, kind=Message.Kind.NOTE, author=actor, body=text
    )
    _audit(actor, question, "noted")
    if question.assignee and question.assignee.pk != actor.pk:
        _notice(
            [question.assignee.email],
            subject=_("Note on question %(reference)s") % {"reference": question.reference},
            lines=[_("%(name)s added an internal note.") % {"name": actor.get_full_name()}],
            url=link("desk:handle", pk=question.pk),
            label=_("Open the question"),
        )
    return message


def personal_data_in(question: Question, texts) -> list[str]:
    """The asker's details that occur in ``texts``: address, name (or its last part),
    organisation."""
    candidates = [question.email, question.name, question.organisation_name]
    candidates += [part for part in question.name.split() if len(part) > 3]
    joined = "\n".join(texts).casefold()
    return [c for c in dict.fromkeys(candidates) if c and c.casefold() in joined]


def publication_proposal(question: Question) -> dict:
    """A first public text: the question and answer with the asker's details taken out."""
    answer = next(
        (m.body for m in reversed(question.messages.all()) if m.kind == Message.Kind.ANSWER),
        "",
    )

    def strip(text: str) -> str:
        for found in personal_data_in(question, [text]):
            text = re.sub(re.escape(found), "…", text, flags=re.I)
        return text

    return {
        "title": strip(question.subject),
        "question": strip(question.body),
        "answer": strip(answer),
        "topics": [question.topic] if question.topic else [],
    }


@transaction.atomic
def question_prepare_publication(
    *, question: Question, actor, title: str, question_text: str, answer_text: str, topics
) -> Question:
    """Keep the public version of an answered question and hand it to the knowledge site as
    a draft FAQ entry (``publishing``); only with consent, never with personal data."""
    question = _locked(question, "prepare_publication")
    if not question.consent_to_publish:
        raise DomainError(msg.NO_CONSENT, code="conflict")
    texts = [_text(title), _text(question_text), _text(answer_text)]
    found = personal_data_in(question, texts)
    if found:
        raise DomainError(msg.PERSONAL_DATA_LEFT % {"found": ", ".join(found)})
    question.public_title, question.public_question, question.public_answer = texts
    question.publication = Question.Publication.DRAFT
    question.full_clean(validate_constraints=False)
    question.save()
    question.public_topics.set(topics)
    maker = publishing.faq_draft_maker()
    if maker is not None and question.faq_page_id is None:
        question.faq_page_id = maker(faq_entry(question))
        question.save(update_fields=["faq_page_id"])
    _audit(actor, question, "publication_prepared", faq_page=str(question.faq_page_id or ""))
    _notice(
        [question.email],
        subject=_("Your question %(reference)s helps others") % {"reference": question.reference},
        lines=[
            _(
                "As you agreed, the contact point prepares your question and its answer as a "
                "frequently asked question on the knowledge site, without your name, address "
                "or organisation. An editor checks it before it is published."
            )
        ],
    )
    return question


def faq_entry(question: Question) -> publishing.FaqEntry:
    return publishing.FaqEntry(
        question_id=question.pk,
        title=question.public_title,
        question=question.public_question,
        answer=question.public_answer,
        topic_slugs=tuple(topic.slug for topic in question.public_topics.all()),
    )


# --- erasure and reminders ---------------------------------------------------------------


def question_erase(*, question: Question) -> Question:
    """Take the asker's personal data out of the question (its public version stays): for an
    account's deletion, and 24 months after closing. Attachments are deleted with their
    files; every link the asker had stops working."""
    for attachment in question.attachments.all():
        attachment.file.delete(save=False)
        attachment.delete()
    question.messages.update(body=ERASED)
    question.name = question.subject = question.body = ERASED
    question.email = question.organisation_name = ""
    question.user = None
    question.secret = new_secret()
    question.erased_at = timezone.now()
    question.save()
    _audit(None, question, "erased")
    return question


@transaction.atomic
def questions_erase_expired(*, now=None) -> int:
    """Erase what askers wrote and who they are, 24 months after closing; questions never
    confirmed go after the confirmation link expired."""
    now = now or timezone.now()
    unconfirmed, _ = Question.objects.filter(
        status=S.UNCONFIRMED, created_at__lt=now - UNCONFIRMED_KEPT
    ).delete()
    expired = Question.objects.filter(
        status=S.CLOSED, closed_at__lt=now - ERASE_AFTER, erased_at__isnull=True
    )
    count = 0
    for question in expired.select_for_update():
        question_erase(question=question)
        count += 1
    return count + unconfirmed


@transaction.atomic
def questions_remind(*, now=None) -> dict[str, int]:
    """Remind the assignee after 5 working days without a move, the coordinators after 10
    (Belgian holidays excluded); each once until the question moves again."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    waiting = (
        Question.objects.select_for_update(of=("self",))
        .filter(status__in=(S.RECEIVED, S.IN_PROGRESS), waiting_since__isnull=False)
        .filter(Q(assignee_reminded_at__isnull=True) | Q(coordinators_reminded_at__isnull=True))
        .select_related("assignee")
    )
    assignees = coordinators = 0
    for question in waiting:
        days = working_days_between(timezone.localdate(question.waiting_since), today)
        changed = []
        if (
            days >= ASSIGNEE_REMINDER_DAYS
            and question.assignee
            and not question.assignee_reminded_at
        ):
            _reminder([question.assignee.email], question, days)
            question.assignee_reminded_at = now
            changed.append("assignee_reminded_at")
            assignees += 1
        if days >= COORDINATOR_REMINDER_DAYS and not question.coordinators_reminded_at:
            _reminder(coordinator_emails(), question, days)
            question.coordinators_reminded_at = now
            changed.append("coordinators_reminded_at")
            coordinators += 1
        if changed:
            question.save(update_fields=changed)
            _audit(None, question, "reminded", working_days=str(days))
    return {"assignees": assignees, "coordinators": coordinators}


def _reminder(to, question: Question, days: int) -> None:
    _notice(
        to,
        subject=_("Question %(reference)s has waited %(days)s working days")
        % {"reference": question.reference, "days": days},
        lines=[
            _("The question “%(subject)s” has waited %(days)s working days for an answer.")
            % {"subject": question.subject, "days": days}
        ],
        url=link("desk:handle", pk=question.pk),
        label=_("Open the question"),
    )
