"""Writes of the knowledge site outside the page editor.

"From forum to knowledge": an editor or coordinator turns an answered forum thread into a
draft FAQ page (never published here: an editor reviews it in the page editor first). The
draft quotes the question and the answer and links back to the thread.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.html import escape, linebreaks
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Site

from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.services import audit_record
from aanspreekpunt.forum import selectors as forum_selectors

from .models import FAQPage, ThemePage

SLUG_PREFIX = "forum"


def faq_parent(thread):
    """The theme page of the thread's first topic that has one, else the home page."""
    topic_ids = [topic.pk for topic in thread.topics.all()]
    if topic_ids:
        theme = ThemePage.objects.filter(topic_id__in=topic_ids).order_by("path").first()
        if theme is not None:
            return theme
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise DomainError(_("There is no site to add the page to."))
    return site.root_page.specific


def faq_slug(thread) -> str:
    return f"{SLUG_PREFIX}-{thread.pk}-{slugify(thread.title)}"[:200].rstrip("-")


def plain_html(text: str) -> str:
    """A forum post's text (Markdown source) as escaped paragraphs for rich text."""
    return linebreaks(escape(text or ""))


@transaction.atomic
def faq_draft_from_thread(*, thread_pk, actor) -> FAQPage:
    """A draft FAQ page (not live) from an answered public thread, with a link back to it;
    audited. DomainError when the thread was turned into a draft before."""
    try:
        thread = forum_selectors.thread_answered_get(thread_pk)
    except Http404 as error:
        raise DomainError(
            _("Only a public forum thread with an answer can become a FAQ page.")
        ) from error
    parent = faq_parent(thread)
    slug = faq_slug(thread)
    if FAQPage.objects.filter(slug__startswith=f"{SLUG_PREFIX}-{thread.pk}-").exists():
        raise DomainError(_("This thread has already been turned into a FAQ page."))
    thread_url = settings.SITE_URL.rstrip("/") + thread.get_absolute_url()
    question = thread.question.body if thread.question else ""
    source = escape(_("From the expertise forum:"))
    answer = (
        plain_html(thread.answer.body)
        + f"<p>{source} "
        + f'<a href="{escape(thread_url)}">{escape(thread.title)}</a></p>'
    )
    page = FAQPage(
        title=thread.title,
        slug=slug or f"{SLUG_PREFIX}-{thread.pk}",
        live=False,
        intro=question[:2000],
        body=[
            {
                "type": "question",
                "value": {"question": thread.title[:300], "answer": answer},
                "id": str(uuid.uuid4()),
            }
        ],
    )
    try:
        parent.add_child(instance=page)
    except ValidationError as error:  # the same slug below this parent: a second request
        raise DomainError(_("This thread has already been turned into a FAQ page.")) from error
    page.topics.set(list(thread.topics.all()))
    page.save_revision(user=actor if getattr(actor, "is_authenticated", False) else None)
    audit_record(
        actor=actor,
        action="pages.faq_from_thread",
        obj=page,
        changes={"thread": str(thread.pk), "thread_url": thread_url},
    )
    return page
