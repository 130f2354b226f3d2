"""Offerings, their opening hours and exceptions, and their moderation history."""

import unicodedata
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from aanspreekpunt.core.fields import PlainCharField, PlainTextField, length_constraint

from .. import messages as msg
from .limits import DESCRIPTION_MAX_LENGTH, HOURS_NOTE_MAX_LENGTH, NOTE_MAX_LENGTH
from .organisations import Organisation
from .reference import Modality, TargetGroup, Theme


def sort_key(name: str) -> str:
    """``name`` as a Fleming looks it up in a list: without case, accents or punctuation, so
    "a-Buddy" sorts among the A and "çavaria" among the C."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in letters.casefold() if c.isalnum() or c == " ").strip()[:200]


class Offering(models.Model):
    """One online-help service of an organisation (onlinehulpaanbod)."""

    class Status(models.TextChoices):
        REALISED = "realised", _("realised")
        PLANNED = "planned", _("planned")
        PILOT = "pilot", _("pilot")
        TEMPORARILY_CLOSED = "closed", _("temporarily closed")
        STOPPED = "stopped", _("stopped")

    class Anonymity(models.TextChoices):
        ANONYMOUS = "anonymous", _("anonymous")
        IDENTIFIED = "identified", _("with your name")
        BOTH = "both", _("anonymous or with your name")
        UNKNOWN = "unknown", _("unknown")

    class Cost(models.TextChoices):
        FREE = "free", _("free")
        PAID = "paid", _("paid")
        UNKNOWN = "unknown", _("unknown")

    class Access(models.TextChoices):
        DIRECT = "direct", _("directly, without registering")
        REGISTRATION = "registration", _("after registering")
        REFERRAL = "referral", _("after a referral or an intake")
        UNKNOWN = "unknown", _("unknown")

    class StaffedBy(models.TextChoices):
        VOLUNTEERS = "volunteers", _("volunteers")
        PROFESSIONALS = "professionals", _("professionals")
        PEERS = "peers", _("experts by experience")
        AUTOMATED = "automated", _("automated")
        UNKNOWN = "unknown", _("unknown")

    class Moderation(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted for review")
        PUBLISHED = "published", _("published")
        ARCHIVED = "archived", _("archived")

    class LinkStatus(models.TextChoices):
        UNCHECKED = "unchecked", _("not checked yet")
        OK = "ok", _("works")
        BROKEN = "broken", _("broken")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="offerings",
    )
    # The offering's id in the API (an HSDS service id): kept through renames and imports.
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    name = PlainCharField(_("name"), max_length=200)
    # ``sort_key(name)``, kept by ``save``: the list's alphabetical order.
    sort_name = models.CharField(max_length=200, blank=True, editable=False)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    description = PlainTextField(_("description"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    modalities = models.ManyToManyField(Modality, verbose_name=_("modalities"), blank=True)
    target_groups = models.ManyToManyField(TargetGroup, verbose_name=_("target groups"), blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True)
    target_group_note = PlainCharField(_("for whom, in words"), max_length=300, blank=True)
    anonymity = models.CharField(
        _("anonymity"), max_length=12, choices=Anonymity.choices, default=Anonymity.UNKNOWN
    )
    cost = models.CharField(_("cost"), max_length=8, choices=Cost.choices, default=Cost.UNKNOWN)
    staffed_by = models.CharField(
        _("answered by"), max_length=14, choices=StaffedBy.choices, default=StaffedBy.UNKNOWN
    )
    languages = PlainCharField(_("languages"), max_length=120, blank=True)
    cost_note = PlainCharField(
        _("cost, in words"),
        max_length=200,
        blank=True,
        help_text=_("For example “free; a session costs 5 euros after the third one”."),
    )
    age_min = models.PositiveSmallIntegerField(_("from age"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("up to age"), null=True, blank=True)
    access = models.CharField(
        _("how to get access"), max_length=12, choices=Access.choices, default=Access.UNKNOWN
    )
    waiting_time = PlainCharField(
        _("waiting time"),
        max_length=120,
        blank=True,
        help_text=_("In words, for example “an answer within three working days”."),
    )
    # A short notice for visitors ("closed this week"), shown until ``notice_until``;
    # representatives set it at once, without review.
    notice = PlainCharField(_("short notice"), max_length=200, blank=True)
    notice_until = models.DateField(_("notice shown until"), null=True, blank=True)
    access_url = models.URLField(_("web address of the offering"), max_length=500, blank=True)
    phone = PlainCharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REALISED
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    since_note = PlainCharField(_("since, in words"), max_length=200, blank=True)
    always_available = models.BooleanField(_("always available"), default=False)
    hours_modality = models.ForeignKey(
        Modality,
        verbose_name=_("the opening hours are those of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("For example chat, when phone and chat have different hours."),
    )
    hours_note = PlainTextField(
        _("opening hours, in words"), max_length=HOURS_NOTE_MAX_LENGTH, blank=True
    )
    hours_as_of = PlainCharField(_("opening hours as of"), max_length=100, blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False)

    moderation_state = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, default=Moderation.DRAFT
    )
    # Visitors see an offering from its first publication until it is archived, also while
    # a new version of it is being reviewed.
    is_public = models.BooleanField(_("visible on the map"), default=False)
    # Changes a representative made to a published offering, waiting for review; the
    # published fields above stay what visitors see until a coordinator publishes them.
    pending_changes = models.JSONField(null=True, blank=True)
    moderation_note = PlainTextField(
        _("note from the coordinator"), max_length=NOTE_MAX_LENGTH, blank=True
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    last_reviewed_at = models.DateTimeField(_("last confirmed"), null=True, blank=True)
    review_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    link_status = models.CharField(
        _("link"), max_length=10, choices=LinkStatus.choices, default=LinkStatus.UNCHECKED
    )
    link_checked_at = models.DateTimeField(null=True, blank=True)
    link_error = models.CharField(max_length=300, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["is_public", "name"]),
            models.Index(fields=["is_public", "sort_name"]),
            models.Index(fields=["is_public", "status"]),
            models.Index(fields=["is_public", "anonymity"]),
            models.Index(fields=["is_public", "always_available"]),
            models.Index(fields=["moderation_state", "submitted_at"]),
            models.Index(fields=["is_public", "last_reviewed_at"]),
            models.Index(fields=["link_status"]),
            # The API's sync feed: what changed since a moment (``modified_after``).
            models.Index(fields=["updated_at"]),
        ]
        constraints = [
            # Also archived offerings: bringing one back never clashes with a newer one.
            models.UniqueConstraint(
                "organisation",
                Lower("name"),
                name="unique_offering_name_per_organisation",
                violation_error_message=msg.OFFERING_NAME_TAKEN,
            ),
            length_constraint("offering", "description", DESCRIPTION_MAX_LENGTH),
            length_constraint("offering", "hours_note", HOURS_NOTE_MAX_LENGTH),
            length_constraint("offering", "moderation_note", NOTE_MAX_LENGTH),
            models.CheckConstraint(
                condition=models.Q(age_min__isnull=True)
                | models.Q(age_max__isnull=True)
                | models.Q(age_min__lte=models.F("age_max")),
                name="offering_age_range_in_order",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.sort_name = sort_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_name"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("socialekaart:offering_detail", kwargs={"slug": self.slug})

    def current_notice(self, today=None) -> str:
        """The short notice while it runs (up to and including ``notice_until``)."""
        from ..opening import local_now

        today = today or local_now().date()
        if self.notice and self.notice_until and self.notice_until >= today:
            return self.notice
        return ""

    @property
    def age_range(self) -> tuple[int | None, int | None] | None:
        if self.age_min is None and self.age_max is None:
            return None
        return (self.age_min, self.age_max)

    def get_edit_url(self):
        return reverse("socialekaart:offering_edit", kwargs={"slug": self.slug})


class OpeningHours(models.Model):
    """A weekly opening window in Brussels time; ``closes`` before ``opens`` runs past midnight."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens"]
        indexes = [models.Index(fields=["weekday", "opens", "closes"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(opens=models.F("closes")), name="opening_hours_not_empty"
            )
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"

    def clean(self):
        if self.opens is not None and self.opens == self.closes:
            raise ValidationError(_("Opening and closing time are the same."))


class OpeningException(models.Model):
    """A date with other hours: closed, or open from ``opens`` to ``closes`` (also on a holiday)."""

    offering = models.ForeignKey(
        Offering, on_delete=models.CASCADE, related_name="opening_exceptions"
    )
    date = models.DateField(_("date"))
    closed = models.BooleanField(_("closed all day"), default=True)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    note = PlainCharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("exception to the opening hours")
        verbose_name_plural = _("exceptions to the opening hours")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["offering", "date"], name="one_exception_per_day")
        ]
        indexes = [models.Index(fields=["date"])]

    def __str__(self):
        return f"{self.date:%d-%m-%Y}"


class ModerationEvent(models.Model):
    """One step in an offering's moderation history."""

    offering = models.ForeignKey(
        Offering, on_delete=models.CASCADE, related_name="moderation_events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_state = models.CharField(max_length=10, choices=Offering.Moderation.choices)
    to_state = models.CharField(max_length=10, choices=Offering.Moderation.choices)
    note = PlainTextField(max_length=NOTE_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("moderation step")
        verbose_name_plural = _("moderation history")
        ordering = ["-created_at", "-pk"]
        constraints = [length_constraint("moderationevent", "note", NOTE_MAX_LENGTH)]

    def __str__(self):
        return f"{self.offering}: {self.from_state} → {self.to_state}"


class RemovedOffering(models.Model):
    """A published offering that was deleted: the API's sync feed reports it as removed, so
    that directories that copy the map delete it too (a tombstone)."""

    uuid = models.UUIDField(unique=True)
    name = models.CharField(max_length=200)
    removed_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("removed offering")
        verbose_name_plural = _("removed offerings")
        ordering = ["removed_at", "uuid"]

    def __str__(self):
        return self.name
