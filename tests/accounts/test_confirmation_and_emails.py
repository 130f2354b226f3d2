"""Confirming the e-mail address logs a new member in; allauth's e-mails speak for the platform."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail

from tests.factories import PASSWORD, UserFactory
from tests.totp import TEST_TOTP_SECRET, totp_code

pytestmark = pytest.mark.django_db

CONFIRM_PATH = re.compile(r"/accounts/confirm-email/[^/\s]+/")
PLATFORM_NAME = "Aanspreekpunt Onlinehulp"


@pytest.fixture
def sign_up(client, django_capture_on_commit_callbacks):
    def sign_up(email: str, **headers):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/accounts/signup/",
                {"email": email, "password1": PASSWORD, "password2": PASSWORD},
                headers=headers,
            )
        assert response.status_code == 302
        return [message for message in mail.outbox if email in message.to][-1]

    return sign_up


def confirmation_path(message) -> str:
    return CONFIRM_PATH.search(message.body).group(0)


def test_confirming_the_address_logs_the_new_member_in(client, sign_up):
    path = confirmation_path(sign_up("nieuw.lid@example.org"))

    # Opening the link only shows the button: a mail scanner that follows links confirms
    # nothing and logs no one in.
    response = client.get(path)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert not EmailAddress.objects.get(email="nieuw.lid@example.org").verified

    response = client.post(path)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/profiel/"
    assert EmailAddress.objects.get(email="nieuw.lid@example.org").verified
    assert client.get("/accounts/profiel/").status_code == 200


def test_confirming_in_another_browser_confirms_but_does_not_log_in(client, sign_up):
    path = confirmation_path(sign_up("ander.toestel@example.org"))
    client.cookies.clear()  # the link opened on another device

    response = client.post(path)
    assert EmailAddress.objects.get(email="ander.toestel@example.org").verified
    assert response["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session


def test_staff_who_confirm_their_address_still_answer_their_code_before_the_back_office(
    client, django_capture_on_commit_callbacks
):
    editor = UserFactory(two_factor=True)
    editor.groups.add(Group.objects.get(name="Redacteurs"))
    EmailAddress.objects.filter(user=editor).update(verified=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/login/", {"login": editor.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/confirm-email/"

    response = client.post(confirmation_path(mail.outbox[-1]))
    assert EmailAddress.objects.get(email=editor.email).verified
    # allauth's login continues with the two-factor step; until it is answered the back
    # office stays shut.
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/admin/").status_code == 302
    assert not client.get("/admin/")["Location"].startswith("/admin/")

    response = client.post(
        "/accounts/2fa/authenticate/", {"code": totp_code(TEST_TOTP_SECRET)}, follow=True
    )
    assert client.get("/admin/").status_code == 200


def test_allauth_emails_greet_from_the_platform_not_from_the_requests_host(sign_up, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    settings.SITE_URL = "https://onlinehulp.example.be"

    message = sign_up("begroeting@example.org", host="127.0.0.1:8000")

    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    first_line = message.body.splitlines()[0]
    assert first_line == f"Hallo van {PLATFORM_NAME}!"
    assert "onlinehulp.example.be" in message.body
    # The links follow the address the member used (ALLOWED_HOSTS guards it); the words do not.
    words = re.sub(r"https?://\S+", "", message.body)
    for host in ("127.0.0.1", "example.com", "testserver"):
        assert host not in words, host
    assert message.subject == "[Aanspreekpunt Onlinehulp] Bevestig uw e-mailadres"


def test_the_password_reset_email_also_greets_from_the_platform(
    client, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": member.email})
    (message,) = mail.outbox
    assert message.body.splitlines()[0] == f"Hallo van {PLATFORM_NAME}!"
    assert "testserver" not in message.body.split("http", 1)[0]
    assert " je " not in f" {message.body} "
    assert settings.ACCOUNT_EMAIL_SUBJECT_PREFIX in message.subject
