"""Spending on the training offer, recorded against the planned budget of its year."""

from decimal import Decimal

from django.db import transaction

from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.services import audit_record

from .. import messages as msg
from ..models import Spending


@transaction.atomic
def spending_record(*, data: dict, actor) -> Spending:
    if data["amount"] <= Decimal("0"):
        raise DomainError(msg.AMOUNT_POSITIVE)
    spending = Spending.objects.create(
        on=data["on"],
        category=data["category"],
        amount=data["amount"],
        note=data.get("note", ""),
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="vorming.spending.recorded",
        obj=spending,
        changes={"amount": str(spending.amount), "category": spending.category},
    )
    return spending
