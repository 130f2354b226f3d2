"""Reads of "Mijn kennisplein"."""

from dataclasses import dataclass

from aanspreekpunt.core import contributions

from .models import Bookmark

MAX_BOOKMARKS_SHOWN = 500


@dataclass
class Group:
    kind: str
    label: str
    entries: list  # (Bookmark, contributions.Item), newest first


def bookmark_kind(name: str):
    """The registered kind called ``name``, or None."""
    for contribution in contributions.bookmark_kinds:
        if contribution.name == name:
            return contribution.run()
    return None


def bookmark_target(*, kind: str, object_id: str, user):
    """The Item for an object the member may see and bookmark, or None."""
    registered = bookmark_kind(kind)
    if registered is None or not object_id or len(object_id) > 64:
        return None
    return registered.load([object_id], user).get(object_id)


def is_bookmarked(*, user, kind: str, object_id) -> bool:
    if not user.is_authenticated:
        return False
    return Bookmark.objects.filter(user=user, kind=kind, object_id=str(object_id)).exists()


def bookmark_groups(*, user) -> list[Group]:
    """The member's bookmarks, grouped by kind in the registry's order, newest first in each;
    a bookmark of what is no longer published or visible to them is left out. One query
    for the bookmarks and one per kind."""
    bookmarks = list(Bookmark.objects.filter(user=user)[:MAX_BOOKMARKS_SHOWN])
    groups = []
    for contribution in contributions.bookmark_kinds:
        mine = [b for b in bookmarks if b.kind == contribution.name]
        if not mine:
            continue
        items = contribution.run().load([b.object_id for b in mine], user)
        entries = [(b, items[b.object_id]) for b in mine if b.object_id in items]
        if entries:
            groups.append(
                Group(kind=contribution.name, label=str(contribution.title), entries=entries)
            )
    return groups
