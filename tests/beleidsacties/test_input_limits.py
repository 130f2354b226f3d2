"""Bad input in addresses, filters and forms is answered, never a server error."""

import pytest

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


@pytest.mark.parametrize(
    "url",
    [
        f"/beleidsacties/?strategie={HUGE}",
        f"/beleidsacties/?plan={HUGE}&actor={HUGE}&status={HUGE}",
        "/beleidsacties/?strategie=-1&prioriteit=misschien",
        f"/beleidsacties/export.csv?strategie={HUGE}",
        f"/beleidsacties/{HUGE}/",
        f"/beleidsacties/plannen/bouwstenen-2014/{HUGE}/",
    ],
)
def test_odd_addresses_and_filters_are_answered(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404)


@pytest.mark.parametrize(
    "field", ["corrects", "evidence_document", "progress_after", "status_after", "happened_on"]
)
def test_odd_form_values_are_form_errors(coordinator_client, priority_action, field):
    data = {"text": "Iets", "happened_on": "2026-01-01", "precision": "day", field: HUGE}
    response = coordinator_client.post("/beleidsacties/plannen/bouwstenen-2014/6/update/", data)
    assert response.status_code == 400
    assert not priority_action.updates.exists()


def test_an_odd_strategy_in_the_edit_form_is_a_form_error(coordinator_client):
    response = coordinator_client.post(
        "/beleidsacties/plannen/bouwstenen-2014/20/bewerken/", {"strategy": HUGE}
    )
    assert response.status_code == 400
