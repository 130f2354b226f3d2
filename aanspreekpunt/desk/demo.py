"""Demo content of the question desk: one question of the demo member, answered by the demo
coordinator and prepared as an FAQ entry. Our own words, marked as demo; no rule of law is
stated in it. Running ``seed`` again adds nothing."""

from django.db import transaction

from aanspreekpunt.accounts import roles
from aanspreekpunt.accounts.demo import DEMO_ACCOUNTS, demo_account
from aanspreekpunt.topics.selectors import topics_by_slug

from . import services
from .models import Question

SUBJECT = "Advies via videobellen en e-mail: waar moeten we op letten? (demo)"
BODY = (
    "Demo-inhoud. Onze zorgorganisatie wil medisch advies geven via videobellen en e-mail. "
    "Welke afspraken maken we best over verantwoordelijkheid, toestemming en het bewaren "
    "van wat we schrijven?"
)
ANSWER = (
    "Demo-antwoord. Leg vast wie advies geeft, via welk kanaal en binnen welke grenzen; "
    "vraag de cliënt om toestemming en noteer die; bewaar gesprekken zoals u een dossier "
    "bewaart. Toets de regels die vandaag gelden bij uw koepel of juridische dienst."
)
MEMBER_EMAIL = next(email for email, groups, *_ in DEMO_ACCOUNTS if roles.MEMBERS in groups)
COORDINATOR_EMAIL = next(
    email for email, groups, *_ in DEMO_ACCOUNTS if roles.COORDINATORS in groups
)


@transaction.atomic
def seed() -> list[str]:
    if Question.objects.filter(subject=SUBJECT).exists():
        return ["  Demovraag bestaat al."]
    member = demo_account(MEMBER_EMAIL)
    coordinator = demo_account(COORDINATOR_EMAIL)
    topics = list(topics_by_slug(slugs=["deontologie-en-privacy"]))
    question = services.question_ask(
        user=member,
        data={
            "name": member.get_full_name(),
            "email": member.email,
            "organisation_name": "Zorgorganisatie (demo)",
            "topic": topics[0] if topics else None,
            "subject": SUBJECT,
            "body": BODY,
            "consent_to_publish": True,
        },
    )
    if question.status == Question.Status.UNCONFIRMED:
        question = services.question_confirm(question=question)
    services.question_assign(
        question=question, actor=coordinator, assignee=coordinator, expected_assignee_id=None
    )
    services.question_answer(question=question, actor=coordinator, text=ANSWER)
    services.question_prepare_publication(
        question=question,
        actor=coordinator,
        title="Advies via videobellen en e-mail (demo)",
        question_text=BODY,
        answer_text=ANSWER,
        topics=topics,
    )
    return [f"  Demovraag {question.reference}: beantwoord en klaar als veelgestelde vraag."]
