from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.exceptions import ImmediateHttpResponse
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from aanspreekpunt.core.services import email_enqueue_message


def platform_site() -> SimpleNamespace:
    """The platform as allauth's e-mails name it: its own name and public host (SITE_URL).

    The platform does not use Django's sites framework, so allauth would fall back to the
    host of the request and greet "from 127.0.0.1:8000" (or whatever host a proxy passed on).
    """
    return SimpleNamespace(name=str(settings.SITE_NAME), domain=urlsplit(settings.SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    """allauth's e-mails go through the platform's queue, so a worker sends them."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # allauth's own context (e.g. the password reset's) brings a current_site of its own
        # built from the request: the platform's replaces it.
        ctx = {
            "request": allauth_context.request,
            "email": email,
            **context,
            "current_site": platform_site(),
        }
        email_enqueue_message(message=self.render_mail(template_prefix, email, ctx))

    def save_user(self, request, user, form, commit=True):
        """Save a new account; a sign-up that loses a race for its address ends as a sign-up
        with a known address does.

        allauth checks that the address is free when it validates the form. Two sign-ups
        with one address at the same moment both pass that check, and the unique address
        in the database lets one account in. The other gets the page a known address gets
        ("check your e-mail") and sends nothing: the owner of the address receives the
        confirmation of the account that won, just as when the two arrive one after the
        other (allauth then holds back the second e-mail)."""
        if not commit:
            return super().save_user(request, user, form, commit=False)
        try:
            with transaction.atomic():
                return super().save_user(request, user, form, commit=True)
        except IntegrityError:
            email = form.cleaned_data.get("email") or ""
            if not email or not get_user_model().objects.filter(email__iexact=email).exists():
                raise
        # AccountMiddleware turns this into the response of the sign-up request.
        raise ImmediateHttpResponse(self.respond_email_verification_sent(request, None))
