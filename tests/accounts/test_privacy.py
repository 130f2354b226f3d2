"""A member downloads all their data and deletes their account; staff are deactivated.

``EXAMPLES`` creates one example of every kind of personal data that the registered apps
export (core.contributions). An app that registers a new exporter adds its example here;
until it does, ``test_every_registered_exporter_has_an_example`` fails. The deletion test
then scans every table of the platform for what identifies the member.
"""

import json
from dataclasses import dataclass

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.mail import EmailMessage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from aanspreekpunt.accounts import roles
from aanspreekpunt.accounts.models import Profile
from aanspreekpunt.accounts.services import (
    DEACTIVATED,
    ERASED,
    account_delete,
    account_export,
    profile_update,
)
from aanspreekpunt.core.contributions import DELETED_MEMBER, personal_data_exporters
from aanspreekpunt.core.models import AuditEntry, OutboundEmail
from aanspreekpunt.core.services import audit_record, email_enqueue_message
from socialekaart import services as map_services
from socialekaart.models import ModerationEvent, Offering, Organisation, Representation
from tests.factories import PASSWORD, UserFactory
from tests.totp import TEST_TOTP_SECRET

pytestmark = pytest.mark.django_db

FIRST_NAME, LAST_NAME = "Zoë", "Vergeetmijniet"
FULL_NAME = f"{FIRST_NAME} {LAST_NAME}"
EMAIL = "zoe.vergeet@example.org"
SECOND_EMAIL = "tweede.adres@example.net"
PROFILE_ORGANISATION = "Vzw De Stille Lijn"
FUNCTION = "Ik coördineer de chatwerking en plan de permanenties."  # free text the member wrote
OFFERING = "Chat voor jonge mantelzorgers"
EMAIL_SUBJECT = "Uw vraag aan het aanspreekpunt"
IDENTIFYING = [EMAIL, SECOND_EMAIL, FULL_NAME, LAST_NAME, PROFILE_ORGANISATION, FUNCTION]


@dataclass
class World:
    member: object
    coordinator: object
    organisation: Organisation

    def coordinator_forum(self):
        """The coordinator, with a forum profile (the forum's example)."""
        from aanspreekpunt.forum.models import ForumProfile

        ForumProfile.objects.get_or_create(
            user=self.coordinator,
            defaults={"handle": "coordinator", "display_name": "Coördinator", "approved_posts": 9},
        )
        return self.coordinator


# --- one example of every kind of personal data, per exporter name ----------------------------


def example_account(world: World) -> str:
    return EMAIL


def example_profile(world: World) -> str:
    profile_update(
        user=world.member,
        actor=world.member,
        data={"community_role": "practitioner", "organisation_name": PROFILE_ORGANISATION},
    )
    return PROFILE_ORGANISATION


def example_email_addresses(world: World) -> str:
    EmailAddress.objects.create(user=world.member, email=SECOND_EMAIL, verified=False)
    return SECOND_EMAIL


def example_two_factor(world: World) -> str:
    TOTP.activate(world.member, TEST_TOTP_SECRET)
    return '"enabled": true'


def example_representations(world: World) -> str:
    # one approved, and one for a new organisation that nobody has decided on yet
    request = map_services.representation_request(
        user=world.member, organisation=world.organisation, motivation=FUNCTION
    )
    map_services.representation_decide(
        representation=request, actor=world.coordinator, approve=True, note="Welkom"
    )
    map_services.representation_request(
        user=world.member, proposed_name="Vzw Nieuwe Lijn", motivation=FUNCTION
    )
    return FUNCTION


def example_submitted_offerings(world: World) -> str:
    offering = map_services.offering_create(
        organisation=world.organisation, actor=world.member, data={"name": OFFERING}
    )
    map_services.offering_submit(offering=offering, actor=world.member)
    return OFFERING


def example_correction_reports(world: World) -> str:
    offering = Offering.objects.create(
        organisation=world.organisation, name="Luisterlijn", slug="luisterlijn", is_public=True
    )
    map_services.correction_report(
        offering=offering,
        text="De chat is sinds maart gesloten.",
        reporter_email=EMAIL,
        reporter=world.member,
    )
    return "De chat is sinds maart gesloten."


def example_audit_entries(world: World) -> str:
    return "socialekaart.representation.approved"  # about the member, by the coordinator


FORUM_POST = "Bij ons sluit de chat na tien minuten stilte."  # what the member wrote stays


def example_forum_posts(world: World) -> str:
    from aanspreekpunt.forum import services as forum_services
    from aanspreekpunt.forum.models import Category

    # the member's display name is their full name: it must go with the account
    forum_services.profile_save(user=world.member, handle="zoe-v", display_name=FULL_NAME)
    type(world.member.forum_profile).objects.filter(user=world.member).update(approved_posts=2)
    thread = forum_services.thread_create(
        user=world.coordinator_forum(),
        category=Category.objects.get(slug="chathulp"),
        title="Hoe sluiten jullie af?",
        body="Graag jullie ervaring.",
    )
    reply = forum_services.reply_create(user=world.member, thread=thread, body=FORUM_POST)
    forum_services.follow_set(user=world.member, thread=thread, mode="digest")
    forum_services.post_report(user=world.member, post=thread.posts.first(), reason="Test")
    forum_services.useful_mark(user=world.coordinator, post=reply)
    return FORUM_POST


def example_emails(world: World) -> str:
    message = EmailMessage(subject=EMAIL_SUBJECT, body=f"Beste {FIRST_NAME}", to=[EMAIL])
    email_enqueue_message(message=message)
    return EMAIL_SUBJECT


def example_desk_questions(world: World) -> str:
    from aanspreekpunt.desk import services as desk_services

    question = desk_services.question_ask(
        user=world.member,
        data={
            "name": FULL_NAME,
            "email": EMAIL,
            "organisation_name": PROFILE_ORGANISATION,
            "subject": "Aansprakelijkheid bij videobellen",
            "body": FUNCTION,
        },
    )
    desk_services.question_answer(question=question, actor=world.coordinator, text="Ja.")
    return "Aansprakelijkheid bij videobellen"


def example_step_plan_notes(world: World) -> str:
    from aanspreekpunt.stepplan import services as step_services
    from aanspreekpunt.stepplan.models import Step

    step_services.step_progress_set(
        organisation=world.organisation,
        step=Step.objects.get(number=1),
        actor=world.member,
        data={"state": "done", "note": f"Visie besproken met {FULL_NAME}"},
    )
    return "Visie besproken met"


def example_progress_updates(world: World) -> str:
    # beleidsacties: an update the member wrote while they were a coordinator
    from beleidsacties import services as tracker_services
    from beleidsacties.models import Action

    action = Action.objects.get(plan__is_primary=True, number=6)
    tracker_services.update_add(
        action=action, actor=world.member, data={"text": "Overleg met de koepels opgestart."}
    )
    return "Overleg met de koepels opgestart."


def example_registrations(world: World) -> str:
    # one for a session still to come (its place goes to the waiting list on deletion), one
    # made without an account under the member's address, and one of a session held
    from datetime import timedelta

    from django.utils import timezone

    from vorming import services as training

    start = timezone.now() + timedelta(days=10)
    upcoming = training.session_create(
        data={
            "kind": "training_day",
            "title": "Vormingsdag privacy",
            "start": start,
            "end": start + timedelta(hours=3),
            "place": "Gent",
            "capacity": 1,
        },
        actor=world.coordinator,
    )
    data = {
        "name": FULL_NAME,
        "email": EMAIL,
        "organisation": PROFILE_ORGANISATION,
        "function": "director",
    }
    training.registration_create(session=upcoming, data=data, user=world.member)
    training.registration_create(
        session=upcoming,
        data={**data, "email": "wachtende@example.org", "name": "Wachter", "organisation": "X"},
    )
    other = training.session_create(
        data={
            "kind": "training_day",
            "title": "Andere vormingsdag",
            "start": start,
            "end": start + timedelta(hours=3),
            "place": "Gent",
            "capacity": 5,
        },
        actor=world.coordinator,
    )
    training.registration_create(session=other, data=data)  # no account, same address
    return PROFILE_ORGANISATION


def example_bookmarks(world: World) -> str:
    from aanspreekpunt.bookmarks.services import bookmark_add

    offering = Offering.objects.create(
        organisation=world.organisation, name="Bewaarde chat", slug="bewaarde-chat", is_public=True
    )
    bookmark_add(user=world.member, kind="aanbod", object_id=str(offering.pk))
    return f'"object": "{offering.pk}"'


EXAMPLES = {
    "account": example_account,
    "profile": example_profile,
    "email_addresses": example_email_addresses,
    "two_factor": example_two_factor,
    "representations": example_representations,
    "submitted_offerings": example_submitted_offerings,
    "correction_reports": example_correction_reports,
    "audit_entries": example_audit_entries,
    "emails": example_emails,
    "desk_questions": example_desk_questions,
    "step_plan_notes": example_step_plan_notes,
    "progress_updates": example_progress_updates,
    "forum_posts": example_forum_posts,
    "registrations": example_registrations,
    "bookmarks": example_bookmarks,
}


@pytest.fixture
def world():
    return World(
        member=UserFactory(email=EMAIL, first_name=FIRST_NAME, last_name=LAST_NAME),
        coordinator=UserFactory(groups=[roles.COORDINATORS]),
        organisation=Organisation.objects.create(name="Tele-Onthaal", slug="tele-onthaal"),
    )


@pytest.fixture
def markers(world) -> dict[str, str]:
    """Every kind of personal data, created in the order the exporters run."""
    return {
        exporter.name: EXAMPLES[exporter.name](world)
        for exporter in personal_data_exporters
        if exporter.name in EXAMPLES
    }


def as_json(value) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)


def personal_data_left(texts: list[str]) -> list[str]:
    """Where any of ``texts`` is still stored, in every text and JSON column of every table."""
    found = []
    for model in apps.get_models():
        fields = [
            field
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.JSONField)
        ]
        if not fields:
            continue
        for row in model._base_manager.values_list(*(field.attname for field in fields)):
            for field, value in zip(fields, row, strict=True):
                stored = value if isinstance(value, str) else as_json(value)
                found += [
                    f"{model._meta.label}.{field.name}: {text}"
                    for text in texts
                    if text.casefold() in stored.casefold()
                ]
    return found


def sessions_of(user_pk) -> list[str]:
    return [
        session.session_key
        for session in Session.objects.all()
        if session.get_decoded().get("_auth_user_id") == str(user_pk)
    ]


# --- export -------------------------------------------------------------------------------------


def test_every_registered_exporter_has_an_example():
    missing = {exporter.name for exporter in personal_data_exporters} - EXAMPLES.keys()
    assert not missing, f"Add an example of this personal data to EXAMPLES: {sorted(missing)}"


def test_the_export_holds_every_kind_of_personal_data_and_no_secret(world, markers):
    export = account_export(user=world.member)
    assert list(export["data"]) == [exporter.name for exporter in personal_data_exporters]
    for name, marker in markers.items():
        assert marker in as_json(export["data"][name]), name
    everything = as_json(export)
    assert TEST_TOTP_SECRET not in everything
    assert world.member.password not in everything
    assert export["data"]["two_factor"]["methods"][0]["type"] == "totp"


def test_the_export_tells_the_members_own_entries_from_those_about_them(world, markers):
    entries = account_export(user=world.member)["data"]["audit_entries"]
    by_action = {entry["action"]: entry["by_you"] for entry in entries}
    assert by_action["socialekaart.representation.requested"] is True
    assert by_action["socialekaart.representation.approved"] is False


def test_the_export_leaves_out_other_peoples_e_mails(world, markers):
    email_enqueue_message(
        message=EmailMessage(subject="Voor iemand anders", body="-", to=["ander@example.org"])
    )
    subjects = [email["subject"] for email in account_export(user=world.member)["data"]["emails"]]
    assert EMAIL_SUBJECT in subjects
    assert "Voor iemand anders" not in subjects


@pytest.mark.parametrize("count", [1, 30])
def test_the_export_makes_the_same_queries_however_much_data(
    world, markers, django_assert_max_num_queries, count
):
    for number in range(count):
        audit_record(actor=world.member, action="example.done", obj=world.organisation)
        email_enqueue_message(
            message=EmailMessage(subject=f"Bericht {number}", body="-", to=[EMAIL])
        )
    # 13 for the accounts, the service map and core; 2 for the service map's reported
    # errors (their export and their records); 5 for the question desk (questions, their
    # messages and attachments, the records) and the step plan (notes); 1 for the policy
    # tracker's updates; 6 for the forum (profile, posts, follows, "nuttig" marks, reports
    # and its records for the audit entries); 2 for the training registrations (the rows
    # about the member and their export); 1 for the bookmarks
    with django_assert_max_num_queries(13 + 2 + 5 + 1 + 6 + 2 + 1):
        account_export(user=world.member)


# --- deletion ----------------------------------------------------------------------------------


def test_deleting_a_member_leaves_nothing_that_identifies_them(world, markers, client):
    member_pk = world.member.pk
    client.force_login(world.member)
    # the coordinator wrote the member's name in an organisation's audited description
    audit_record(
        actor=world.coordinator,
        action="socialekaart.organisation.updated",
        obj=world.organisation,
        changes={"description": f"Contact: {FULL_NAME}"},
    )
    assert len(personal_data_left(IDENTIFYING)) > 5  # the scan finds what is there

    assert account_delete(user=world.member, actor=world.member) == ERASED

    assert personal_data_left(IDENTIFYING) == []
    assert sessions_of(member_pk) == []
    assert not get_user_model().objects.filter(pk=member_pk).exists()
    assert not EmailAddress.objects.filter(user_id=member_pk).exists()
    assert not Authenticator.objects.filter(user_id=member_pk).exists()
    assert not Profile.objects.filter(user_id=member_pk).exists()


def test_after_deletion_history_stays_with_a_pseudonym(world, markers):
    entries_by_member = AuditEntry.objects.filter(actor=world.member).count()
    account_delete(user=world.member, actor=world.member)

    erased = AuditEntry.objects.get(action="accounts.user.erased")
    pseudonym = erased.actor_pseudonym
    assert pseudonym.startswith(f"{DELETED_MEMBER} #")
    assert erased.object_repr == pseudonym
    assert erased.changes["representations.withdrawn"] == 1
    assert erased.changes["account.email_addresses"] == 2
    # every entry by the member stays, by the same pseudonym (one more: the deletion itself)
    by_member = AuditEntry.objects.filter(actor_pseudonym=pseudonym)
    assert by_member.count() == entries_by_member + 1
    assert not by_member.exclude(actor=None).exists()
    profile_entry = AuditEntry.objects.get(action="accounts.profile.updated")
    assert profile_entry.changes == {
        "community_role": "[verwijderd]",
        "organisation_name": "[verwijderd]",
    }


def test_after_deletion_requests_and_offerings_stay_without_the_member(world, markers):
    account_delete(user=world.member, actor=world.member)
    statuses = sorted(Representation.objects.values_list("status", "user", "motivation"))
    assert statuses == [
        (Representation.Status.APPROVED, None, ""),
        (Representation.Status.WITHDRAWN, None, ""),
    ]
    offering = Offering.objects.get(name=OFFERING)
    assert offering.moderation_state == Offering.Moderation.SUBMITTED
    submitted = ModerationEvent.objects.get(offering=offering)
    assert submitted.actor is None
    assert str(Representation.objects.first()).startswith("verwijderd lid: ")


def test_after_deletion_the_forum_posts_stay_as_verwijderd_lid(world, markers, client):
    from aanspreekpunt.forum.models import Follow, ForumProfile, Post, Useful

    account_delete(user=world.member, actor=world.member)
    post = Post.objects.get(body=FORUM_POST)
    assert post.author is None
    assert not ForumProfile.objects.filter(handle="zoe-v").exists()
    assert not Follow.objects.filter(thread=post.thread, mode="digest").exists()
    assert Useful.objects.filter(post=post).count() == 1  # the coordinator's mark stays
    page = client.get(post.thread.get_absolute_url()).content.decode()
    assert FORUM_POST in page
    assert DELETED_MEMBER in page


def test_an_e_mail_to_several_people_keeps_going_to_the_others(world, markers):
    email_enqueue_message(
        message=EmailMessage(subject="Nieuws", body="-", to=[EMAIL, "collega@example.org"])
    )
    account_delete(user=world.member, actor=world.member)
    assert OutboundEmail.objects.get(subject="Nieuws").to == ["collega@example.org"]


def test_a_coordinator_is_deactivated_and_keeps_their_name(world, client):
    coordinator = world.coordinator
    client.force_login(coordinator)
    assert account_delete(user=coordinator, actor=coordinator) == DEACTIVATED
    coordinator.refresh_from_db()
    assert not coordinator.is_active
    assert EmailAddress.objects.filter(user=coordinator).exists()
    assert sessions_of(coordinator.pk) == []
    entry = AuditEntry.objects.get(action="accounts.user.deactivated")
    assert entry.actor == coordinator


# --- pages ---------------------------------------------------------------------------------------


def test_the_download_is_the_members_own_json_and_never_cached(world, markers, client):
    client.force_login(world.member)
    response = client.get("/accounts/profiel/mijn-gegevens.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="mijn-gegevens-')
    assert response["Cache-Control"] == "private, no-store"
    data = json.loads(response.content)["data"]
    assert data["account"]["email"] == EMAIL
    assert FUNCTION in response.content.decode()


def test_visitors_are_sent_to_log_in_for_the_download_and_the_deletion(client):
    for path in ["/accounts/profiel/mijn-gegevens.json", "/accounts/profiel/verwijderen/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")


def test_the_profile_page_links_to_the_download_the_deletion_and_the_privacy_page(member_client):
    body = member_client.get("/accounts/profiel/").content.decode()
    for path in ["/accounts/profiel/mijn-gegevens.json", "/accounts/profiel/verwijderen/"]:
        assert f'href="{path}"' in body
    assert 'href="/privacy/"' in body


def test_a_wrong_password_keeps_the_account_with_a_dutch_error(member_client, member):
    response = member_client.post("/accounts/profiel/verwijderen/", {"password": "fout"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "form-errors" in body
    assert "Ongeldig wachtwoord" in body
    assert get_user_model().objects.filter(pk=member.pk).exists()


def test_an_empty_password_is_a_dutch_error_not_a_crash(member_client, member):
    response = member_client.post("/accounts/profiel/verwijderen/", {})
    assert response.status_code == 200
    assert "Dit is een verplicht veld" in response.content.decode()
    assert get_user_model().objects.filter(pk=member.pk).exists()


def test_password_guesses_are_limited(member_client, member):
    for _ in range(10):
        member_client.post("/accounts/profiel/verwijderen/", {"password": "fout"})
    response = member_client.post("/accounts/profiel/verwijderen/", {"password": PASSWORD})
    assert "Te veel pogingen" in response.content.decode()
    assert get_user_model().objects.filter(pk=member.pk).exists()


def test_a_member_deletes_their_account_and_is_logged_out(member_client, member):
    page = member_client.get("/accounts/profiel/verwijderen/").content.decode()
    assert "Mijn account verwijderen" in page
    assert "verwijderd lid" in page
    response = member_client.post("/accounts/profiel/verwijderen/", {"password": PASSWORD})
    assert response["Location"] == "/accounts/verwijderd/"
    confirmation = member_client.get("/accounts/verwijderd/").content.decode()
    assert "Uw account is verwijderd" in confirmation
    assert not get_user_model().objects.filter(pk=member.pk).exists()
    assert member_client.get("/accounts/profiel/").status_code == 302
    # shown once: reloading the confirmation goes home
    assert member_client.get("/accounts/verwijderd/")["Location"] == "/"


def test_staff_are_told_their_account_is_deactivated_not_erased(client):
    editor = UserFactory(groups=[roles.EDITORS])
    client.force_login(editor)
    page = client.get("/accounts/profiel/verwijderen/").content.decode()
    assert "gedeactiveerd, niet gewist" in page
    client.post("/accounts/profiel/verwijderen/", {"password": PASSWORD})
    assert "Uw account is gedeactiveerd" in client.get("/accounts/verwijderd/").content.decode()
    editor.refresh_from_db()
    assert not editor.is_active


def test_the_privacy_page_is_linked_from_every_page_and_links_to_both_rights(client):
    assert 'href="/privacy/"' in client.get("/").content.decode()
    response = client.get("/privacy/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Hoe lang" in body
    assert "30 dagen" in body
    assert "Sjabloontekst" in body
    for path in ["/accounts/profiel/mijn-gegevens.json", "/accounts/profiel/verwijderen/"]:
        assert f'href="{path}"' in body
