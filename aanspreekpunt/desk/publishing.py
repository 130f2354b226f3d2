"""Where an answered question becomes public knowledge: the hook to the knowledge site.

The desk keeps what may be published (``Question.public_title``, ``public_question``,
``public_answer``, ``public_topics``; written by a coordinator, checked for the asker's
personal data, only with the asker's consent). The knowledge site's FAQ page type turns
it into a draft page for an editor to approve. The desk does not import the knowledge
site: the knowledge site registers its function here, from its ``AppConfig.ready()``::

    from aanspreekpunt.desk import publishing
    publishing.register_faq_draft_maker(make_faq_draft)  # (entry: FaqEntry) -> page id

Without a registered maker the prepared entries wait in
``desk.selectors.answers_publishable()`` and the coordinator is told so.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class FaqEntry:
    """What the knowledge site needs for a draft FAQ page; nothing personal in it."""

    question_id: int
    title: str
    question: str
    answer: str
    topic_slugs: tuple[str, ...]


_maker: list[Callable[[FaqEntry], int | None]] = []


def register_faq_draft_maker(maker: Callable[[FaqEntry], int | None]) -> None:
    """Called by the knowledge site: ``maker(entry)`` creates a draft FAQ page (never
    published: an editor approves it) and returns its page id."""
    _maker[:] = [maker]


def faq_draft_maker() -> Callable[[FaqEntry], int | None] | None:
    return _maker[0] if _maker else None
