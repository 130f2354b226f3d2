"""Writes of "Mijn kennisplein": add and remove a bookmark (the member's own data)."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from aanspreekpunt.core.errors import DomainError

from .models import Bookmark
from .selectors import bookmark_target


def bookmark_add(*, user, kind: str, object_id: str) -> Bookmark:
    """Keep the object; adding it twice (two clicks, two tabs) keeps it once."""
    if bookmark_target(kind=kind, object_id=object_id, user=user) is None:
        raise DomainError(_("This cannot be saved: it does not exist or is not public."))
    try:
        with transaction.atomic():
            bookmark, _created = Bookmark.objects.get_or_create(
                user=user, kind=kind, object_id=object_id
            )
    except IntegrityError:  # the other request won the race
        bookmark = Bookmark.objects.get(user=user, kind=kind, object_id=object_id)
    return bookmark


def bookmark_remove(*, user, kind: str, object_id: str) -> int:
    with transaction.atomic():
        deleted, _ = Bookmark.objects.filter(user=user, kind=kind, object_id=object_id).delete()
    return deleted
