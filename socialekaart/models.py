from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.Model):
    """A sector of welfare and health (seed 004), with its number of organisations in Flanders."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    organisation_count = models.PositiveIntegerField(
        _("organisations in Flanders"),
        null=True,
        blank=True,
        help_text=_("Empty when the source gives no number."),
    )
    survey_response_over_half = models.BooleanField(
        _("more than half answered the 2015 survey"), default=False
    )
    examples = models.JSONField(_("examples"), default=list, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Subsector(models.Model):
    sector = models.ForeignKey(Sector, on_delete=models.CASCADE, related_name="subsectors")
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("subsector")
        verbose_name_plural = _("subsectors")
        ordering = ["sector", "name"]
        constraints = [
            models.UniqueConstraint(fields=["sector", "name"], name="unique_subsector_per_sector")
        ]

    def __str__(self):
        return self.name
