"""Two coordinators who take the same question at the same moment: one gets it."""

import pytest

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.models import AuditEntry
from aanspreekpunt.desk import services
from aanspreekpunt.desk.models import Message, Question
from tests.factories import UserFactory
from tests.threads import needs_postgresql, run_at_once

from .conftest import confirmed

pytestmark = [
    needs_postgresql,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("role_groups_restored"),
]

THREADS = 8


def test_of_coordinators_taking_a_question_at_once_one_gets_it():
    coordinators = [UserFactory(groups=[roles.COORDINATORS]) for _ in range(THREADS)]
    question = confirmed()

    def take(index):
        return services.question_assign(
            question=Question(pk=question.pk),
            actor=coordinators[index],
            assignee=coordinators[index],
            expected_assignee_id=None,
        )

    results = run_at_once(take, THREADS)
    won = [r for r in results if isinstance(r, Question)]
    lost = [r for r in results if isinstance(r, DomainError)]
    assert len(won) == 1
    assert len(lost) == THREADS - 1
    question.refresh_from_db()
    assert question.assignee == won[0].assignee
    name = won[0].assignee.get_full_name()
    assert [str(error.message) for error in lost] == [str(lost[0].message)] * len(lost)
    assert name in str(lost[0].message), str(lost[0].message)
    assert AuditEntry.objects.filter(action="desk.question.assigned").count() == 1


def test_an_answer_and_a_close_at_once_leave_one_consistent_question():
    coordinator = UserFactory(groups=[roles.COORDINATORS])
    question = confirmed()

    def move(index):
        if index % 2:
            return services.question_close(question=Question(pk=question.pk), actor=coordinator)
        return services.question_answer(
            question=Question(pk=question.pk), actor=coordinator, text=f"Antwoord {index}"
        )

    results = run_at_once(move, 4)
    assert all(isinstance(r, Message | Question | DomainError) for r in results), results
    answers = [r for r in results if isinstance(r, Message)]
    closes = [r for r in results if isinstance(r, Question)]
    # one answer at most (an answered question takes no second one), one close at most
    assert len(answers) <= 1
    assert len(closes) <= 1
    question.refresh_from_db()
    assert question.messages.filter(kind="answer").count() == len(answers)
    assert question.status == (Question.Status.CLOSED if closes else Question.Status.ANSWERED)
