from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site

from aanspreekpunt.core.services import email_enqueue_message


class AccountAdapter(DefaultAccountAdapter):
    """allauth's e-mails go through the platform's queue, so a worker sends them."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        email_enqueue_message(message=self.render_mail(template_prefix, email, ctx))
