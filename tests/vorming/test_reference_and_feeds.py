"""The reference data of Basisvorming-nota (2015) and the iCalendar output."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from aanspreekpunt.core.contributions import reference_data
from vorming import selectors
from vorming.calendar import session_ics
from vorming.models import BudgetYear, Element, Meeting, Platform, Session, TrainingDayPlan

from .factories import make_session

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture
def loaded(db):
    call_command("load_reference_data", verbosity=0)


def test_the_reference_data_is_registered_and_complete(loaded):
    assert "training" in [c.name for c in reference_data]
    assert Platform.objects.count() == 24
    assert Meeting.objects.count() == 71
    zorgnet = Platform.objects.get(via="Zorgnet-Icuro")
    assert zorgnet.meetings.count() == 15
    assert zorgnet.subsector.name == "Woonzorgcentra"
    assert "Basisvorming-nota (2015)" in zorgnet.source
    assert Element.objects.filter(kind="ingredient").count() == 7
    assert Element.objects.filter(kind="angle").count() == 7
    plan = TrainingDayPlan.objects.all()
    assert sum(p.days for p in plan if p.year == 2016) == 3
    assert sum(p.days for p in plan if p.year == 2017) == 11
    budget = {b.year: b.total for b in BudgetYear.objects.all()}
    assert budget == {2016: 35750, 2017: 38500}


def test_loading_twice_changes_nothing_and_keeps_the_pipeline(loaded, coordinator):
    from vorming import services

    meeting = Meeting.objects.first()
    services.meeting_transition(meeting=meeting, to_state="contacted", actor=coordinator)
    call_command("load_reference_data", verbosity=0)
    assert Meeting.objects.count() == 71
    assert Platform.objects.count() == 24
    meeting.refresh_from_db()
    assert meeting.state == "contacted"


def test_progress_counts_teasers_given_per_platform_sector_and_in_total(loaded):
    Meeting.objects.filter(platform__via="Zorgnet-Icuro", number__lte=3).update(state="given")
    Meeting.objects.filter(platform__via="Familiehulp", number=1).update(state="declined")
    platforms = selectors.platforms_with_meetings()
    progress = selectors.pipeline_progress(platforms)
    assert (progress["total"].given, progress["total"].meetings) == (3, 71)
    ouderenzorg = next(row for row in progress["sectors"] if row.label == "Ouderenzorg")
    assert ouderenzorg.given == 3
    assert ouderenzorg.counts["declined"] == 1
    zorgnet = next(p for p in platforms if p.via == "Zorgnet-Icuro")
    assert (zorgnet.progress.given, zorgnet.progress.meetings) == (3, 15)


def test_the_planning_shows_the_plan_and_both_tracks(loaded):
    rows = {row["sector"].slug: row for row in selectors.planning(year=2017)["rows"]}
    assert rows["ouderenzorg"]["planned_days"] == 3
    assert rows["ouderenzorg"]["survey_track"] == 1
    assert rows["ggz-verslavingszorg"]["survey_track"] == 2
    # nobody of Ouderenzorg is on the (empty) map: the map advises teasers today
    assert rows["ouderenzorg"]["live_track"] == 1
    assert selectors.planning(year=2016)["plan_total"] == 3


def test_a_training_day_of_two_half_days_is_two_events_in_brussels_time(coordinator):
    start = datetime(2027, 3, 4, 9, 0, tzinfo=BRUSSELS)
    session = make_session(
        actor=coordinator,
        title="Vormingsdag; deel, twee",
        start=start,
        end=start + timedelta(hours=3),
        second_start=start + timedelta(days=7),
        second_end=start + timedelta(days=7, hours=3),
        registration_opens=None,
    )
    ics = session_ics(session)
    assert ics.count("BEGIN:VEVENT") == 2
    assert "BEGIN:VTIMEZONE\r\nTZID:Europe/Brussels" in ics
    assert "DTSTART;TZID=Europe/Brussels:20270304T090000" in ics
    assert "DTSTART;TZID=Europe/Brussels:20270311T090000" in ics
    assert f"UID:vorming-sessie-{session.pk}-1@" in ics
    assert f"UID:vorming-sessie-{session.pk}-2@" in ics
    assert f"/vorming/sessies/{session.pk}/" in ics
    assert r"Vormingsdag\; deel\, twee" in ics
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))


def test_the_uid_stays_when_the_session_moves(coordinator):
    session = make_session(actor=coordinator)
    before = [line for line in session_ics(session).split("\r\n") if line.startswith("UID")]
    Session.objects.filter(pk=session.pk).update(start=session.start + timedelta(days=1))
    session.refresh_from_db()
    after = [line for line in session_ics(session).split("\r\n") if line.startswith("UID")]
    assert before == after


def test_the_feed_filters_by_sector_and_kind_and_leaves_out_the_online_link(
    client, coordinator, sector
):
    make_session(
        actor=coordinator,
        sector=sector,
        title="Ouderen",
        mode="hybrid",
        online_link="https://example.org/geheim",
    )
    make_session(actor=coordinator, title="Intersectoraal")
    response = client.get("/vorming/agenda.ics", {"sector": sector.slug})
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "SUMMARY:Ouderen" in body
    assert "Intersectoraal" not in body
    assert "geheim" not in body
    assert (
        client.get("/vorming/agenda.ics", {"soort": "teaser"})
        .content.decode()
        .count("BEGIN:VEVENT")
        == 0
    )
