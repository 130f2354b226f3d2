"""What the API's sync feed (``/api/v1/services?modified_after=…``) relies on.

An offering's ``updated_at`` moves on with everything its HSDS service shows: its own
fields, its hours and exceptions, its terms, its organisation (with the organisation's
sectors and areas) and the names of the terms and areas it carries. A published offering
that is deleted leaves a ``RemovedOffering`` behind, so consumers delete it too.

The receivers are connected in ``SocialeKaartConfig.ready()``; writes that send no
signals (``bulk_create``) call ``offerings_touch`` themselves.
"""

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone

from .models import (
    Modality,
    Municipality,
    Offering,
    OpeningException,
    OpeningHours,
    Organisation,
    Province,
    RemovedOffering,
    Sector,
    TargetGroup,
    Theme,
)


def offerings_touch(*, condition: Q) -> None:
    """Mark the offerings that match ``condition`` as changed now (without their signals)."""
    Offering.objects.filter(condition).update(updated_at=timezone.now())


# Fields of an offering the API does not show: saving only these is no change of the service.
UNSHOWN_FIELDS = {
    "updated_at",
    "link_status",
    "link_error",
    "link_checked_at",
    "review_reminder_sent_at",
    "pending_changes",
    "moderation_note",
    "moderation_state",
    "submitted_at",
}


def _offering_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    # ``save(update_fields=[...])`` without updated_at leaves auto_now alone: archiving, say.
    if raw or update_fields is None or "updated_at" in update_fields:
        return
    if set(update_fields) - UNSHOWN_FIELDS:
        offerings_touch(condition=Q(pk=instance.pk))


def _offering_deleted(sender, instance, **kwargs):
    if instance.published_at is None and not instance.is_public:
        return  # never on the map: no consumer has it
    RemovedOffering.objects.update_or_create(
        uuid=instance.uuid, defaults={"name": instance.name[:200], "removed_at": timezone.now()}
    )


def _hours_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        offerings_touch(condition=Q(pk=instance.offering_id))


def _organisation_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        offerings_touch(condition=Q(organisation_id=instance.pk))


def _links_changed(field_to_offering: str):
    """A many-to-many change of offerings (or of organisations: through ``organisation``)."""

    def changed(sender, instance, action, reverse, pk_set, **kwargs):
        if action not in ("post_add", "post_remove", "pre_clear"):
            return
        if not reverse:
            offerings_touch(condition=Q(**{field_to_offering: instance.pk}))
        elif action == "pre_clear":  # a term loses all its links: touch what it had
            offerings_touch(condition=_offerings_of_term(instance))
        elif pk_set:
            offerings_touch(condition=Q(**{f"{field_to_offering}__in": pk_set}))

    return changed


# A renamed term or area changes what the services that carry it show.
def _offerings_of_term(term) -> Q:
    """The offerings that show ``term`` (a term of a vocabulary, a sector or an area)."""
    pk = term.pk
    return {
        Modality: Q(modalities=pk) | Q(hours_modality=pk),
        TargetGroup: Q(target_groups=pk),
        Theme: Q(themes=pk),
        Sector: Q(organisation__sectors=pk),
        Province: Q(organisation__provinces=pk),
        Municipality: Q(organisation__municipalities=pk),
    }[type(term)]


def _term_before_save(sender, instance, raw=False, **kwargs):
    instance._name_before = None
    if not raw and instance.pk:
        instance._name_before = (
            sender.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
        )


def _term_saved(sender, instance, created, raw=False, **kwargs):
    before = getattr(instance, "_name_before", None)
    if not raw and not created and before is not None and before != instance.name:
        offerings_touch(condition=_offerings_of_term(instance))


def connect() -> None:
    uid = "socialekaart.feed"
    post_save.connect(_offering_saved, sender=Offering, dispatch_uid=f"{uid}:offering")
    post_delete.connect(_offering_deleted, sender=Offering, dispatch_uid=f"{uid}:offering")
    for model in (OpeningHours, OpeningException):
        post_save.connect(_hours_changed, sender=model, dispatch_uid=f"{uid}:{model.__name__}")
        post_delete.connect(_hours_changed, sender=model, dispatch_uid=f"{uid}:{model.__name__}")
    post_save.connect(_organisation_saved, sender=Organisation, dispatch_uid=f"{uid}:org")
    for model, field_to_offering in ((Offering, "pk"), (Organisation, "organisation")):
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                _links_changed(field_to_offering),
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}:{model.__name__}:{field.name}",
                weak=False,
            )
    for model in (Modality, TargetGroup, Theme, Sector, Province, Municipality):
        pre_save.connect(_term_before_save, sender=model, dispatch_uid=f"{uid}:{model.__name__}")
        post_save.connect(_term_saved, sender=model, dispatch_uid=f"{uid}:{model.__name__}")
