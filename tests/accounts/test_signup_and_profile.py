import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from aanspreekpunt.accounts.models import CommunityRole, Profile
from aanspreekpunt.core.models import AuditEntry
from socialekaart.models import Sector
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sector():
    return Sector.objects.create(name="Ouderenzorg", slug="ouderenzorg", organisation_count=1233)


def test_signup_sends_a_dutch_verification_email_and_blocks_login_until_verified(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/signup/",
            {"email": "nieuw@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject.startswith("[Aanspreekpunt Onlinehulp]")
    assert "Bevestig" in message.subject or "bevestig" in message.body
    response = client.post("/accounts/login/", {"login": "nieuw@example.org", "password": PASSWORD})
    assert response["Location"] == "/accounts/confirm-email/"

    key_url = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    client.post(key_url.split("testserver", 1)[-1])
    assert EmailAddress.objects.get(email="nieuw@example.org").verified


def test_signup_with_a_taken_email_reveals_nothing_and_warns_the_owner(
    client, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/signup/",
            {"email": member.email, "password1": PASSWORD, "password2": PASSWORD},
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert EmailAddress.objects.filter(email=member.email).count() == 1


def test_mismatched_passwords_get_a_dutch_error_and_keep_the_email(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "nieuw@example.org", "password1": PASSWORD, "password2": PASSWORD + "x"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "telkens hetzelfde wachtwoord" in body or "wachtwoord" in body.lower()
    assert 'value="nieuw@example.org"' in body


def test_garbage_signup_input_is_an_error_not_a_crash(client):
    response = client.post("/accounts/signup/", {"email": "x" * 400, "password1": "a"})
    assert response.status_code == 200
    assert "form-errors" in response.content.decode() or "errorlist" in response.content.decode()


def test_failed_logins_are_rate_limited(client, member):
    for _ in range(5):
        client.post("/accounts/login/", {"login": member.email, "password": "fout"})
    response = client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert "Te veel inlogpogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_member_edits_profile_and_the_change_is_audited(member_client, member, sector):
    response = member_client.post(
        "/accounts/profiel/",
        {
            "first_name": "Noor",
            "last_name": "Peeters",
            "community_role": CommunityRole.PRACTITIONER,
            "sector": sector.pk,
            "organisation_name": "CAW Oost-Vlaanderen",
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.select_related("user", "sector").get(user=member)
    assert (profile.user.first_name, profile.sector, profile.organisation_name) == (
        "Noor",
        sector,
        "CAW Oost-Vlaanderen",
    )
    entry = AuditEntry.objects.get(action="accounts.profile.updated")
    assert entry.actor == member
    assert entry.changes["organisation_name"] == "CAW Oost-Vlaanderen"


def test_invalid_profile_input_is_refused_in_dutch_and_nothing_changes(member_client, member):
    response = member_client.post(
        "/accounts/profiel/",
        {"community_role": "astronaut", "sector": "999999", "organisation_name": "x" * 500},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Selecteer een geldige keuze" in body
    assert not AuditEntry.objects.exists()
    assert Profile.objects.get(user=member).organisation_name == ""


def test_unchanged_profile_writes_no_audit_entry(member_client):
    member_client.post("/accounts/profiel/", {})
    assert not AuditEntry.objects.exists()


def test_profile_shows_only_the_users_own_data(client):
    one, other = UserFactory(), UserFactory()
    Profile.objects.create(user=other, organisation_name="Geheime organisatie")
    client.force_login(one)
    assert "Geheime organisatie" not in client.get("/accounts/profiel/").content.decode()
