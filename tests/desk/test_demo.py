"""The demo content of the question desk and the step plan: through the services, twice safe."""

import pytest
from django.core.management import call_command

from aanspreekpunt.desk.models import Question
from aanspreekpunt.stepplan.models import StepProgress

pytestmark = pytest.mark.django_db


def test_the_demo_question_and_step_plan_are_seeded_once():
    call_command("seed_demo", "--app", "socialekaart", verbosity=0)
    for _ in range(2):
        call_command("seed_demo", "--app", "desk", "--app", "stepplan", verbosity=0)
    question = Question.objects.get()
    assert "(demo)" in question.subject
    assert question.status == Question.Status.ANSWERED
    assert question.publication == Question.Publication.DRAFT
    assert StepProgress.objects.count() == 3
    assert set(StepProgress.objects.values_list("note", flat=True)) == {
        "Demo-notitie: besproken op het directieoverleg."
    }
