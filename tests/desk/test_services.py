"""The question desk's pipeline: every step audited, e-mailed, and refused out of turn."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.models import AuditEntry, OutboundEmail
from aanspreekpunt.desk import publishing, selectors, services
from aanspreekpunt.desk.models import ERASED, Message, Question
from aanspreekpunt.desk.workdays import belgian_holidays, easter, working_days_between
from tests.factories import UserFactory

from .conftest import ASKER, ask, confirmed, emails_to

pytestmark = pytest.mark.django_db
S = Question.Status


def test_a_question_waits_for_the_address_to_be_confirmed(coordinator):
    question = ask()
    assert question.status == S.UNCONFIRMED
    assert question.reference.startswith(f"AP-{timezone.localdate().year}-")
    [email] = emails_to(ASKER["email"])
    assert "/vraag/bevestigen/" in email.body
    assert emails_to(coordinator.email) == []  # not in the queue yet
    assert selectors.question_queue().count() == 0


def test_confirming_puts_it_in_the_queue_and_tells_asker_and_coordinators(coordinator):
    question = confirmed()
    assert question.status == S.RECEIVED
    assert question.waiting_since is not None
    received = emails_to(ASKER["email"])[-1]
    assert question.reference in received.subject
    assert "/vraag/opvolgen/" in received.body
    assert question.reference in emails_to(coordinator.email)[0].subject
    assert list(selectors.question_queue()) == [question]


def test_a_question_can_be_confirmed_once(coordinator):
    question = confirmed()
    with pytest.raises(DomainError):
        services.question_confirm(question=question)


def test_a_member_asking_with_their_own_verified_address_skips_the_confirmation(coordinator):
    member = UserFactory(email="lid@zorgpunt.example")
    question = services.question_ask(data={**ASKER, "email": "LID@zorgpunt.example"}, user=member)
    assert question.status == S.RECEIVED
    assert question.user == member
    assert not any("/bevestigen/" in e.body for e in OutboundEmail.objects.all())


def test_the_whole_pipeline_is_audited_and_e_mailed(coordinator, colleague):
    question = confirmed()
    services.question_assign(
        question=question, actor=coordinator, assignee=colleague, expected_assignee_id=None
    )
    assert emails_to(colleague.email)[-1].subject.startswith("Vraag")
    services.question_request_info(question=question, actor=colleague, text="Welke tool?")
    question.refresh_from_db()
    assert question.status == S.AWAITING_INFO
    assert question.waiting_since is None
    services.question_reply(question=question, text="We gebruiken een beveiligde tool.")
    question.refresh_from_db()
    assert question.status == S.IN_PROGRESS
    assert question.waiting_since is not None
    services.question_note(question=question, actor=coordinator, text="Intern: GDPR checken")
    services.question_answer(question=question, actor=colleague, text="U bent gedekt als ...")
    services.question_close(question=question, actor=colleague)
    question.refresh_from_db()
    assert question.status == S.CLOSED
    actions = list(
        AuditEntry.objects.filter(object_type="desk.question", object_id=str(question.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "desk.question.asked",
        "desk.question.confirmed",
        "desk.question.assigned",
        "desk.question.info_requested",
        "desk.question.info_received",
        "desk.question.noted",
        "desk.question.answered",
        "desk.question.closed",
    ]
    to_asker = emails_to(ASKER["email"])
    # confirm, received, information asked, answer, closed: never the internal note
    assert len(to_asker) == 5
    assert all("GDPR checken" not in e.body + e.html_body for e in to_asker)
    assert "U bent gedekt als" in to_asker[3].body
    # the audit log keeps no personal data of the asker
    assert not AuditEntry.objects.filter(changes__icontains="Noor").exists()


@pytest.mark.parametrize(
    "move",
    [
        lambda q, c: services.question_answer(question=q, actor=c, text="Nog eens"),
        lambda q, c: services.question_request_info(question=q, actor=c, text="?"),
        lambda q, c: services.question_reply(question=q, text="Ongevraagd"),
        lambda q, c: services.question_close(question=q, actor=c),
    ],
)
def test_a_closed_question_refuses_every_move_out_of_turn(coordinator, move):
    question = confirmed()
    services.question_close(question=question, actor=coordinator)
    with pytest.raises(DomainError):
        move(question, coordinator)


def test_an_empty_text_is_refused(coordinator):
    question = confirmed()
    with pytest.raises(DomainError):
        services.question_answer(question=question, actor=coordinator, text="   ")


def test_assigning_after_someone_else_did_says_who_has_it(coordinator, colleague):
    question = confirmed()
    services.question_assign(
        question=question, actor=colleague, assignee=colleague, expected_assignee_id=None
    )
    with pytest.raises(DomainError) as error:
        services.question_assign(
            question=question, actor=coordinator, assignee=coordinator, expected_assignee_id=None
        )
    assert "Kobe" in str(error.value.message)
    question.refresh_from_db()
    assert question.assignee == colleague
    assert question.status == S.IN_PROGRESS


def test_only_a_coordinator_can_be_assigned(coordinator):
    question = confirmed()
    with pytest.raises(DomainError):
        services.question_assign(
            question=question,
            actor=coordinator,
            assignee=UserFactory(),
            expected_assignee_id=None,
        )


# --- publication ---------------------------------------------------------------------------


def answered(coordinator, **kwargs):
    question = confirmed(**kwargs)
    services.question_answer(
        question=question, actor=coordinator, text="Noor, de regels van vandaag zeggen ..."
    )
    return question


def test_the_proposal_takes_the_askers_details_out(coordinator, topic):
    question = answered(coordinator, topic=topic)
    question = selectors.question_for_coordinators_or_404(pk=question.pk)
    proposal = services.publication_proposal(question)
    assert "Noor" not in proposal["answer"]
    assert proposal["answer"].startswith("…, de regels van vandaag")
    assert proposal["topics"] == [topic]


def test_publication_needs_the_askers_consent(coordinator):
    question = answered(coordinator, consent=False)
    with pytest.raises(DomainError) as error:
        services.question_prepare_publication(
            question=question,
            actor=coordinator,
            title="Aansprakelijkheid",
            question_text="Vraag",
            answer_text="Antwoord",
            topics=[],
        )
    assert "toestemming" in str(error.value.message)


def test_publication_refuses_personal_data_left_in_the_text(coordinator):
    question = answered(coordinator)
    with pytest.raises(DomainError) as error:
        services.question_prepare_publication(
            question=question,
            actor=coordinator,
            title="Aansprakelijkheid",
            question_text="Vraag van Zorgpunt Oost",
            answer_text="Antwoord",
            topics=[],
        )
    assert "Zorgpunt Oost" in str(error.value.message)
    question.refresh_from_db()
    assert question.publication == ""


def test_a_prepared_entry_is_publishable_and_handed_to_the_knowledge_site(
    coordinator, topic, monkeypatch
):
    made = []
    monkeypatch.setattr(publishing, "_maker", [lambda entry: made.append(entry) or 4242])
    question = answered(coordinator, topic=topic)
    services.question_prepare_publication(
        question=question,
        actor=coordinator,
        title="Aansprakelijkheid bij videobellen",
        question_text="Is een organisatie aansprakelijk voor advies via videobellen?",
        answer_text="De regels van vandaag zeggen ...",
        topics=[topic],
    )
    question.refresh_from_db()
    assert question.faq_page_id == 4242
    assert made[0].topic_slugs == ("deontologie-en-privacy",)
    assert "Noor" not in repr(made[0])
    assert list(selectors.answers_publishable()) == [question]


def test_without_a_knowledge_site_hook_the_entry_waits(coordinator, monkeypatch):
    monkeypatch.setattr(publishing, "_maker", [])
    question = answered(coordinator)
    services.question_prepare_publication(
        question=question,
        actor=coordinator,
        title="Aansprakelijkheid",
        question_text="Vraag",
        answer_text="Antwoord",
        topics=[],
    )
    [entry] = selectors.answers_publishable()
    assert entry.faq_page_id is None
    assert entry.public_title == "Aansprakelijkheid"


# --- service levels --------------------------------------------------------------------------


def test_easter_falls_where_the_calendar_has_it():
    assert [easter(year) for year in (2024, 2026, 2027, 2038)] == [
        date(2024, 3, 31),
        date(2026, 4, 5),
        date(2027, 3, 28),
        date(2038, 4, 25),
    ]


def test_belgian_holidays_are_not_working_days():
    assert date(2026, 4, 6) in belgian_holidays(2026)  # Easter Monday
    assert date(2026, 5, 14) in belgian_holidays(2026)  # Ascension
    assert date(2026, 7, 21) in belgian_holidays(2026)
    # Friday 17 July to Wednesday 22 July 2026: Mon 20 and Wed 22; Tue 21 is the holiday
    assert working_days_between(date(2026, 7, 17), date(2026, 7, 22)) == 2
    assert working_days_between(date(2026, 7, 22), date(2026, 7, 17)) == 0


def at(day: date, hour: int = 10):
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def test_reminders_go_to_the_assignee_after_5_and_the_coordinators_after_10_working_days(
    coordinator, colleague
):
    question = confirmed()
    services.question_assign(
        question=question, actor=coordinator, assignee=colleague, expected_assignee_id=None
    )
    # Thursday 16 July 2026; 21 July is a holiday
    Question.objects.filter(pk=question.pk).update(waiting_since=at(date(2026, 7, 16)))
    OutboundEmail.objects.all().delete()

    assert services.questions_remind(now=at(date(2026, 7, 23))) == {
        "assignees": 0,
        "coordinators": 0,
    }  # 4 working days
    assert services.questions_remind(now=at(date(2026, 7, 24))) == {
        "assignees": 1,
        "coordinators": 0,
    }
    assert services.questions_remind(now=at(date(2026, 7, 27))) == {
        "assignees": 0,
        "coordinators": 0,
    }  # once
    assert services.questions_remind(now=at(date(2026, 7, 31))) == {
        "assignees": 0,
        "coordinators": 1,
    }
    assert len(emails_to(colleague.email)) == 2  # as assignee, and as a coordinator
    assert len(emails_to(coordinator.email)) == 1
    assert "werkdagen" in emails_to(coordinator.email)[0].subject


def test_a_question_waiting_for_the_asker_is_not_reminded(coordinator):
    question = confirmed()
    services.question_request_info(question=question, actor=coordinator, text="Welke tool?")
    later = timezone.now() + timedelta(days=60)
    assert services.questions_remind(now=later) == {"assignees": 0, "coordinators": 0}


# --- erasure --------------------------------------------------------------------------------


def test_personal_data_are_erased_24_months_after_closing(coordinator):
    question = confirmed()
    services.question_reply  # noqa: B018 (the reply form is tested in the views)
    services.question_answer(question=question, actor=coordinator, text="Dag Noor, ...")
    services.question_close(question=question, actor=coordinator)
    recent = ask(subject="Nog niet bevestigd")
    now = timezone.now()
    assert services.questions_erase_expired(now=now + timedelta(days=700)) == 1  # unconfirmed
    assert not Question.objects.filter(pk=recent.pk).exists()
    question.refresh_from_db()
    assert question.erased_at is None
    assert services.questions_erase_expired(now=now + timedelta(days=731)) == 1
    question.refresh_from_db()
    assert (question.name, question.email, question.organisation_name) == (ERASED, "", "")
    assert question.body == ERASED
    assert set(Message.objects.values_list("body", flat=True)) == {ERASED}
    assert question.sector_id is None or question.sector  # figures keep sector and theme


# --- figures --------------------------------------------------------------------------------


def test_figures_per_month_sector_theme_and_median_time_to_answer(coordinator, sector, topic):
    for days in (1, 3, 8):
        question = confirmed(sector=sector, topic=topic)
        services.question_answer(question=question, actor=coordinator, text="Antwoord")
        Question.objects.filter(pk=question.pk).update(
            answered_at=question.confirmed_at + timedelta(days=days)
        )
    confirmed()  # not answered, no sector
    figures = selectors.desk_figures()
    assert sum(total for _, total in figures.per_month) == 4
    assert ("Ouderenzorg", 3) in figures.per_sector
    assert (None, 1) in figures.per_sector
    assert ("Deontologie en privacy", 3) in figures.per_topic
    assert figures.median_days_to_answer == pytest.approx(3.0, abs=0.1)
    indicator = selectors.desk_indicator()
    assert indicator["value"] == 3
    assert indicator["median_days_to_answer"] == pytest.approx(3.0, abs=0.1)


@pytest.mark.parametrize("count", [10, 500])
def test_the_figures_cost_the_same_queries_however_many_questions(
    django_assert_max_num_queries, sector, count
):
    now = timezone.now()
    Question.objects.bulk_create(
        Question(
            reference=f"AP-T-{n}",
            name="x",
            email="x@example.org",
            subject="s",
            body="b",
            sector=sector,
            status=S.ANSWERED,
            confirmed_at=now - timedelta(days=n % 40),
            answered_at=now,
        )
        for n in range(count)
    )
    with django_assert_max_num_queries(4):
        selectors.desk_figures()
