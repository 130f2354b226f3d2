"""Honesty first: only what the sources establish is shown as known."""

import pytest

from beleidsacties import reference
from beleidsacties.models import Action, Plan, ProgressUpdate, Status

pytestmark = pytest.mark.django_db


def test_the_report_has_44_platform_numbered_slots_of_which_6_are_known(report):
    actions = Action.objects.filter(plan=report)
    assert report.action_count == 44
    assert sorted(actions.values_list("number", flat=True)) == list(range(1, 45))
    known = actions.exclude(title="")
    assert known.count() == 6
    assert set(known.values_list("is_priority", flat=True)) == {True}
    assert not actions.filter(title="", is_priority=True).exists()
    # every known action's strategy is a reading of the sources, marked as such
    assert set(known.values_list("strategy_inferred", flat=True)) == {True}
    assert report.strategies.count() == 8


def test_nothing_is_claimed_about_status_or_progress(report):
    assert set(Action.objects.values_list("status", flat=True)) == {Status.UNKNOWN}
    assert set(Action.objects.values_list("progress", flat=True)) == {None}
    # the follow-up facts are updates with their source, without a status
    updates = ProgressUpdate.objects.all()
    assert updates.count() == 9
    assert set(updates.values_list("status_after", flat=True)) == {""}
    assert all(update.evidence_source for update in updates)


def test_the_ministerial_plan_has_ten_actions_mapped_to_strategies_as_inferred(minister):
    actions = Action.objects.filter(plan=minister)
    assert actions.count() == 10
    assert not actions.filter(title="").exists()
    assert set(actions.values_list("serves_inferred", flat=True)) == {True}
    assert actions.get(number=6).serves_strategy.number == 6


def test_dates_carry_their_precision(minister):
    quality = Action.objects.get(plan=minister, number=2).updates.get()
    assert quality.date_display == "2020\u20132021"
    contact_point = Action.objects.get(plan=minister, number=1)
    displays = {update.date_display for update in contact_point.updates.all()}
    assert displays == {"maart 2016", "datum onbekend"}
    training = Action.objects.get(plan=minister, number=4)
    assert "3 december 2015" in {u.date_display for u in training.updates.all()}


def test_loading_the_reference_data_again_changes_nothing_a_coordinator_entered(report):
    Action.objects.filter(plan=report, number=20).update(title="Door coördinator ingevuld")
    before = (Action.objects.count(), ProgressUpdate.objects.count(), Plan.objects.count())
    reference.reference_data_load()
    assert (Action.objects.count(), ProgressUpdate.objects.count(), Plan.objects.count()) == before
    assert Action.objects.get(plan=report, number=20).title == "Door coördinator ingevuld"


def test_an_open_slot_shows_no_invented_text_and_says_the_numbers_are_the_platforms(client):
    body = client.get("/beleidsacties/20/").content.decode()
    assert "nog aan te vullen" in body
    assert "is een nummer van het platform, niet dat van het rapport" in body


def test_the_overview_labels_inferred_mappings_and_the_platform_numbering(client):
    body = client.get("/beleidsacties/").content.decode()
    assert "afgeleid" in body
    assert "niet die van het rapport" in body
    assert body.count('class="unknown">nog aan te vullen</a>') == 38
