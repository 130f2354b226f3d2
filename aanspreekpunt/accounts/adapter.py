from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings

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
