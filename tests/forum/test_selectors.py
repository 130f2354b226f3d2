"""What the forum offers the knowledge site (search, topic pages, home page, FAQ drafts)."""

import pytest
from django.http import Http404

from aanspreekpunt.forum import selectors, services
from aanspreekpunt.topics.models import Topic

from .helpers import forum_member, public_category, question, reply, restricted_category

pytestmark = pytest.mark.django_db


def test_public_threads_leave_out_waiting_and_working_group_threads():
    visible = question(title="Openbaar")
    question(forum_member(new=True), title="Wacht")
    question(category=restricted_category(), title="Werkgroep")
    titles = set(selectors.threads_public().values_list("title", flat=True))
    assert titles == {"Openbaar"}
    assert selectors.threads_latest(limit=5)[0].get_absolute_url() == visible.get_absolute_url()


def test_threads_for_a_topic_by_their_own_tags_or_their_categorys():
    privacy = Topic.objects.get(slug="deontologie-en-privacy")
    tagged = services.thread_create(
        user=forum_member(),
        category=public_category(),
        title="Getagd",
        body="Over privacy",
        topics=[privacy],
    )
    from aanspreekpunt.forum.models import Category

    in_category = question(category=Category.objects.get(slug="deontologie-en-privacy"))
    question(title="Ander onderwerp")
    found = selectors.threads_for_topic(topic=privacy, limit=10)
    assert {thread.pk for thread in found} == {tagged.pk, in_category.pk}
    assert len(selectors.threads_for_topic(topic=privacy, limit=1)) == 1


def test_an_answered_thread_for_an_faq_draft():
    asker = forum_member()
    thread = question(asker, body="De vraag")
    answer = reply(thread, body="Het antwoord")
    with pytest.raises(Http404):
        selectors.thread_answered_get(thread.pk)
    services.answer_mark(actor=asker, post=answer)
    found = selectors.thread_answered_get(thread.pk)
    assert found.question.body == "De vraag"
    assert found.answer.body == "Het antwoord"
