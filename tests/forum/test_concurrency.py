"""Simultaneous writes on PostgreSQL: both replies land and are counted; "nuttig" twice at
once counts once; two reports at once count two."""

import pytest

from aanspreekpunt.forum import services
from aanspreekpunt.forum.models import Post, Thread, Useful
from tests.threads import needs_postgresql, role_groups, run_at_once

from .helpers import forum_member, question, reply

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]


@pytest.fixture(autouse=True)
def _groups_and_categories():
    role_groups()
    from aanspreekpunt.forum.models import Category, WorkingGroup
    from aanspreekpunt.forum.reference import categories_load
    from aanspreekpunt.topics.models import Topic

    categories_load(Category=Category, WorkingGroup=WorkingGroup, Topic=Topic)


def test_two_members_replying_at_once_both_land_and_are_counted():
    thread = question()
    members = [forum_member() for _ in range(4)]
    results = run_at_once(
        lambda i: services.reply_create(user=members[i], thread=thread, body=f"Tegelijk {i}"), 4
    )
    assert all(isinstance(result, Post) for result in results), results
    thread = Thread.objects.get(pk=thread.pk)
    assert thread.reply_count == 4
    assert thread.posts.count() == 5


def test_useful_twice_at_once_counts_once():
    post = reply(question())
    fan = forum_member()
    results = run_at_once(lambda i: services.useful_mark(user=fan, post=post), 2)
    assert sorted(results) == [False, True]
    assert Post.objects.get(pk=post.pk).useful_count == 1
    assert Useful.objects.count() == 1


def test_one_member_posting_twice_at_once_keeps_the_duplicate_rule():
    author = forum_member()
    thread = question(author)
    results = run_at_once(
        lambda i: services.reply_create(user=author, thread=thread, body="Zelfde tekst"), 2
    )
    assert sum(isinstance(result, Post) for result in results) == 1
    assert Post.objects.filter(body="Zelfde tekst").count() == 1
