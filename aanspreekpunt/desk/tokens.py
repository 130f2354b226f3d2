"""Signed links for the asker, who needs no account: confirm the address, follow the
question, send more information. Each link names its purpose and carries the question's
secret, so it works for that purpose only, until it expires or the secret changes."""

from datetime import timedelta

from django.core import signing
from django.http import Http404

from .models import Question

CONFIRM = "confirm"
FOLLOW = "follow"
REPLY = "reply"
MAX_AGE = {
    CONFIRM: timedelta(days=7),
    FOLLOW: timedelta(days=400),
    REPLY: timedelta(days=30),
}
SALT = "aanspreekpunt.desk."


def token_for(question: Question, purpose: str) -> str:
    return signing.dumps([question.pk, question.secret], salt=SALT + purpose, compress=True)


def question_for_token(token: str, purpose: str, *, queryset=None) -> Question:
    """The question the link is for; a changed, expired or foreign link is a 404."""
    try:
        pk, secret = signing.loads(token, salt=SALT + purpose, max_age=MAX_AGE[purpose])
    except (signing.BadSignature, ValueError, TypeError):
        raise Http404 from None
    question = (queryset if queryset is not None else Question.objects).filter(pk=pk).first()
    if question is None or question.secret != secret or question.erased_at is not None:
        raise Http404
    return question
