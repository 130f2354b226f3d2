"""An asker's questions in a member's export and deletion (registered in ``DeskConfig``)."""

from django.db.models import Q

from aanspreekpunt.core.contributions import DataSubject

from .models import Question


def _questions(subject: DataSubject):
    """Asked under the account, or with one of its addresses (in any case)."""
    query = Q(user=subject.user)
    for email in subject.emails:
        query |= Q(email__iexact=email)
    return Question.objects.filter(query)


def records(user):
    """Questions asked under the account or with its address (the audit entries about them
    belong to the member)."""
    return [Question.objects.filter(Q(user=user) | Q(email__iexact=user.email))]


def questions_export(subject: DataSubject) -> list[dict]:
    return [
        {
            "reference": question.reference,
            "status": question.get_status_display(),
            "asked_at": question.created_at,
            "name": question.name,
            "email": question.email,
            "organisation": question.organisation_name,
            "subject": question.subject,
            "question": question.body,
            "consent_to_publish": question.consent_to_publish,
            "messages": [
                {"when": m.created_at, "kind": m.get_kind_display(), "text": m.body}
                for m in question.messages.all()
                if m.kind in m.VISIBLE_TO_ASKER
            ],
            "attachments": [a.filename for a in question.attachments.all()],
        }
        for question in _questions(subject).prefetch_related("messages", "attachments")
    ]


def questions_erase(subject: DataSubject) -> dict[str, int]:
    from .services import question_erase

    count = 0
    for question in _questions(subject):
        question_erase(question=question)
        count += 1
    return {"questions": count}
