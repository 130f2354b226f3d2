"""Policy plans, their strategies and numbered actions, and the history of each action.

Honesty first (product.md §5, domain.md §2): an action whose text is not known has an empty
title and is shown as "still to be completed"; its status is "unknown" and its progress
``None`` until a progress update says otherwise. The history (``ProgressUpdate``) is
append-only: a row is never changed or deleted; a correction is a new row that names the
one it corrects.
"""

import calendar
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model_string

from aanspreekpunt.core.imports.models import ImportJobBase, ImportUploadBase
from aanspreekpunt.topics.models import Topic

TEXT_MAX_LENGTH = 5000


class Status(models.TextChoices):
    UNKNOWN = "unknown", _("unknown")
    NOT_STARTED = "not_started", _("not started")
    IN_PREPARATION = "in_preparation", _("in preparation")
    ONGOING = "ongoing", _("ongoing")
    REALISED = "realised", _("realised")
    ON_HOLD = "on_hold", _("on hold")
    STOPPED = "stopped", _("stopped")


class Precision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
    UNKNOWN = "unknown", _("date unknown")


class Actor(models.Model):
    """Who an action of the 2014 report is for: organisations, support centres and umbrella
    organisations, the Flemish government (Bouwstenen (2014))."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Plan(models.Model):
    """A policy document with its own numbered actions."""

    slug = models.SlugField(_("key"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    short_title = models.CharField(_("short title"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    # The number of actions the document has: the platform numbers them 1 .. action_count.
    action_count = models.PositiveSmallIntegerField(
        _("number of actions"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    # The report whose actions live at /beleidsacties/<number>/ (the URL contract).
    is_primary = models.BooleanField(_("main plan"), default=False)
    # True while the document's own numbering of its actions is not known: the numbers
    # shown are the platform's.
    numbering_is_platform = models.BooleanField(_("numbered by the platform"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_primary"],
                condition=models.Q(is_primary=True),
                name="beleidsacties_one_primary_plan",
            )
        ]

    def __str__(self):
        return self.short_title

    def get_absolute_url(self):
        return reverse("beleidsacties:plan", kwargs={"slug": self.slug})


class Strategy(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="strategies")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="beleidsacties_strategy_number")
        ]

    def __str__(self):
        return _("Strategy %(number)s: %(title)s") % {"number": self.number, "title": self.title}


class Action(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="actions")
    # The platform's number of the slot (1 .. plan.action_count), stable in web addresses.
    number = models.PositiveSmallIntegerField(_("number"))
    # The document's own number of the action, once a coordinator has recorded it.
    report_number = models.CharField(_("number in the document"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=TEXT_MAX_LENGTH)
    source = models.CharField(_("source"), max_length=300, blank=True)
    strategy = models.ForeignKey(
        Strategy,
        verbose_name=_("strategy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    # The strategy was read from the sources by the platform, not stated in them.
    strategy_inferred = models.BooleanField(_("strategy inferred"), default=False)
    actors = models.ManyToManyField(Actor, verbose_name=_("actors"), blank=True)
    is_priority = models.BooleanField(_("priority action"), default=False, db_index=True)
    # What this action serves in another plan: a strategy, or (once known) an action.
    serves_strategy = models.ForeignKey(
        Strategy,
        verbose_name=_("serves strategy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="served_by",
    )
    serves_action = models.ForeignKey(
        "self",
        verbose_name=_("serves action"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="served_by",
    )
    serves_inferred = models.BooleanField(_("link inferred"), default=False)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")
    # Follow the latest progress update (services.update_add); never set by hand.
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UNKNOWN, db_index=True
    )
    progress = models.PositiveSmallIntegerField(
        _("progress"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    last_update = models.ForeignKey(
        "ProgressUpdate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("policy action")
        verbose_name_plural = _("policy actions")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="beleidsacties_action_number"),
            models.CheckConstraint(
                condition=models.Q(progress__isnull=True) | models.Q(progress__lte=100),
                name="beleidsacties_action_progress_range",
            ),
        ]

    def __str__(self):
        return f"{self.plan.short_title} {self.number}: {self.display_title}"

    def get_absolute_url(self):
        if self.plan.is_primary:
            return reverse("beleidsacties:action_detail", kwargs={"number": self.number})
        return reverse(
            "beleidsacties:plan_action", kwargs={"slug": self.plan.slug, "number": self.number}
        )

    @property
    def is_known(self) -> bool:
        return bool(self.title)

    @property
    def display_title(self) -> str:
        return self.title or str(_("still to be completed"))

    def clean(self):
        if self.plan_id and not 1 <= (self.number or 0) <= self.plan.action_count:
            raise ValidationError(
                {
                    "number": _("The number must be between 1 and %(count)s.")
                    % {"count": self.plan.action_count}
                }
            )
        if self.strategy_id and self.plan_id and self.strategy.plan_id != self.plan_id:
            raise ValidationError({"strategy": _("This strategy belongs to another plan.")})


class AppendOnly(Exception):
    pass


class ProgressUpdate(models.Model):
    """One entry of an action's history: dated, attributable, never changed afterwards."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True, db_index=True)
    # When it happened, with the precision the evidence has ("2016-03" is a month).
    happened_on = models.DateField(_("date"), null=True, blank=True)
    happened_until = models.DateField(_("until"), null=True, blank=True)
    precision = models.CharField(
        _("precision of the date"), max_length=10, choices=Precision.choices, default=Precision.DAY
    )
    text = models.TextField(_("text"), max_length=TEXT_MAX_LENGTH)
    status_before = models.CharField(max_length=20, choices=Status.choices, blank=True)
    status_after = models.CharField(
        _("new status"), max_length=20, choices=Status.choices, blank=True
    )
    progress_before = models.PositiveSmallIntegerField(null=True, blank=True)
    progress_after = models.PositiveSmallIntegerField(
        _("new progress"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    evidence_url = models.URLField(_("evidence (web address)"), max_length=500, blank=True)
    evidence_source = models.CharField(_("source"), max_length=500, blank=True)
    # A published document (Wagtail's documents); visitors may download it because a
    # public object uses it (core.documents): the update is public.
    evidence_document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("evidence (document)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set when the author deleted their account (core.contributions.DELETED_MEMBER).
    author_pseudonym = models.CharField(max_length=40, blank=True)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    is_demo = models.BooleanField(_("demo content"), default=False)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-recorded_at", "-pk"]
        indexes = [models.Index(fields=["action", "-recorded_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress_after__isnull=True) | models.Q(progress_after__lte=100),
                name="beleidsacties_update_progress_range",
            ),
        ]

    def __str__(self):
        return f"{self.action.plan.short_title} {self.action.number} · {self.date_display}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("A progress update is never changed: add a correction.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("A progress update is never deleted: add a correction.")

    # Every update is on the public pages (aanspreekpunt.core.documents reads this).
    is_public = True

    @property
    def status_changed(self) -> bool:
        return bool(self.status_after) and self.status_after != self.status_before

    @property
    def progress_changed(self) -> bool:
        return self.progress_after is not None and self.progress_after != self.progress_before

    @property
    def author_display(self) -> str:
        if self.author_id:
            return self.author.get_full_name() or str(_("coordinator"))
        if self.author_pseudonym:
            return self.author_pseudonym
        return str(_("from the sources"))

    @property
    def effective_date(self) -> date:
        """The date the charts place the update on: its date, or the day it was recorded."""
        return self.happened_on or self.recorded_at.date()

    @property
    def date_display(self) -> str:
        return date_text(self.happened_on, self.precision, self.happened_until)


def date_text(day: date | None, precision: str, until: date | None = None) -> str:
    """A date as precise as it is known: "3 juni 2015", "maart 2016", "2020-2021" (an en dash)."""
    if day is None or precision == Precision.UNKNOWN:
        return str(_("date unknown"))
    formats = {
        Precision.DAY: "j F Y",
        Precision.MONTH: "F Y",
        Precision.YEAR: "Y",
    }
    text = date_format(day, formats[precision])
    if until is not None and until != day:
        text = f"{text}\u2013{date_format(until, formats[precision])}"
    return text


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


class IndicatorValue(models.Model):
    """The figures of one live indicator in one month, kept for the dashboard's history."""

    indicator = models.CharField(_("indicator"), max_length=120)
    month = models.DateField(_("month"))  # the first day of the month
    figures = models.JSONField(_("figures"), default=list)
    measured_at = models.DateTimeField(_("measured at"), auto_now=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "month"], name="beleidsacties_indicator_month"
            )
        ]

    def __str__(self):
        return f"{self.indicator} {self.month:%Y-%m}"


# --- Imports of the slots (aanspreekpunt.core.imports) ---------------------------------------


class ImportJob(ImportJobBase):
    class Meta(ImportJobBase.Meta):
        verbose_name = _("import of policy actions")
        verbose_name_plural = _("imports of policy actions")

    def get_absolute_url(self):
        return reverse("beleidsacties:import_job", kwargs={"pk": self.pk})


class ImportUpload(ImportUploadBase):
    job = models.OneToOneField(
        ImportJob, on_delete=models.CASCADE, primary_key=True, related_name="upload"
    )
