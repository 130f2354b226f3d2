"""Answered questions of the question desk become draft FAQ pages (``desk.publishing``).

The desk hands over what may be published (``FaqEntry``: no personal data, the asker
agreed); this module makes an unpublished FAQ page of it under the topic's page, or under
the home page when no topic page fits (the FAQ page type's parent rules), and submits it to
the page's moderation workflow, so an editor approves it before anyone sees it.
Registered in ``PagesConfig.ready()``.
"""

import uuid

from django.db import transaction
from django.utils.html import escape, linebreaks
from django.utils.text import slugify
from wagtail.models import Site

from aanspreekpunt.topics.models import Topic

from .models import FAQPage, HomePage, ThemePage

QUESTION_MAX_LENGTH = 300  # the question block's limit (blocks.QuestionBlock)
SLUG_MAX_LENGTH = 60


def _home() -> HomePage | None:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    return HomePage.objects.order_by("path").first()


def _parent(home: HomePage, topic_slugs) -> HomePage | ThemePage:
    """The first topic's page under the home page, or the home page itself."""
    for slug in topic_slugs:
        page = ThemePage.objects.child_of(home).filter(topic__slug=slug).first()
        if page is not None:
            return page
    return home


def _slug(parent, title: str, question_id: int) -> str:
    base = slugify(title)[:SLUG_MAX_LENGTH].strip("-") or "veelgestelde-vraag"
    if not parent.get_children().filter(slug=base).exists():
        return base
    return f"{base}-{question_id}"


def answer_html(text: str) -> str:
    """The desk's plain-text answer as the rich text of the answer block."""
    return linebreaks(escape(text.strip()))


@transaction.atomic
def make_faq_draft(entry) -> int | None:
    """An unpublished FAQ page with the entry's question and answer; its id, or None when the
    site has no home page yet (the entry then waits in ``desk.selectors``)."""
    home = _home()
    if home is None:
        return None
    parent = _parent(home, entry.topic_slugs)
    question = entry.question.strip()
    intro = ""
    if len(question) > QUESTION_MAX_LENGTH:  # the whole question goes in the introduction
        intro, question = question, entry.title[:QUESTION_MAX_LENGTH]
    page = FAQPage(
        title=entry.title[:255],
        slug=_slug(parent, entry.title, entry.question_id),
        intro=intro,
        live=False,
        body=[
            {
                "type": "question",
                "value": {"question": question, "answer": answer_html(entry.answer)},
                "id": str(uuid.uuid4()),
            }
        ],
    )
    page.topics = list(Topic.objects.filter(slug__in=entry.topic_slugs))
    parent.add_child(instance=page)
    page.save_revision(log_action=True)
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, None)
    return page.pk
