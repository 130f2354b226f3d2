from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Bookmark(models.Model):
    """Something a member keeps in "Mijn kennisplein": a page, an offering, a session, a forum
    topic ... by its kind (a key of ``contributions.bookmark_kinds``) and its id there."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks"
    )
    kind = models.CharField(_("kind"), max_length=40)
    object_id = models.CharField(_("object"), max_length=64)
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        verbose_name = _("bookmark")
        verbose_name_plural = _("bookmarks")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "object_id"], name="unique_bookmark_per_member"
            )
        ]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self):
        return f"{self.kind}:{self.object_id}"
