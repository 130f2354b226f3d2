"""In-memory stand-ins for what lies outside the platform, chosen through settings."""

from smtplib import SMTPServerDisconnected

from django.core.mail.backends.base import BaseEmailBackend


class FailingEmailBackend(BaseEmailBackend):
    """An SMTP server that is down: every send fails."""

    def send_messages(self, email_messages):
        raise SMTPServerDisconnected("fake SMTP server is down")
