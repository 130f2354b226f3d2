from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from aanspreekpunt.core.fields import PlainCharField, PlainTextField, length_constraint
from aanspreekpunt.core.imports.models import ImportJobBase, ImportUploadBase

from . import messages as msg
from .validators import validate_enterprise_number

# Limits of the texts people type (the longest in the demo data is under 300 characters).
DESCRIPTION_MAX_LENGTH = 5000  # about two pages: what a visitor reads on one screen and more
NOTE_MAX_LENGTH = 2000  # a coordinator's note on a decision, as the note form allows
HOURS_NOTE_MAX_LENGTH = 1000  # opening hours in words, beside the weekly table
MOTIVATION_MAX_LENGTH = 1000  # a member's function in the organisation, as the form allows


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


class Organisation(models.Model):
    name = PlainCharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    enterprise_number = models.CharField(
        _("enterprise number (KBO)"),
        max_length=10,
        blank=True,
        validators=[validate_enterprise_number],
        help_text=_("Ten digits, for example 0123456749."),
    )
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), blank=True)
    umbrella_organisation = models.ForeignKey(
        "self",
        verbose_name=_("umbrella organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = PlainCharField(_("phone"), max_length=40, blank=True)
    street = PlainCharField(_("street and number"), max_length=200, blank=True)
    postcode = PlainCharField(_("postcode"), max_length=4, blank=True)
    city = PlainCharField(_("city"), max_length=80, blank=True)
    serves_all_flanders = models.BooleanField(_("serves all of Flanders"), default=False)
    serves_brussels = models.BooleanField(_("serves Brussels"), default=False)
    provinces = models.ManyToManyField(Province, verbose_name=_("provinces served"), blank=True)
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities served"), blank=True
    )
    description = PlainTextField(_("description"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise_number"],
                condition=~models.Q(enterprise_number=""),
                name="unique_enterprise_number",
            ),
            length_constraint("organisation", "description", DESCRIPTION_MAX_LENGTH),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("socialekaart:organisation_detail", kwargs={"slug": self.slug})

    def service_areas(self) -> list[tuple[str, str, str | None]]:
        """(kind, name, code) of every area served, from prefetched provinces and
        municipalities: the organisation page and the API show the same list."""
        rows: list[tuple[str, str, str | None]] = []
        if self.serves_all_flanders:
            rows.append(("flanders", gettext("All of Flanders"), None))
        if self.serves_brussels:
            rows.append(("brussels", gettext("Brussels"), None))
        rows += [("province", p.name, p.slug) for p in self.provinces.all()]
        rows += [("municipality", m.name, m.nis_code) for m in self.municipalities.all()]
        return rows


class Representation(models.Model):
    """A member's request to represent an organisation, and the coordinator's decision.

    When the member deletes their account the request stays, without them (``user`` is
    empty): an open request is withdrawn, a decided one remains as history."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        APPROVED = "approved", _("approved")
        REFUSED = "refused", _("refused")
        WITHDRAWN = "withdrawn", _("withdrawn")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="representations",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="representations",
    )
    # For a new organisation: what the member proposes, until a coordinator approves it.
    proposed_name = PlainCharField(_("name of the new organisation"), max_length=200, blank=True)
    proposed_enterprise_number = models.CharField(
        _("enterprise number (KBO)"),
        max_length=10,
        blank=True,
        validators=[validate_enterprise_number],
    )
    proposed_sector = models.ForeignKey(
        Sector, verbose_name=_("sector"), null=True, blank=True, on_delete=models.SET_NULL
    )
    motivation = PlainTextField(
        _("your function in the organisation"), max_length=MOTIVATION_MAX_LENGTH, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = PlainTextField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("representation")
        verbose_name_plural = _("representations")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]
        # Checked by the services with a message; here so that simultaneous requests
        # cannot both pass the check.
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=models.Q(status__in=["requested", "approved"]),
                name="one_open_request_per_member_and_organisation",
            ),
            models.UniqueConstraint(
                "user",
                Lower("proposed_name"),
                condition=models.Q(organisation__isnull=True, status="requested"),
                name="one_open_request_per_member_and_new_name",
            ),
            models.UniqueConstraint(
                fields=["proposed_enterprise_number"],
                condition=models.Q(organisation__isnull=True, status="requested")
                & ~models.Q(proposed_enterprise_number=""),
                name="one_open_request_per_new_enterprise_number",
            ),
            length_constraint("representation", "motivation", MOTIVATION_MAX_LENGTH),
            length_constraint("representation", "decision_note", NOTE_MAX_LENGTH),
        ]

    def __str__(self):
        member = self.user if self.user_id else gettext("deleted member")
        return f"{member}: {self.organisation or self.proposed_name}"

    @property
    def organisation_name(self) -> str:
        return self.organisation.name if self.organisation else self.proposed_name


class Offering(models.Model):
    """One online-help service of an organisation (onlinehulpaanbod)."""

    class Status(models.TextChoices):
        REALISED = "realised", _("realised")
        PLANNED = "planned", _("planned")
        PILOT = "pilot", _("pilot")
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
    name = PlainCharField(_("name"), max_length=200)
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
            models.Index(fields=["is_public", "status"]),
            models.Index(fields=["is_public", "anonymity"]),
            models.Index(fields=["is_public", "always_available"]),
            models.Index(fields=["moderation_state", "submitted_at"]),
            models.Index(fields=["is_public", "last_reviewed_at"]),
            models.Index(fields=["link_status"]),
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
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("socialekaart:offering_detail", kwargs={"slug": self.slug})

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


class ImportJob(ImportJobBase):
    """A coordinator's bulk import of organisations and offerings (socialekaart.imports)."""

    class Meta(ImportJobBase.Meta):
        indexes = [models.Index(fields=["status", "created_at"])]

    def get_absolute_url(self):
        return reverse("socialekaart:import_job", kwargs={"pk": self.pk})


class ImportUpload(ImportUploadBase):
    job = models.OneToOneField(
        ImportJob, on_delete=models.CASCADE, primary_key=True, related_name="upload"
    )

    class Meta(ImportUploadBase.Meta):
        pass
