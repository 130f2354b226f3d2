"""tests/sessions.py builds the same session as a real sign-in through allauth's forms."""

import pytest
from allauth.account.authentication import get_authentication_records
from django.test import RequestFactory

from aanspreekpunt.accounts import roles
from tests.factories import PASSWORD, UserFactory
from tests.sessions import login
from tests.totp import TEST_TOTP_SECRET, totp_code

pytestmark = pytest.mark.django_db


def records_of(client, user) -> list[dict]:
    """The authentication records allauth reads from ``client``'s session for ``user``."""
    request = RequestFactory().get("/")
    request.session = client.session
    return get_authentication_records(request, user)


def without_times(records: list[dict]) -> list[dict]:
    return [{key: value for key, value in record.items() if key != "at"} for record in records]


def test_helper_session_with_two_factor_matches_a_real_sign_in_with_a_code(client):
    coordinator = UserFactory(groups=[roles.COORDINATORS], two_factor=True)
    response = client.post("/accounts/login/", {"login": coordinator.email, "password": PASSWORD})
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(TEST_TOTP_SECRET)})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == coordinator.pk
    real = records_of(client, coordinator)

    client.logout()
    login(client, coordinator, two_factor=True)
    helper = records_of(client, coordinator)

    assert [record["method"] for record in real] == ["password", "mfa"]
    assert without_times(helper) == without_times(real)


def test_helper_session_without_two_factor_matches_a_real_sign_in_with_a_password(client):
    member = UserFactory()
    client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert int(client.session["_auth_user_id"]) == member.pk
    real = records_of(client, member)

    client.logout()
    login(client, member, two_factor=False)

    assert [record["method"] for record in real] == ["password"]
    assert without_times(records_of(client, member)) == without_times(real)


def test_helper_without_two_factor_leaves_no_mfa_record_for_a_user_with_an_authenticator(client):
    coordinator = UserFactory(groups=[roles.COORDINATORS], two_factor=True)
    login(client, coordinator, two_factor=False)
    assert int(client.session["_auth_user_id"]) == coordinator.pk
    assert [record["method"] for record in records_of(client, coordinator)] == ["password"]
