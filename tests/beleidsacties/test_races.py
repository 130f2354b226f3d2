"""Simultaneous updates of one action: applied one after the other, none lost."""

import itertools

import pytest

from aanspreekpunt.accounts import roles
from beleidsacties import reference, services
from beleidsacties.models import Action, ProgressUpdate
from tests.factories import UserFactory
from tests.threads import needs_postgresql, run_at_once

pytestmark = [
    needs_postgresql,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("role_groups_restored"),
]

THREADS = 10


def test_simultaneous_updates_form_one_unbroken_history():
    reference.reference_data_load()  # a transactional test starts from a flushed database
    coordinator = UserFactory(groups=[roles.COORDINATORS])
    action = Action.objects.get(plan__is_primary=True, number=6)

    def post(index):
        return services.update_add(
            action=action,
            actor=coordinator,
            data={"text": f"Update {index}", "progress_after": 10 * index},
        )

    results = run_at_once(post, THREADS)
    assert all(isinstance(result, ProgressUpdate) for result in results), results
    history = list(ProgressUpdate.objects.filter(action=action).order_by("pk"))
    assert len(history) == THREADS
    # each update saw the progress the one before it left: the row lock ordered them
    for before, after in itertools.pairwise(history):
        assert after.progress_before == before.progress_after
    action.refresh_from_db()
    assert action.progress == history[-1].progress_after
    assert action.last_update == history[-1]
