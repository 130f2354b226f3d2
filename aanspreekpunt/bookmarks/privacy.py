"""The member's bookmarks in their data export; they go with the account."""

from aanspreekpunt.core.contributions import DataSubject

from .models import Bookmark


def bookmarks_export(subject: DataSubject) -> list[dict]:
    return [
        {"kind": b.kind, "object": b.object_id, "saved_at": b.created_at}
        for b in Bookmark.objects.filter(user=subject.user).order_by("created_at", "pk")
    ]


def bookmarks_erase(subject: DataSubject) -> dict[str, int]:
    deleted, _ = Bookmark.objects.filter(user=subject.user).delete()
    return {"bookmarks": deleted}
