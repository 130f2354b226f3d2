"""What the service map's services share: unique keys, saves that turn a lost race
into the rule's message, notes, and comparing form data with a row."""

import secrets
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from aanspreekpunt.core.errors import DomainError

from .. import messages as msg
from ..models import (
    NOTE_MAX_LENGTH,
)

# Simultaneous requests may pick the same free slug; after this many tries a random
# suffix makes the next one free.
SLUG_TRIES = 3


def unique_slug(model, text: str, *, exclude_pk=None, random_suffix: bool = False) -> str:
    """A slug from ``text`` that no other row of ``model`` uses."""
    base = slugify(text)[:200] or "item"
    if random_suffix:
        return f"{base}-{secrets.token_hex(3)}"
    slug, number = base, 2
    others = model.objects.exclude(pk=exclude_pk)
    while others.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def save_checked(instance, *, conflict: Callable[[], DomainError | None], **save_options) -> None:
    """Save ``instance`` unless ``conflict()`` names a rule the row breaks.

    The rule is also a constraint in the database. When two requests pass the check at
    the same time, the database lets one row in and refuses the other; the check then
    runs again, sees the row that won and names the conflict to the user."""
    error = conflict()
    if error is not None:
        raise error
    try:
        with transaction.atomic():
            instance.save(**save_options)
    except IntegrityError:
        error = conflict()
        if error is None:
            raise
        raise error from None


def insert_with_slug(instance, *, text: str, conflict: Callable[[], DomainError | None]) -> None:
    """Insert ``instance`` under a free slug made from ``text`` (see ``save_checked``); a
    slug taken in the meantime by a simultaneous request is replaced by the next free one."""
    model = type(instance)
    for attempt in range(SLUG_TRIES + 1):
        instance.slug = unique_slug(model, text, random_suffix=attempt == SLUG_TRIES)
        try:
            save_checked(instance, conflict=conflict, force_insert=True)
        except IntegrityError:
            if attempt == SLUG_TRIES or not model.objects.filter(slug=instance.slug).exists():
                raise
        else:
            return


def note_check(note: str) -> None:
    """A coordinator's note fits its field and holds no NUL character, or nothing happens."""
    if len(note) > NOTE_MAX_LENGTH:
        raise DomainError(msg.NOTE_TOO_LONG % {"limit": NOTE_MAX_LENGTH}, code="invalid")
    if "\x00" in note:
        raise DomainError(msg.NUL_CHARACTER, code="invalid")


def field_default(instance, field: str):
    return instance._meta.get_field(field).get_default()


def assign_fields(instance, data: dict, fields) -> None:
    for field in fields:
        if field in data:
            value = data[field]
            setattr(instance, field, field_default(instance, field) if value is None else value)


def assign_m2m(instance, data: dict, fields) -> None:
    for field in fields:
        if field in data:
            getattr(instance, field).set(data[field] or [])


def changed_fields(instance, data: dict, fields) -> dict:
    return {
        field: str(data[field])
        for field in fields
        if field in data and getattr(instance, field) != data[field]
    }


def changed_m2m(instance, data: dict, fields) -> dict:
    changes = {}
    for field in fields:
        if field in data:
            old = {item.pk for item in getattr(instance, field).all()}
            new = data[field] or []
            if old != {item.pk for item in new}:
                changes[field] = ", ".join(str(item) for item in new)
    return changes
