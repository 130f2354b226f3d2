"""Corrections visitors suggest on an offering ("Meld een fout")."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanspreekpunt.core.fields import PlainTextField, length_constraint

from .limits import CORRECTION_MAX_LENGTH, NOTE_MAX_LENGTH
from .offerings import Offering


class CorrectionReport(models.Model):
    """What a visitor says is wrong on an offering's page; its representatives and the
    coordinators handle it, and a reporter who left an address hears the outcome."""

    class Status(models.TextChoices):
        OPEN = "open", _("to handle")
        CORRECTED = "corrected", _("corrected")
        DISMISSED = "dismissed", _("not changed")

    offering = models.ForeignKey(
        Offering,
        verbose_name=_("offering"),
        on_delete=models.CASCADE,
        related_name="correction_reports",
    )
    text = PlainTextField(_("what is wrong"), max_length=CORRECTION_MAX_LENGTH)
    # Optional: only to tell the reporter the outcome; gone once it is handled.
    reporter_email = models.EmailField(_("e-mail address of the reporter"), blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    handling_note = PlainTextField(_("answer"), max_length=NOTE_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reported error")
        verbose_name_plural = _("reported errors")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            length_constraint("correctionreport", "text", CORRECTION_MAX_LENGTH),
            length_constraint("correctionreport", "handling_note", NOTE_MAX_LENGTH),
        ]

    def __str__(self):
        return f"{self.offering}: {self.text[:60]}"
