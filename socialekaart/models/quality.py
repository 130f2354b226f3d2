"""Quality of online help: the nine OHUP norms, what organisations answer about each of
their offerings, the one reminder to organisations that did not answer, and the figures
kept month by month for the policy tracker (issue 18).

Answers are keyed to a norm's stable ``code``: rewording a norm keeps every answer.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from aanspreekpunt.core.fields import PlainCharField, PlainTextField, length_constraint

from .offerings import Offering

QUALITY_EXPLANATION_MAX_LENGTH = 600


class QualityNorm(models.Model):
    """One of the nine OHUP quality norms (fixtures/quality_norms.json, a paraphrase)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = PlainCharField(_("title"), max_length=120)
    text = PlainTextField(_("norm"), max_length=600)
    visitor_question = PlainCharField(_("question for visitors"), max_length=160)
    visitor_facing = models.BooleanField(_("shown first to visitors"), default=False)
    source_title = PlainCharField(_("source"), max_length=200)
    source_url = models.URLField(_("source address"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("quality norm")
        verbose_name_plural = _("quality norms")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.title}"


class QualityAnswer(models.Model):
    """What an organisation says about one norm for one offering.

    ``status``, ``explanation`` and ``link`` are what visitors see (empty ``status``: not
    published yet). The ``pending_`` fields hold an answer waiting for review; a
    coordinator publishes them together with the offering (services.offering_publish).
    """

    class Status(models.TextChoices):
        MET = "met", _("met")
        PARTLY = "partly", _("partly met")
        NOT_YET = "not_yet", _("not yet")
        NOT_APPLICABLE = "not_applicable", _("not applicable")

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="quality_answers")
    norm = models.ForeignKey(
        QualityNorm,
        to_field="code",
        db_column="norm_code",
        on_delete=models.PROTECT,
        related_name="answers",
    )
    status = models.CharField(_("answer"), max_length=16, choices=Status.choices, blank=True)
    explanation = PlainTextField(
        _("explanation"), max_length=QUALITY_EXPLANATION_MAX_LENGTH, blank=True
    )
    link = models.URLField(_("link"), max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    pending_status = models.CharField(max_length=16, choices=Status.choices, blank=True)
    pending_explanation = PlainTextField(max_length=QUALITY_EXPLANATION_MAX_LENGTH, blank=True)
    pending_link = models.URLField(max_length=500, blank=True)
    pending_since = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("quality answer")
        verbose_name_plural = _("quality answers")
        ordering = ["norm__number"]
        constraints = [
            models.UniqueConstraint(fields=["offering", "norm"], name="one_answer_per_norm"),
            length_constraint("qualityanswer", "explanation", QUALITY_EXPLANATION_MAX_LENGTH),
            length_constraint(
                "qualityanswer", "pending_explanation", QUALITY_EXPLANATION_MAX_LENGTH
            ),
        ]
        indexes = [
            # The map's quality filters: offerings with "met" for one norm.
            models.Index(fields=["norm", "status", "offering"], name="quality_filter_idx"),
            models.Index(fields=["pending_since"], name="quality_pending_idx"),
        ]

    def __str__(self):
        return f"{self.offering_id}: {self.norm_id} = {self.status or '-'}"


class QualityReminder(models.Model):
    """The one reminder sent for an offering whose organisation did not answer the norms."""

    offering = models.OneToOneField(
        Offering, on_delete=models.CASCADE, related_name="quality_reminder"
    )
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name = _("quality reminder")
        verbose_name_plural = _("quality reminders")

    def __str__(self):
        return f"{self.offering_id} @ {self.sent_at:%Y-%m-%d}"


class QualityMonthlyFigure(models.Model):
    """How many public offerings of a sector ("" for all sectors) met one norm in a month.

    Kept by a daily task (the month's row holds its last day); read by the policy tracker
    through ``selectors.quality_figures_by_month``. Codes and names are copied, so the
    history outlives a renamed sector or norm."""

    month = models.DateField(_("month"))
    sector_slug = models.CharField(max_length=100, blank=True)
    sector_name = models.CharField(max_length=200, blank=True)
    norm_code = models.CharField(max_length=60)
    offerings = models.PositiveIntegerField(default=0)
    met = models.PositiveIntegerField(default=0)
    partly = models.PositiveIntegerField(default=0)
    not_yet = models.PositiveIntegerField(default=0)
    not_applicable = models.PositiveIntegerField(default=0)
    unanswered = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("quality figure of a month")
        verbose_name_plural = _("quality figures per month")
        ordering = ["month", "sector_slug", "norm_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "sector_slug", "norm_code"], name="one_quality_figure_a_month"
            )
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.sector_slug or '*'} {self.norm_code}"
