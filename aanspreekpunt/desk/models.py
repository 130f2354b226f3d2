"""The question desk ("Vraag het aanspreekpunt"): questions, their thread and attachments.

A question holds the asker's personal data (name, address, organisation, what they wrote):
coordinators see it, the asker follows it through a signed link or under their account,
and it is erased 24 months after closing (``services.questions_erase_expired``).
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from aanspreekpunt.core.documents import private_file_storage
from aanspreekpunt.core.fields import PlainCharField, PlainTextField, length_constraint

TEXT_MAX_LENGTH = 10_000
ERASED = "[verwijderd]"


def new_secret() -> str:
    return secrets.token_urlsafe(16)


class Question(models.Model):
    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("address not confirmed yet")
        RECEIVED = "received", _("received")
        IN_PROGRESS = "in_progress", _("in progress")
        AWAITING_INFO = "awaiting_info", _("waiting for more information")
        ANSWERED = "answered", _("answered")
        CLOSED = "closed", _("closed")

    class Publication(models.TextChoices):
        NONE = "", _("not for publication")
        DRAFT = "draft", _("prepared as a draft FAQ entry")

    # Made from the primary key right after the insert (AP-2026-00042): empty (NULL) until
    # then, so that the unique index holds from the first write.
    reference = models.CharField(  # noqa: DJ001
        _("reference number"), max_length=20, unique=True, null=True
    )
    # Part of every signed link: a new value makes all earlier links useless.
    secret = models.CharField(max_length=32, default=new_secret, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UNCONFIRMED
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="desk_questions",
    )
    name = PlainCharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    organisation_name = PlainCharField(_("organisation"), max_length=200, blank=True)
    sector = models.ForeignKey(
        "socialekaart.Sector",
        verbose_name=_("sector"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topic = models.ForeignKey(
        "topics.Topic",
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject = PlainCharField(_("subject"), max_length=200)
    body = PlainTextField(_("question"), max_length=TEXT_MAX_LENGTH)
    consent_to_publish = models.BooleanField(
        _("may be published without personal data"), default=False
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="desk_assignments",
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # Since when the contact point owes the asker a move: set at confirmation and when the
    # asker sends more information; empty while the asker is asked or after the answer.
    waiting_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    assignee_reminded_at = models.DateTimeField(null=True, blank=True)
    coordinators_reminded_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)
    # What may become public knowledge: written by a coordinator, without personal data.
    publication = models.CharField(
        _("publication"), max_length=10, choices=Publication.choices, default="", blank=True
    )
    public_title = PlainCharField(_("public title"), max_length=200, blank=True)
    public_question = PlainTextField(_("public question"), max_length=TEXT_MAX_LENGTH, blank=True)
    public_answer = PlainTextField(_("public answer"), max_length=TEXT_MAX_LENGTH, blank=True)
    public_topics = models.ManyToManyField(
        "topics.Topic", verbose_name=_("topics"), blank=True, related_name="+"
    )
    # The knowledge site's draft page, once the integration made one (``publishing``).
    faq_page_id = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "waiting_since"]),
            models.Index(fields=["status", "closed_at"]),
            models.Index(fields=["confirmed_at"]),
            models.Index(fields=["publication"]),
        ]
        constraints = [
            length_constraint("desk_question", "body", TEXT_MAX_LENGTH),
            length_constraint("desk_question", "public_question", TEXT_MAX_LENGTH),
            length_constraint("desk_question", "public_answer", TEXT_MAX_LENGTH),
        ]

    def __str__(self):
        return f"{self.reference or _('unconfirmed')}: {self.subject}"

    def get_absolute_url(self):
        return reverse("desk:handle", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in (
            self.Status.RECEIVED,
            self.Status.IN_PROGRESS,
            self.Status.AWAITING_INFO,
        )


class Message(models.Model):
    """One step of the conversation; notes are internal and never shown to the asker."""

    class Kind(models.TextChoices):
        INFO_REQUEST = "info_request", _("request for more information")
        INFO_REPLY = "info_reply", _("more information from the asker")
        ANSWER = "answer", _("answer")
        NOTE = "note", _("internal note")

    VISIBLE_TO_ASKER = (Kind.INFO_REQUEST, Kind.INFO_REPLY, Kind.ANSWER)

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = PlainTextField(_("text"), max_length=TEXT_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        constraints = [length_constraint("desk_message", "body", TEXT_MAX_LENGTH)]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.question_id})"


class Attachment(models.Model):
    """A PDF or image the asker sent: a private file, served only to coordinators."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_file_storage, upload_to="desk/%Y/%m/", max_length=200)
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.filename
