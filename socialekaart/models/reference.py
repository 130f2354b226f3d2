"""The service map's reference data: sectors, vocabularies, provinces, municipalities."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.Model):
    """A sector of welfare and health, with its number of organisations in Flanders
    (Basisvorming-nota (2015))."""

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


class TaxonomyTerm(models.Model):
    """A term of one of the map's vocabularies; the slug is the stable key used in URLs."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("key"), max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Modality(TaxonomyTerm):
    class Family(models.TextChoices):
        # domain.md §4.2: the three families of online help
        INFORMATIVE = "informative", _("informative")
        COMMUNICATIVE = "communicative", _("communicative")
        SUPPORTIVE = "supportive", _("supportive")

    family = models.CharField(_("family"), max_length=20, choices=Family.choices)
    synchronous = models.BooleanField(_("in real time"), default=False)

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("modality")
        verbose_name_plural = _("modalities")


class TargetGroup(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Theme(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Province(models.Model):
    """A Flemish province, or the Brussels-Capital Region."""

    BRUSSELS = "brussels-hoofdstedelijk-gewest"  # the region's key (fixtures/provinces.json)

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("key"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Municipality(models.Model):
    """A municipality of Flanders or Brussels, as Statbel lists it (REFNIS code)."""

    nis_code = models.CharField(_("REFNIS code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=80)
    name_fr = models.CharField(_("French name"), max_length=80, blank=True)
    province = models.ForeignKey(
        Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PostalCode(models.Model):
    """A postcode of a municipality; a few postcodes are shared by two municipalities."""

    code = models.CharField(_("postcode"), max_length=4, db_index=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="postal_codes",
    )

    class Meta:
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "municipality"], name="unique_postal_code")
        ]

    def __str__(self):
        return f"{self.code} {self.municipality.name}"
