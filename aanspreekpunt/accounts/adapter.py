from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.exceptions import ImmediateHttpResponse
from django.contrib.auth import get_user_model
from django.contrib.sites.shortcuts import get_current_site
from django.db import IntegrityError, transaction

from aanspreekpunt.core.services import email_enqueue_message


class AccountAdapter(DefaultAccountAdapter):
    """allauth's e-mails go through the platform's queue, so a worker sends them."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
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
