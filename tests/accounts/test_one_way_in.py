"""There is one way to sign in: allauth's pages, with their limits, e-mail verification and
two-factor step. Wagtail's own login and password reset routes lead there or are gone."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.hashers import get_hasher
from django.contrib.auth.models import Group

from aanspreekpunt.accounts import roles
from socialekaart.models import Organisation, Representation
from tests.factories import PASSWORD, UserFactory
from tests.sessions import login
from tests.totp import TEST_TOTP_SECRET, totp_code

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/admin/login/", "/_util/login/"])
def test_wagtails_login_routes_never_sign_anyone_in(client, path):
    coordinator = UserFactory(groups=[roles.COORDINATORS], two_factor=True)
    response = client.post(path, {"username": coordinator.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session
    assert client.get("/sociale-kaart/moderatie/")["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("path", ["/admin/login/", "/_util/login/"])
def test_wagtails_login_routes_keep_a_local_next_and_drop_a_foreign_one(client, path):
    response = client.get(path, {"next": "/admin/pages/"})
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fpages%2F"
    response = client.get(path, {"next": "https://elders.example/"})
    assert response["Location"] == "/accounts/login/"


def test_an_unverified_sign_up_cannot_get_in_through_the_back_office_login(client):
    user = UserFactory(verified=False)
    user.emailaddress_set.update(verified=False)
    client.post("/admin/login/", {"username": user.email, "password": PASSWORD})
    client.post("/_util/login/", {"username": user.email, "password": PASSWORD})
    response = client.post(
        "/sociale-kaart/mijn-organisatie/aanvragen/",
        {"organisation_name": "Nieuwe vzw", "message": "x"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Representation.objects.exists()
    assert not Organisation.objects.filter(name="Nieuwe vzw").exists()


def test_wagtails_own_password_reset_is_turned_off(client, mailoutbox):
    user = UserFactory(groups=[roles.EDITORS])
    response = client.post("/admin/password_reset/", {"email": user.email})
    assert response.status_code == 404
    assert mailoutbox == []


def test_staff_sign_in_with_password_and_code_and_then_reach_staff_pages(client):
    coordinator = UserFactory(groups=[roles.COORDINATORS], two_factor=True)
    response = client.post(
        "/accounts/login/", {"login": coordinator.email, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0].startswith("/accounts/2fa/authenticate/")
    # Password alone: signed in as far as allauth's stage, not yet as staff.
    assert client.get("/sociale-kaart/moderatie/").status_code == 302
    response = client.post(
        "/accounts/2fa/authenticate/", {"code": totp_code(TEST_TOTP_SECRET)}, follow=True
    )
    assert response.status_code == 200
    assert client.get("/sociale-kaart/moderatie/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_a_code_at_re_authentication_restores_staff_privileges(client):
    coordinator = UserFactory(groups=[roles.COORDINATORS], two_factor=True)
    client.force_login(coordinator)
    response = client.get("/sociale-kaart/moderatie/")
    assert response["Location"] == "/accounts/2fa/reauthenticate/?next=/sociale-kaart/moderatie/"
    response = client.post(response["Location"], {"code": totp_code(TEST_TOTP_SECRET)})
    assert response.status_code == 302
    assert response["Location"] == "/sociale-kaart/moderatie/"
    assert client.get("/sociale-kaart/moderatie/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_setting_up_the_authenticator_counts_as_two_factor_for_this_session(client):
    # Transactional: allauth announces the new authenticator once its row is committed. An
    # earlier transactional test may have flushed the migrated role groups.
    Group.objects.get_or_create(name=roles.COORDINATORS)
    coordinator = UserFactory(groups=[roles.COORDINATORS])
    client.post("/accounts/login/", {"login": coordinator.email, "password": PASSWORD})
    assert client.get("/sociale-kaart/moderatie/").status_code == 302
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    response = client.get("/accounts/2fa/totp/activate/")
    secret = response.context["form"].secret
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=coordinator, type="totp").exists()
    assert client.get("/sociale-kaart/moderatie/").status_code == 200


def test_a_coordinator_without_a_two_factor_session_manages_no_other_organisation(client):
    coordinator = UserFactory(groups=[roles.COORDINATORS], two_factor=True)
    organisation = Organisation.objects.create(name="Andere vzw", slug="andere-vzw")
    url = f"/sociale-kaart/mijn-organisatie/{organisation.slug}/"
    client.force_login(coordinator)
    assert client.get(url).status_code == 404
    response = client.post(url, {"name": "Overgenomen"})
    assert response.status_code == 404
    organisation.refresh_from_db()
    assert organisation.name == "Andere vzw"
    login(client, coordinator, two_factor=True)
    assert client.get(url).status_code == 200


def test_a_superuser_without_a_two_factor_session_is_no_coordinator(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    organisation = Organisation.objects.create(name="Andere vzw", slug="andere-vzw")
    client.force_login(admin)
    url = f"/sociale-kaart/mijn-organisatie/{organisation.slug}/"
    assert client.get(url).status_code == 404
    assert client.get("/sociale-kaart/moderatie/")["Location"].startswith("/accounts/2fa/")


def _hashes_during_login(client, monkeypatch, email):
    hasher = get_hasher()
    calls = []
    original = type(hasher).encode

    def counting(self, password, salt, *args, **kwargs):
        calls.append(email)
        return original(self, password, salt, *args, **kwargs)

    monkeypatch.setattr(type(hasher), "encode", counting)
    client.post("/accounts/login/", {"login": email, "password": "Niet-het-wachtwoord-1"})
    monkeypatch.undo()
    return len(calls)


def test_a_failed_login_costs_the_same_hashing_for_known_and_unknown_addresses(
    client, monkeypatch, member
):
    known = _hashes_during_login(client, monkeypatch, member.email)
    unknown = _hashes_during_login(client, monkeypatch, "niemand@example.org")
    assert known == unknown == 1


def test_login_limits_count_per_client_behind_the_proxy(client, settings, member):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for _ in range(10):
        client.post(
            "/accounts/login/",
            {"login": f"x{_}@example.org", "password": "fout-fout-fout"},
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    blocked = client.post(
        "/accounts/login/",
        {"login": "y@example.org", "password": "fout-fout-fout"},
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert "Te veel inlogpogingen" in blocked.content.decode()
    # Another visitor behind the same proxy is not locked out by the first one's attempts.
    response = client.post(
        "/accounts/login/",
        {"login": member.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.4",
    )
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(member.pk)
