"""Attendees, and only they, evaluate a session; results per session, sector and
ingredient or angle."""

import pytest

from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.models import OutboundEmail
from tests.sessions import login
from vorming import messages as msg
from vorming import selectors, services
from vorming.models import Element, Evaluation

from .factories import link_value, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(session, coordinator):
    """A session with two checklist items, held, one registrant present and one not."""
    angles = [
        Element.objects.create(kind="angle", name=f"Invalshoek {n}", sort_order=n) for n in (1, 2)
    ]
    session.elements.set(angles)
    came, absent = register(session, 1), register(session, 2)
    services.session_set_status(session=session, to_status="held", actor=coordinator)
    services.attendance_record(session=session, present={came.pk}, actor=coordinator)
    return session, came, absent, angles


def test_only_attendees_are_invited_and_only_once(held, coordinator):
    session, came, _, _ = held
    invites = OutboundEmail.objects.filter(subject__startswith="Uw evaluatie")
    assert [email.to for email in invites] == [[came.email]]
    services.attendance_record(session=session, present={came.pk}, actor=coordinator)
    assert invites.count() == 1
    assert "/vorming/evaluatie/" in invites.get().body


def test_an_attendee_evaluates_through_the_link(client, held):
    _, came, _, angles = held
    url = f"/vorming/evaluatie/{link_value(came, 'evaluate')}/"
    assert "Invalshoek 1" in client.get(url).content.decode()
    response = client.post(
        url, {"overall": "4", f"element_{angles[0].pk}": "5", "comment": "Boeiend"}
    )
    assert "Bedankt voor uw evaluatie." in response.content.decode()
    evaluation = Evaluation.objects.get()
    assert (evaluation.overall, evaluation.comment) == (4, "Boeiend")
    assert [s.score for s in evaluation.scores.all()] == [5]
    assert "al geëvalueerd" in client.post(url, {"overall": "1"}).content.decode()


def test_a_non_attendee_cannot_evaluate(client, held):
    _, _, absent, _ = held
    url = f"/vorming/evaluatie/{link_value(absent, 'evaluate')}/"
    response = client.post(url, {"overall": "5"})
    assert response.status_code == 403
    assert not Evaluation.objects.exists()
    with pytest.raises(DomainError) as refused:
        services.evaluation_submit(registration=absent, overall=5, scores={}, comment="")
    assert refused.value.message == msg.EVALUATION_ATTENDEES_ONLY


@pytest.mark.parametrize("overall", ["0", "6", "", "vijf"])
def test_a_score_outside_1_to_5_is_a_dutch_error(client, held, overall):
    _, came, _, _ = held
    response = client.post(
        f"/vorming/evaluatie/{link_value(came, 'evaluate')}/", {"overall": overall}
    )
    assert response.status_code == 400
    assert not Evaluation.objects.exists()


def test_results_per_session_sector_and_angle(held, client, coordinator):
    session, came, _, angles = held
    services.evaluation_submit(
        registration=came, overall=4, scores={angles[0]: 5, angles[1]: 2}, comment="Goed"
    )
    results = selectors.evaluation_results()
    assert results["sessions"][0]["average"] == 4
    assert results["sectors"][0]["label"] == session.sector.name
    assert [(r["label"], r["average"]) for r in results["angles"]] == [
        ("Invalshoek 1", 5),
        ("Invalshoek 2", 2),
    ]
    login(client, coordinator, two_factor=True)
    text = client.get("/vorming/evaluaties/").content.decode()
    assert "bar--w100" in text  # 5 of 5 as a bar, with its number in the table
    assert "Invalshoek 2" in text
