"""Demo content of the tracker: one progress update, marked as demo content.

The plans, strategies, known actions and the sourced follow-up of the ministerial actions
are reference data (``reference``), not demo. The demo coordinator adds one made-up update
to a priority action so the dashboard has a figure; it is shown as demo content.
"""

from datetime import date

from django.db import transaction

from aanspreekpunt.accounts import roles
from aanspreekpunt.accounts.demo import DEMO_ACCOUNTS, demo_account

from . import reference, services
from .models import Action, Status

COORDINATOR_EMAIL = next(
    email for email, groups, *_ in DEMO_ACCOUNTS if roles.COORDINATORS in groups
)
DEMO_TEXT = (
    "Demo-inhoud: deze update is verzonnen om het platform te tonen. De coördinatoren "
    "bespreken met koepels en steunpunten hoe de expertise over onlinehulp gebundeld wordt."
)


def seed() -> list[str]:
    with transaction.atomic():
        reference.reference_data_load()
        action = Action.objects.get(plan__is_primary=True, number=6)
        if action.updates.filter(is_demo=True).exists():
            return ["  demo-update bestaat al"]
        services.update_add(
            action=action,
            actor=demo_account(COORDINATOR_EMAIL),
            data={
                "text": DEMO_TEXT,
                "happened_on": date(2026, 1, 15),
                "precision": "month",
                "status_after": Status.IN_PREPARATION,
                "progress_after": 10,
            },
            is_demo=True,
        )
    return ["  1 demo-update bij prioritaire actie 6"]
