"""The forum's objects in the authorization matrix (tests/core/test_authorization_matrix.py)."""

from dataclasses import dataclass

from aanspreekpunt.forum import services
from aanspreekpunt.forum.models import Category, ForumProfile, Post, Thread


@dataclass(frozen=True)
class ForumWorld:
    category: Category
    thread: Thread
    post: Post  # a reply by the matrix's member
    unsubscribe_token: str


def forum_world(member, starter) -> ForumWorld:
    for number, user in enumerate((member, starter)):
        ForumProfile.objects.create(
            user=user,
            handle=f"matrix-{number}",
            display_name=f"Matrix {number}",
            approved_posts=services.APPROVALS_FOR_NEW_MEMBERS,
        )
    category = Category.objects.get(slug="chathulp")
    thread = services.thread_create(
        user=starter, category=category, title="Vraag", body="Wie weet het?"
    )
    post = services.reply_create(user=member, thread=thread, body="Ik weet het.")
    return ForumWorld(
        category=category,
        thread=thread,
        post=post,
        unsubscribe_token=services.unsubscribe_token(user=member, thread=thread),
    )
