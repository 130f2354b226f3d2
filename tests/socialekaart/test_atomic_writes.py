"""Every service that writes is atomic as a whole: when its audit row cannot be written, the
change it made is rolled back too."""

from datetime import date

import pytest

from aanspreekpunt.core.models import AuditEntry
from socialekaart import services
from socialekaart.models import Offering, OpeningException

from .conftest import make_offering

pytestmark = pytest.mark.django_db


class AuditDown(Exception):
    pass


def test_a_date_exception_is_not_kept_without_its_audit_row(organisation, coordinator, monkeypatch):
    offering = make_offering(organisation, coordinator)
    monkeypatch.setattr(services.hours, "audit_record", _refuse)
    with pytest.raises(AuditDown):
        services.opening_exception_set(
            offering=offering, actor=coordinator, day=date(2026, 12, 25), closed=True
        )
    assert not OpeningException.objects.exists()


def test_a_date_exception_is_not_removed_without_its_audit_row(
    organisation, coordinator, monkeypatch
):
    offering = make_offering(organisation, coordinator)
    exception = services.opening_exception_set(
        offering=offering, actor=coordinator, day=date(2026, 12, 25), closed=True
    )
    monkeypatch.setattr(services.hours, "audit_record", _refuse)
    with pytest.raises(AuditDown):
        services.opening_exception_delete(
            offering=offering, actor=coordinator, exception_id=exception.pk
        )
    assert OpeningException.objects.filter(pk=exception.pk).exists()


def test_a_moderation_step_is_not_taken_without_its_audit_row(
    organisation, coordinator, monkeypatch
):
    offering = make_offering(organisation, coordinator, publish=False)
    audited = AuditEntry.objects.count()
    monkeypatch.setattr(services.offerings, "audit_record", _refuse)
    with pytest.raises(AuditDown):
        services.offering_transition(
            offering=offering, actor=coordinator, to_state=Offering.Moderation.SUBMITTED
        )
    offering.refresh_from_db()
    assert offering.moderation_state == Offering.Moderation.DRAFT
    assert not offering.moderation_events.filter(to_state=Offering.Moderation.SUBMITTED).exists()
    assert AuditEntry.objects.count() == audited


def _refuse(**kwargs):
    raise AuditDown
