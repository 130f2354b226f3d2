"""The apps' live figures on the tracker's actions: each app registers its own indicator
(contributions.policy_indicators), reading its own data; nothing while it has none; a change
renders the cached action page afresh."""

import pytest
from django.test import Client

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.contributions import policy_indicators
from aanspreekpunt.desk import services as desk_services
from beleidsacties.indicators import indicators_for
from socialekaart.models import QualityAnswer, QualityNorm, Sector
from tests.desk.conftest import confirmed
from tests.factories import UserFactory
from tests.stepplan.test_stepplan import finish, on_map
from tests.vorming.factories import platform_with_meetings
from vorming.models import Meeting

pytestmark = pytest.mark.django_db

DESK_ACTION = "/beleidsacties/plannen/ministeriele-acties-2015/1/"


def figures(plan_slug, number, name):
    readings = {r.key: r for r in indicators_for(plan_slug=plan_slug, number=number)}
    reading = readings.get(name)
    return {f["label"]: f for f in reading.figures} if reading else None


@pytest.fixture
def coordinator(db):
    return UserFactory(groups=[roles.COORDINATORS], two_factor=True)


def test_each_app_registers_its_indicator_for_its_own_action():
    owners = {c.name: c.app for c in policy_indicators}
    assert owners["ministeriele-acties-2015/1/vragenbalie"] == "desk"
    assert owners["bouwstenen-2014/1/stappenplan"] == "stepplan"
    assert owners["ministeriele-acties-2015/4/teasers"] == "vorming"
    assert owners["ministeriele-acties-2015/2/kwaliteitsnormen"] == "socialekaart"
    assert all(c.versions for c in policy_indicators)


def test_the_desk_counts_its_questions_and_answers(coordinator):
    name = "ministeriele-acties-2015/1/vragenbalie"
    assert figures("ministeriele-acties-2015", 1, name) is None
    first = confirmed()
    confirmed(subject="Een tweede vraag over e-mailhulp")
    desk_services.question_answer(question=first, actor=coordinator, text="Zo doet u het.")
    values = [f["value"] for f in figures("ministeriele-acties-2015", 1, name).values()]
    assert values[:2] == [2, 1]  # asked, answered
    assert len(values) == 3  # and the median time to an answer


def test_the_step_plan_shows_the_share_that_made_its_vision_concrete():
    name = "bouwstenen-2014/1/stappenplan"
    sector = Sector.objects.create(name="Welzijn", slug="welzijn-ind", organisation_count=10)
    organisations = on_map(4, sector)
    finish(organisations[:1])
    assert figures("bouwstenen-2014", 1, name) is None  # too few organisations to show
    organisations += on_map(1, sector, prefix="Extra")
    finish(organisations[1:2])
    shown = figures("bouwstenen-2014", 1, name)
    assert [f["value"] for f in shown.values()] == [5, 2, 40.0]


def test_vorming_counts_the_teasers_given_against_the_target_of_50():
    name = "ministeriele-acties-2015/4/teasers"
    assert figures("ministeriele-acties-2015", 4, name) is None
    platform = platform_with_meetings(meetings=3)
    Meeting.objects.filter(platform=platform, number__lte=2).update(state=Meeting.State.GIVEN)
    teasers, meetings = figures("ministeriele-acties-2015", 4, name).values()
    assert (teasers["value"], teasers["target"]) == (2, 50)
    assert meetings["value"] == 3


def test_vorming_counts_the_training_days_held_against_the_plan(coordinator):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from tests.socialekaart.factories import SectorFactory
    from tests.vorming.factories import make_session
    from vorming.models import Session, TrainingDayPlan

    name = "ministeriele-acties-2015/4/teasers"
    assert figures("ministeriele-acties-2015", 4, name) is None  # no plan, no meetings
    first, second = SectorFactory(), SectorFactory()
    TrainingDayPlan.objects.create(sector=first, year=2016, days=14)
    TrainingDayPlan.objects.create(sector=second, year=2017, days=14)
    label = "Vormingsdagen gegeven tegenover de planning (2016\u20132017)"
    days = figures("ministeriele-acties-2015", 4, name)[label]
    assert (days["value"], days["target"]) == (0, 28)

    brussels = ZoneInfo("Europe/Brussels")

    def training_day(year, status, kind=Session.Kind.TRAINING_DAY):
        session = make_session(actor=coordinator)
        start = datetime(year, 3, 10, 9, tzinfo=brussels)
        Session.objects.filter(pk=session.pk).update(
            start=start, end=start.replace(hour=12), status=status, kind=kind
        )

    training_day(2016, Session.Status.HELD)
    training_day(2017, Session.Status.HELD)
    training_day(2017, Session.Status.PLANNED)  # not held
    training_day(2017, Session.Status.CANCELLED)
    training_day(2019, Session.Status.HELD)  # a year without a plan
    training_day(2016, Session.Status.HELD, kind=Session.Kind.TEASER)  # a teaser
    days = figures("ministeriele-acties-2015", 4, name)[label]
    assert (days["value"], days["target"]) == (2, 28)
    # the teasers' figures are left out while the pipeline has no meeting, not shown as 0
    assert list(figures("ministeriele-acties-2015", 4, name)) == [label]


def test_the_quality_action_shows_the_share_of_offerings_that_meet_each_norm(coordinator):
    from socialekaart.models import Organisation
    from tests.socialekaart.conftest import make_offering

    name = "ministeriele-acties-2015/2/kwaliteitsnormen"
    organisation = Organisation.objects.create(name="Chatpunt", slug="chatpunt-ind")
    first = make_offering(organisation, coordinator, name="Chat")
    make_offering(organisation, coordinator, name="Mail")
    assert figures("ministeriele-acties-2015", 2, name) is None  # nothing answered yet
    norm = QualityNorm.objects.order_by("number").first()
    QualityAnswer.objects.create(offering=first, norm=norm, status=QualityAnswer.Status.MET)
    shown = list(figures("ministeriele-acties-2015", 2, name).values())
    assert len(shown) == QualityNorm.objects.count()
    assert (shown[0]["value"], shown[0]["unit"]) == (50.0, "%")
    assert shown[1]["value"] == 0


def test_an_answer_at_the_desk_renders_the_cached_action_page_afresh(
    coordinator, page_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question = confirmed()
    client = Client()
    client.get(DESK_ACTION)
    assert client.get(DESK_ACTION)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        desk_services.question_answer(question=question, actor=coordinator, text="Zo.")
    response = client.get(DESK_ACTION)
    assert response["X-Page-Cache"] != "hit"
    assert "Vragen beantwoord door het aanspreekpunt" in response.content.decode()


def test_a_training_day_held_renders_the_cached_action_page_afresh(
    coordinator, page_cache, django_capture_on_commit_callbacks
):
    from tests.socialekaart.factories import SectorFactory
    from tests.vorming.factories import make_session
    from vorming import services as vorming_services
    from vorming.models import TrainingDayPlan

    action = "/beleidsacties/plannen/ministeriele-acties-2015/4/"
    with django_capture_on_commit_callbacks(execute=True):
        session = make_session(actor=coordinator)
        TrainingDayPlan.objects.create(sector=SectorFactory(), year=session.start.year, days=3)
    client = Client()
    client.get(action)
    assert client.get(action)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        vorming_services.session_set_status(
            session=session, to_status="confirmed", actor=coordinator
        )
        vorming_services.session_set_status(session=session, to_status="held", actor=coordinator)
    response = client.get(action)
    assert response["X-Page-Cache"] != "hit"
    body = response.content.decode()
    row = f'planning ({session.start.year})</th><td class="num">1</td><td class="num">3</td>'
    assert row in body


def test_the_training_action_page_costs_the_same_queries_for_few_and_many_sessions(coordinator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.socialekaart.factories import SectorFactory
    from tests.vorming.factories import make_session
    from vorming.models import Session, TrainingDayPlan

    action = "/beleidsacties/plannen/ministeriele-acties-2015/4/"
    platform_with_meetings(meetings=3)
    session = make_session(actor=coordinator)
    TrainingDayPlan.objects.create(sector=SectorFactory(), year=session.start.year, days=3)

    def held_sessions(count):
        offset = Session.objects.count()
        Session.objects.bulk_create(
            [
                Session(
                    kind=session.kind,
                    title=f"Vormingsdag {n}",
                    slug=f"vormingsdag-{offset + n}",
                    start=session.start,
                    end=session.end,
                    capacity=10,
                    status=Session.Status.HELD,
                )
                for n in range(count)
            ]
        )

    def queries():
        client = Client()
        client.get(action)  # the layout's cached parts
        with CaptureQueriesContext(connection) as captured:
            response = client.get(action)
        assert f'<td class="num">{Session.objects.filter(status="held").count()}</td>' in (
            response.content.decode()
        )
        return len(captured)

    held_sessions(10)
    small = queries()
    held_sessions(490)
    assert queries() == small
    assert small <= 10
