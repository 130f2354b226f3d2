"""Reads of the question desk: the queue, one question, the figures, and what the other apps
use (the knowledge site: ``answers_publishable``; the policy tracker: ``desk_indicator``)."""

from dataclasses import dataclass
from statistics import median

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from aanspreekpunt.accounts import roles

from .models import Message, Question
from .workdays import working_days_between

S = Question.Status
QUEUE_FILTERS = {
    "open": (S.RECEIVED, S.IN_PROGRESS, S.AWAITING_INFO),
    "received": (S.RECEIVED,),
    "in_progress": (S.IN_PROGRESS,),
    "awaiting_info": (S.AWAITING_INFO,),
    "answered": (S.ANSWERED,),
    "closed": (S.CLOSED,),
}


def question_queue(*, status: str = "open", assignee=None) -> QuerySet[Question]:
    """Confirmed questions for the coordinators, the longest waiting first."""
    questions = (
        Question.objects.filter(status__in=QUEUE_FILTERS.get(status, QUEUE_FILTERS["open"]))
        .select_related("assignee", "sector", "topic")
        .order_by("confirmed_at", "pk")
    )
    if assignee is not None:
        questions = questions.filter(assignee=assignee)
    return questions


def waited_working_days(question: Question, *, today=None) -> int | None:
    """Working days the question has waited for the contact point (None: it is not waiting)."""
    if question.waiting_since is None:
        return None
    today = today or timezone.localdate()
    return working_days_between(timezone.localdate(question.waiting_since), today)


BIGGEST_ID = 2**63 - 1


def question_for_coordinators_or_404(*, pk: int) -> Question:
    if pk > BIGGEST_ID:
        raise Http404
    question = (
        Question.objects.exclude(status=S.UNCONFIRMED)
        .select_related("assignee", "sector", "topic", "user")
        .prefetch_related(
            Prefetch("messages", queryset=Message.objects.select_related("author")),
            "attachments",
            "public_topics",
        )
        .filter(pk=pk)
        .first()
    )
    if question is None:
        raise Http404
    return question


def asker_messages(question: Question) -> list[Message]:
    """The conversation as the asker sees it: never the internal notes."""
    return [m for m in question.messages.all() if m.kind in Message.VISIBLE_TO_ASKER]


def questions_of_member(*, user) -> QuerySet[Question]:
    return (
        Question.objects.filter(user=user, erased_at__isnull=True)
        .exclude(status=S.UNCONFIRMED)
        .order_by("-created_at")
    )


def question_of_member_or_404(*, user, reference: str) -> Question:
    question = (
        questions_of_member(user=user)
        .prefetch_related("messages", "attachments")
        .filter(reference=reference)
        .first()
    )
    if question is None:
        raise Http404
    return question


def coordinators() -> QuerySet:
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.COORDINATORS)
        .order_by("first_name", "last_name", "pk")
        .distinct()
    )


# --- figures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeskFigures:
    per_month: list[tuple]  # (month as a date, number of questions)
    per_sector: list[tuple]  # (sector name or "", number)
    per_topic: list[tuple]  # (topic name or "", number)
    answered: int
    median_days_to_answer: float | None  # calendar days from confirmation to the answer


def desk_figures() -> DeskFigures:
    """Questions per month, sector and theme, and the median time to answer: four queries
    whatever the number of questions."""
    confirmed = Question.objects.filter(confirmed_at__isnull=False).order_by()
    per_month = list(
        confirmed.annotate(month=TruncMonth("confirmed_at"))
        .values_list("month")
        .annotate(total=Count("pk"))
        .order_by("-month")[:24]
    )
    per_sector = list(
        confirmed.values_list("sector__name").annotate(total=Count("pk")).order_by("-total")
    )
    per_topic = list(
        confirmed.values_list("topic__name").annotate(total=Count("pk")).order_by("-total")
    )
    durations = [
        (answered - asked).total_seconds() / 86400
        for asked, answered in confirmed.filter(answered_at__isnull=False).values_list(
            "confirmed_at", "answered_at"
        )
    ]
    return DeskFigures(
        per_month=per_month,
        per_sector=per_sector,
        per_topic=per_topic,
        answered=len(durations),
        median_days_to_answer=round(median(durations), 1) if durations else None,
    )


def desk_indicator() -> dict:
    """The live figure for the policy action "Realiseren van een intersectoraal aanspreekpunt
    onlinehulp" (Congres onlinehulp (2015)): for beleidsacties to register as an indicator."""
    figures = desk_figures()
    return {
        "key": "desk",
        "label": _("Questions answered by the contact point"),
        "value": figures.answered,
        "median_days_to_answer": figures.median_days_to_answer,
        "questions_per_month": [(month.date().isoformat(), n) for month, n in figures.per_month],
    }


def answers_publishable() -> QuerySet[Question]:
    """Answered questions whose public version a coordinator prepared, with the asker's
    consent and without personal data: what the knowledge site turns into FAQ drafts.
    ``faq_page_id`` is empty for those it has not taken yet."""
    return (
        Question.objects.filter(publication=Question.Publication.DRAFT)
        .only("pk", "public_title", "public_question", "public_answer", "faq_page_id")
        .prefetch_related("public_topics")
        .order_by("pk")
    )
