"""Training (vorming): management platforms and their meetings, sessions and registrations.

Basisvorming-nota (2015): track 1 is a teaser of at most two hours at a management meeting;
track 2 a training day of one or two half-days. The reference data (platforms, meetings,
ingredients, angles, the training-day plan and the budget) is loaded from
``fixtures/vorming.json``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from aanspreekpunt.core.documents import private_file_storage
from aanspreekpunt.core.fields import PlainCharField, PlainTextField

TEASER_MAX_MINUTES = 120  # Basisvorming-nota (2015) §4.2
HALF_DAY_MAX_MINUTES = 240
HOLD_HOURS = 48  # an unconfirmed place lapses after this
NOTE_MAX_LENGTH = 2000
DESCRIPTION_MAX_LENGTH = 5000


class Platform(models.Model):
    """A management platform (directie-overlegplatform), reached through an umbrella
    organisation; its meetings are the unit of the outreach pipeline."""

    sector = models.ForeignKey(
        "socialekaart.Sector", verbose_name=_("sector"), on_delete=models.PROTECT, related_name="+"
    )
    subsector = models.ForeignKey(
        "socialekaart.Subsector",
        verbose_name=_("subsector"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    via = PlainCharField(_("reached through"), max_length=200)
    note = PlainCharField(_("note"), max_length=300, blank=True)
    contact_name = PlainCharField(_("contact"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    source = PlainCharField(_("source"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("management platform")
        verbose_name_plural = _("management platforms")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["sector", "via"], name="vorming_unique_platform")
        ]

    def __str__(self):
        return f"{self.via} ({self.sector})"


class Meeting(models.Model):
    """One management meeting of a platform, where a teaser can be given."""

    class State(models.TextChoices):
        TO_CONTACT = "to_contact", _("to contact")
        CONTACTED = "contacted", _("contacted")
        SCHEDULED = "scheduled", _("scheduled")
        GIVEN = "given", _("given")
        DECLINED = "declined", _("declined")

    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="meetings")
    number = models.PositiveSmallIntegerField(_("number"))
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.TO_CONTACT, db_index=True
    )
    state_changed_on = models.DateField(_("since"), null=True, blank=True)
    note = PlainTextField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = _("management meeting")
        verbose_name_plural = _("management meetings")
        ordering = ["platform__sort_order", "platform_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["platform", "number"], name="vorming_unique_meeting")
        ]

    def __str__(self):
        return f"{self.platform.via} #{self.number}"


class MeetingEvent(models.Model):
    """A dated move of a meeting through the pipeline."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_state = models.CharField(max_length=20, choices=Meeting.State.choices)
    to_state = models.CharField(max_length=20, choices=Meeting.State.choices)
    on = models.DateField(_("date"))
    note = PlainTextField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-pk"]

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"


class Element(models.Model):
    """A teaser ingredient (§4.2), a training-day angle (§5.2), or a deepening or broadening
    topic of the training day."""

    class Kind(models.TextChoices):
        INGREDIENT = "ingredient", _("ingredient")
        ANGLE = "angle", _("angle")
        DEEPENING = "deepening", _("deepening topic")
        BROADENING = "broadening", _("broadening topic")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = PlainCharField(_("name"), max_length=200)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["kind", "sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="vorming_unique_element")
        ]

    def __str__(self):
        return self.name


class Session(models.Model):
    class Kind(models.TextChoices):
        TEASER = "teaser", _("teaser")
        TRAINING_DAY = "training_day", _("training day")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        CONFIRMED = "confirmed", _("confirmed")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("hybrid")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    title = PlainCharField(_("title"), max_length=200)
    slug = models.SlugField(_("key"), max_length=220, unique=True)
    description = PlainTextField(_("description"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    sector = models.ForeignKey(
        "socialekaart.Sector",
        verbose_name=_("sector"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for an intersectoral training day."),
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("management meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
    )
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"))
    second_start = models.DateTimeField(_("start of the second half-day"), null=True, blank=True)
    second_end = models.DateTimeField(_("end of the second half-day"), null=True, blank=True)
    mode = models.CharField(_("form"), max_length=20, choices=Mode.choices, default=Mode.IN_PERSON)
    place = PlainCharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("places"))
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    elements = models.ManyToManyField(Element, verbose_name=_("checklist"), blank=True)
    topics = models.ManyToManyField(
        "topics.Topic", verbose_name=_("topics"), blank=True, related_name="+"
    )
    trainers = PlainCharField(_("trainers"), max_length=300, blank=True)
    co_organisers = PlainCharField(
        _("co-organising umbrella organisations"), max_length=300, blank=True
    )
    is_demo = models.BooleanField(_("demo content"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["status", "start"], name="vorming_session_status_start")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("vorming:session_detail", args=[self.pk])

    @property
    def parts(self) -> list[tuple]:
        """(start, end) of each half-day or of the teaser."""
        parts = [(self.start, self.end)]
        if self.second_start and self.second_end:
            parts.append((self.second_start, self.second_end))
        return parts

    @property
    def last_end(self):
        return self.second_end or self.end

    @property
    def free_places(self) -> int:
        """From the ``taken`` annotation of the selectors."""
        return max(0, self.capacity - getattr(self, "taken", 0))

    @property
    def is_online(self) -> bool:
        return self.mode in (self.Mode.ONLINE, self.Mode.HYBRID)


class Registration(models.Model):
    """A person's place (or waiting-list entry) in a session. Personal data: erased 12 months
    after the session, keeping the counts."""

    class Function(models.TextChoices):
        DIRECTOR = "director", _("director")
        MIDDLE_MANAGER = "middle_manager", _("middle manager")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        HELD = "held", _("place held, e-mail address not confirmed yet")
        CONFIRMED = "confirmed", _("confirmed")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")
        LAPSED = "lapsed", _("lapsed")

    TAKING_PLACE = (Status.HELD, Status.CONFIRMED)
    ACTIVE = (Status.HELD, Status.CONFIRMED, Status.WAITING)

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vorming_registrations",
    )
    name = PlainCharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    organisation = PlainCharField(_("organisation"), max_length=200)
    function = models.CharField(_("function"), max_length=20, choices=Function.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    # Order on the waiting list: handed out under the session's lock, never reused.
    waiting_number = models.PositiveIntegerField(null=True, blank=True)
    token = models.CharField(max_length=64, unique=True)
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    hold_expires_at = models.DateTimeField(null=True, blank=True, db_index=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    evaluation_invited_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "session",
                condition=Q(status__in=["held", "confirmed", "waiting"]),
                name="vorming_one_active_registration_per_address",
            ),
            models.UniqueConstraint(
                fields=["session", "waiting_number"], name="vorming_unique_waiting_number"
            ),
        ]
        indexes = [models.Index(fields=["session", "status"], name="vorming_reg_session_status")]

    def __str__(self):
        # No personal data: this text lands in the audit log.
        return f"{_('registration')} #{self.pk}"


class TrainingDayPlan(models.Model):
    """Planned training days per sector and year (Basisvorming-nota (2015) §5.4)."""

    sector = models.ForeignKey("socialekaart.Sector", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    days = models.PositiveSmallIntegerField(_("training days"))
    note = PlainCharField(_("note"), max_length=300, blank=True)
    source = PlainCharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["year", "sector__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["sector", "year"], name="vorming_unique_plan")
        ]

    def __str__(self):
        return f"{self.sector} {self.year}: {self.days}"


class BudgetYear(models.Model):
    """The planned budget of one year (Basisvorming-nota (2015) §7.4), in euro."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    personnel = models.DecimalField(_("personnel"), max_digits=10, decimal_places=2)
    operating = models.DecimalField(_("operating"), max_digits=10, decimal_places=2)
    overhead = models.DecimalField(_("overhead"), max_digits=10, decimal_places=2)
    note = PlainCharField(_("note"), max_length=300, blank=True)
    source = PlainCharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["year"]

    def __str__(self):
        return str(self.year)

    @property
    def total(self):
        return self.personnel + self.operating + self.overhead


class Spending(models.Model):
    """Money spent on the training offer, against the year's planned budget."""

    class Category(models.TextChoices):
        PERSONNEL = "personnel", _("personnel")
        OPERATING = "operating", _("operating")
        OVERHEAD = "overhead", _("overhead")

    on = models.DateField(_("date"), db_index=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    note = PlainCharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("spending")
        verbose_name_plural = _("spending")
        ordering = ["-on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="vorming_spending_positive")
        ]

    def __str__(self):
        return f"{self.on} {self.category} {self.amount}"


class Evaluation(models.Model):
    """An attendee's short evaluation of a session: 1 to 5 overall and per ingredient or
    angle, and a comment. Only attendees get the link."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="evaluation"
    )
    overall = models.PositiveSmallIntegerField(_("overall score"))
    comment = PlainTextField(_("comment"), max_length=NOTE_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.CheckConstraint(
                condition=Q(overall__gte=1, overall__lte=5), name="vorming_overall_1_to_5"
            )
        ]

    def __str__(self):
        return f"{_('evaluation')} #{self.pk}"


class ElementScore(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "element"], name="vorming_one_score"),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="vorming_score_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.element}: {self.score}"


def material_path(instance, filename: str) -> str:
    return f"vorming/materiaal/{instance.session_id}/{filename}"


class Material(models.Model):
    """A document or link of a session: public (in the library and on the session page) or
    for the session's participants only, served after a permission check."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="materials")
    title = PlainCharField(_("title"), max_length=200)
    link = models.URLField(_("link"), blank=True)
    file = models.FileField(
        _("file"), upload_to=material_path, storage=private_file_storage, blank=True, max_length=300
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Public material is in the library; other material is for participants."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["-created_at", "pk"]
        indexes = [models.Index(fields=["is_public", "created_at"], name="vorming_material_public")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.link:
            return self.link
        return reverse("vorming:material_file", args=[self.pk])
