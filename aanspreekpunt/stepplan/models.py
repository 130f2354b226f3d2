"""The implementation step plan (Implementeren van onlinehulp, 2019) and each organisation's
walk through it in "Mijn organisatie".

An organisation's progress is its own: only its representatives and the coordinators see
it, unless the organisation chooses to share it. Public figures are shares per sector,
never shown for fewer than ``stepplan.selectors.MIN_ORGANISATIONS`` organisations.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanspreekpunt.core.fields import PlainTextField, length_constraint

NOTE_MAX_LENGTH = 2_000


class Step(models.Model):
    """One of the 14 steps; loaded from fixtures/implementation_steps.json by a migration."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    questions = models.JSONField(_("questions"), default=list, blank=True)
    # The professional topic whose articles, practices and sessions the step points to.
    topic = models.ForeignKey(
        "topics.Topic",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.name}"


class OrganisationPlan(models.Model):
    """An organisation's choice to show its progress in public (off unless it says so)."""

    organisation = models.OneToOneField(
        "socialekaart.Organisation", on_delete=models.CASCADE, related_name="step_plan"
    )
    shares_progress = models.BooleanField(_("show our progress in public"), default=False)

    class Meta:
        verbose_name = _("organisation's step plan")
        verbose_name_plural = _("organisations' step plans")

    def __str__(self):
        return str(self.organisation)


class StepProgress(models.Model):
    class State(models.TextChoices):
        NOT_STARTED = "not_started", _("not started")
        BUSY = "busy", _("busy")
        DONE = "done", _("done")
        NOT_APPLICABLE = "not_applicable", _("not applicable")

    FINISHED = (State.DONE, State.NOT_APPLICABLE)

    organisation = models.ForeignKey(
        "socialekaart.Organisation", on_delete=models.CASCADE, related_name="step_progress"
    )
    step = models.ForeignKey(Step, on_delete=models.PROTECT, related_name="progress")
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.NOT_STARTED
    )
    # When the state last changed: a step busy for more than six months is "stuck".
    state_since = models.DateTimeField(_("in this state since"))
    note = PlainTextField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    note_date = models.DateField(_("date of the note"), null=True, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("step progress")
        verbose_name_plural = _("step progress")
        ordering = ["organisation_id", "step__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "step"], name="stepplan_one_progress_per_step"
            ),
            length_constraint("stepplan_stepprogress", "note", NOTE_MAX_LENGTH),
        ]
        indexes = [
            models.Index(fields=["step", "state"]),
            models.Index(fields=["state", "state_since"]),
        ]

    def __str__(self):
        return f"{self.organisation_id}: {self.step_id} {self.state}"
