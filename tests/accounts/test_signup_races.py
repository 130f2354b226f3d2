"""Simultaneous sign-ups with one e-mail address end as sign-ups one after the other do:
one account, one confirmation e-mail, and the page "check your e-mail" for every request,
never a 500."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client

from aanspreekpunt.core.models import OutboundEmail
from tests.factories import PASSWORD
from tests.threads import needs_postgresql, run_at_once

pytestmark = [
    needs_postgresql,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("role_groups_restored"),
]

SIGNUPS = 10
EMAIL = "nieuw@example.org"


@pytest.fixture
def no_signup_rate_limit(settings):
    """allauth counts sign-ups per IP address under a lock in the cache; a request that
    waits more than a second for that lock is answered 429 (too many requests), which
    simultaneous test requests from one address may see on a busy machine."""
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": ""}


def test_simultaneous_signups_with_one_address_make_one_account_and_no_error(
    no_signup_rate_limit,
):
    # A failing request answers 500 instead of raising: the test client hears of exceptions
    # through a signal that every thread's client receives.
    clients = [Client(raise_request_exception=False) for _ in range(SIGNUPS)]
    post = {"email": EMAIL, "password1": PASSWORD, "password2": PASSWORD}

    responses = run_at_once(lambda index: clients[index].post("/accounts/signup/", post), SIGNUPS)

    assert [r.status_code for r in responses] == [302] * SIGNUPS
    assert {r["Location"] for r in responses} == {"/accounts/confirm-email/"}
    assert get_user_model().objects.filter(email=EMAIL).count() == 1
    assert EmailAddress.objects.filter(email=EMAIL).count() == 1
    # As when the sign-ups come one after the other: the address gets the confirmation of
    # the one account, and nothing else.
    emails = list(OutboundEmail.objects.all())
    assert [email.to for email in emails] == [[EMAIL]]
    assert "/accounts/confirm-email/" in emails[0].body
