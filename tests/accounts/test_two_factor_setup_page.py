"""Staff sent to set up two-factor authentication read why, and what comes, before the QR code."""

import time

import pytest
from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)

from aanspreekpunt.accounts import roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SET_UP = "/accounts/2fa/totp/activate/?next=/admin/"


def log_in_and_confirm_the_password(client, user) -> None:
    """Logged in, and the password confirmed again just now (allauth asks that before set-up)."""
    client.force_login(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "email": user.email, "reauthenticated": True}
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()


def set_up_page(client, user) -> str:
    log_in_and_confirm_the_password(client, user)
    response = client.get(SET_UP)
    assert response.status_code == 200
    return response.content.decode()


def test_staff_read_why_what_they_need_and_what_follows_before_the_qr_code(client):
    html = set_up_page(client, UserFactory(groups=[roles.EDITORS]))

    explanation = html.index("Waarom we dit van u vragen")
    assert "<h1>Tweestapsverificatie instellen</h1>" in html
    assert explanation < html.index("Wat u nodig hebt") < html.index("Wat er daarna gebeurt")
    assert "authenticatie-app" in html
    assert "herstelcodes" in html
    assert explanation < html.index('alt="QR-code om te scannen met uw authenticatie-app"')
    assert html.index("Wat er daarna gebeurt") < html.index('<form method="post"', explanation)


def test_a_member_who_sets_it_up_by_choice_is_not_told_it_is_required(client):
    html = set_up_page(client, UserFactory())

    assert "Waarom we dit van u vragen" not in html
    assert "Wat u nodig hebt" in html


def test_asked_for_their_password_first_staff_are_told_the_explanation_comes_next(client):
    client.force_login(UserFactory(groups=[roles.COORDINATORS]))
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/accounts/reauthenticate/")
    html = response.content.decode()
    assert "tweestapsverificatie in" in html
    assert "de volgende pagina legt uit waarom en hoe" in html


def test_the_password_page_says_nothing_of_two_factor_for_other_reasons(member_client):
    response = member_client.get("/accounts/reauthenticate/?next=/accounts/email/")
    assert "de volgende pagina legt uit" not in response.content.decode()
