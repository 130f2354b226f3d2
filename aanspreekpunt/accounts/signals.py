"""Receivers for allauth's signals."""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.dispatch import receiver


@receiver(authenticator_added)
def record_two_factor_on_setup(sender, request, user, authenticator, **kwargs):
    """Setting up an authenticator app proves the code in this session, as a login would.

    allauth records a two-factor step when a code answers a challenge, not when the app is
    set up; without this, staff would set up their app and then be asked for a code again.
    """
    if request is None or authenticator.type != Authenticator.Type.TOTP:
        return
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
