"""Members, categories and threads for the forum's tests."""

import itertools

from aanspreekpunt.accounts import roles
from aanspreekpunt.forum import services
from aanspreekpunt.forum.models import Category, ForumProfile, Post, Thread, WorkingGroup
from tests.factories import UserFactory

_numbers = itertools.count(1)


def forum_member(*, new: bool = False, handle: str | None = None, groups=(roles.MEMBERS,)):
    """A member with a forum profile; ``new`` members' first posts wait for approval."""
    number = next(_numbers)
    user = UserFactory(groups=list(groups))
    ForumProfile.objects.create(
        user=user,
        handle=handle or f"lid-{number}",
        display_name=f"Collega {number}",
        approved_posts=0 if new else services.APPROVALS_FOR_NEW_MEMBERS,
    )
    return user


def coordinator():
    user = UserFactory(groups=[roles.COORDINATORS], two_factor=True)
    ForumProfile.objects.create(
        user=user,
        handle=f"coord-{next(_numbers)}",
        display_name=f"Coördinator {user.pk}",
        approved_posts=10,
    )
    return user


def public_category() -> Category:
    return Category.objects.get(slug="chathulp")


def restricted_category() -> Category:
    return Category.objects.get(slug="werkgroep-kwaliteit")


def working_group() -> WorkingGroup:
    return restricted_category().working_group


def question(author=None, *, category=None, title="Hoe starten we een chat?", body=None) -> Thread:
    author = author or forum_member()
    return services.thread_create(
        user=author,
        category=category or public_category(),
        title=title,
        body=body or f"Wie heeft ervaring? ({next(_numbers)})",
    )


def reply(thread, author=None, body=None) -> Post:
    return services.reply_create(
        user=author or forum_member(), thread=thread, body=body or f"Ons antwoord {next(_numbers)}"
    )
