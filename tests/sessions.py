"""Signed-in sessions for tests, with or without a passed two-factor step.

A session "passed two-factor" when django-allauth's authentication records in it hold a
record with ``method == "mfa"``. A real sign-in writes a ``password`` record at the password
step and, for a user with an authenticator app, an ``mfa`` record at the code step
(allauth/account/internal/flows/login.py and allauth/mfa/base/internal/flows.py).
``login`` writes the same records after ``client.force_login``, so a test gets the session
of a real sign-in without going through the forms; tests/accounts/test_sessions.py checks
that both give the same records.
"""

import time

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.internal.flows.login import _AUTHENTICATION_METHODS_USER_SESSION_KEY
from allauth.account.internal.userkit import user_id_to_str
from allauth.mfa.models import Authenticator


def login(client, user, *, two_factor: bool) -> None:
    """Sign ``user`` in on ``client`` with a password and, if ``two_factor``, a TOTP code.

    ``two_factor=True`` needs a user with an authenticator app (``UserFactory(two_factor=True)``).
    """
    client.force_login(user)
    now = time.time()
    records = [{"method": "password", "at": now, "email": user.email}]
    if two_factor:
        authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
        records.append({"method": "mfa", "at": now, "id": authenticator.pk, "type": "totp"})
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
    session.save()
