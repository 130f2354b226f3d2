"""Organisations on the map and the requests to represent them."""

from uuid import uuid4

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from aanspreekpunt.core.fields import PlainCharField, PlainTextField, length_constraint

from ..validators import validate_enterprise_number
from .limits import DESCRIPTION_MAX_LENGTH, MOTIVATION_MAX_LENGTH, NOTE_MAX_LENGTH
from .reference import Municipality, Province, Sector


class Organisation(models.Model):
    # The organisation's id in the API (HSDS wants UUIDs): kept through renames and imports.
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
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
