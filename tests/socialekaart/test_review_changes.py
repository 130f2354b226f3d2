"""The coordinator's review page: every field, and a change against the published version as
a readable diff (names of terms, never ids)."""

from datetime import time

import pytest

from socialekaart import services
from socialekaart.changes import word_diff
from socialekaart.models import TargetGroup
from tests.sessions import login

from .conftest import make_offering

pytestmark = pytest.mark.django_db


def review_page(client, coordinator, offering) -> str:
    login(client, coordinator, two_factor=True)
    response = client.get(f"/sociale-kaart/moderatie/aanbod/{offering.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_change_is_shown_against_the_published_version_with_names(
    client, organisation, coordinator, representative, chat, youth
):
    offering = make_offering(
        organisation,
        coordinator,
        name="Jongerenchat",
        description="Anoniem chatten met een hulpverlener.",
        modalities=[chat],
        target_groups=[youth],
        hours=[{"weekday": 0, "opens": time(18), "closes": time(22)}],
    )
    parents = TargetGroup.objects.create(name="Ouders", slug="ouders")
    services.offering_update(
        offering=offering,
        actor=representative,
        data={
            "name": "Jongerenchat",
            "description": "Anoniem chatten met een vrijwilliger.",
            "modalities": [chat],
            "target_groups": [youth, parents],
            "cost": "free",
        },
        hours=[{"weekday": 2, "opens": time(19), "closes": time(21)}],
    )
    services.offering_submit(offering=offering, actor=representative)
    html = review_page(client, coordinator, offering)
    assert "<del>hulpverlener.</del> <ins>vrijwilliger.</ins>" in html
    assert "Jongeren, Ouders" in html
    assert f">{parents.pk}<" not in html
    assert "woensdag 19:00\u201321:00" in html
    assert "maandag 18:00\u201322:00" in html
    assert ">gratis<" in html or "<ins>gratis</ins>" in html
    assert "4 velden veranderen" in html  # description, cost, target groups, hours
    assert "ongewijzigd" in html  # the name, among others


def test_a_new_offering_shows_every_field(client, organisation, coordinator, chat):
    offering = make_offering(
        organisation, coordinator, name="Nieuwe chat", modalities=[chat], publish=False
    )
    services.offering_submit(offering=offering, actor=coordinator)
    html = review_page(client, coordinator, offering)
    for label in ("Beschrijving", "Anonimiteit", "Kosten", "Modaliteiten", "Openingsuren"):
        assert label in html


def test_the_diff_escapes_what_people_typed():
    html = word_diff("<b>oud</b> tekst", "<script>nieuw</script> tekst")
    assert "<script>" not in html
    assert "&lt;script&gt;nieuw&lt;/script&gt;" in html
