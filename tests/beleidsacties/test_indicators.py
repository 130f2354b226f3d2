"""Live indicators: figures the platform measures itself, read through the apps' selectors;
nothing (not zero) while an app has no data; monthly values kept for the dashboard."""

from datetime import date

import pytest

from aanspreekpunt.core.contributions import policy_indicators
from beleidsacties.indicators import indicators_record
from beleidsacties.models import IndicatorValue
from socialekaart.models import Sector
from tests.factories import UserFactory
from tests.socialekaart.conftest import make_offering

pytestmark = pytest.mark.django_db

SOCIAL_MAP_ACTION = "/beleidsacties/plannen/ministeriele-acties-2015/6/"
TRAINING_ACTION = "/beleidsacties/plannen/ministeriele-acties-2015/4/"


@pytest.fixture
def on_the_map(db):
    from aanspreekpunt.accounts import roles
    from socialekaart import services as map_services

    coordinator = UserFactory(groups=[roles.COORDINATORS], two_factor=True)
    sector = Sector.objects.create(name="Jeugdhulp", slug="jeugdhulp-test", organisation_count=4)
    organisation = map_services.organisation_create(
        actor=coordinator, data={"name": "Jongerenlijn vzw", "sectors": [sector]}
    )
    make_offering(organisation, coordinator, name="Chat voor jongeren")
    make_offering(organisation, coordinator, name="Mail voor jongeren")


@pytest.fixture
def training_indicator():
    """An indicator another app registers from its own AppConfig.ready()."""
    state = {"figures": None}
    real = policy_indicators._by_name.pop("ministeriele-acties-2015/4/teasers", None)
    policy_indicators.register(
        app="vorming",
        name="ministeriele-acties-2015/4/teasers",
        order=20,
        run=lambda: state["figures"],
        title="Teasers op directieoverleggen",
    )
    yield state
    policy_indicators._by_name.pop("ministeriele-acties-2015/4/teasers")
    if real is not None:
        policy_indicators._by_name[real.name] = real


def test_without_data_the_action_shows_no_figures_not_zero(client):
    body = client.get(SOCIAL_MAP_ACTION).content.decode()
    assert "Gemeten door het platform zelf" not in body
    assert indicators_record() == 0
    assert not IndicatorValue.objects.exists()


def test_the_social_map_action_shows_what_the_map_holds(client, on_the_map):
    body = client.get(SOCIAL_MAP_ACTION).content.decode()
    assert "Gemeten door het platform zelf" in body
    assert "Organisaties op de kaart" in body
    assert "Aanbod op de kaart" in body
    assert "Dekking: Jeugdhulp" in body
    assert "25.0&nbsp;%" in body or "25,0&nbsp;%" in body


def test_another_app_adds_an_indicator_without_touching_the_tracker(client, training_indicator):
    assert "Teasers op directieoverleggen" not in client.get(TRAINING_ACTION).content.decode()
    training_indicator["figures"] = [
        {"label": "Teasers gegeven", "value": 12, "target": 50, "unit": ""}
    ]
    body = client.get(TRAINING_ACTION).content.decode()
    assert "Teasers op directieoverleggen" in body
    assert "Teasers gegeven" in body
    assert ">50<" in body


def test_monthly_values_are_kept_and_shown_on_the_dashboard(client, on_the_map):
    assert indicators_record(month=date(2026, 10, 15)) == 1
    assert indicators_record(month=date(2026, 11, 2)) == 1
    assert indicators_record(month=date(2026, 11, 20)) == 1  # the same month: replaced
    months = list(IndicatorValue.objects.values_list("month", flat=True))
    assert months == [date(2026, 10, 1), date(2026, 11, 1)]
    body = client.get("/beleidsacties/dashboard/").content.decode()
    assert "Gemeten door het platform: maand per maand" in body
    assert "oktober 2026" in body
    assert "november 2026" in body


def test_the_dashboard_draws_each_indicators_history_as_a_chart_with_its_table(
    client, training_indicator
):
    import re

    def figures(value):
        return [{"label": "Teasers gegeven", "value": value, "target": 50, "unit": ""}]

    training_indicator["figures"] = figures(10)
    indicators_record(month=date(2026, 9, 3))
    IndicatorValue.objects.create(
        indicator="ministeriele-acties-2015/4/teasers",
        month=date(2026, 10, 1),
        figures=figures(None),  # a month without a measurement
    )
    training_indicator["figures"] = figures(20)
    indicators_record(month=date(2026, 11, 3))
    body = client.get("/beleidsacties/dashboard/").content.decode()
    section = body[body.index("Gemeten door het platform") :]
    svg = re.search(r"<svg .*?</svg>", section, re.S).group(0)
    assert 'role="img"' in svg
    assert "<title" in svg
    assert "Teasers gegeven, maand per maand" in svg
    # the text alternative names every month; an unknown month is not drawn as 0
    assert "september 2026: 10. oktober 2026: onbekend. november 2026: 20." in svg
    assert re.findall(r'class="chart__bar"', svg) == ['class="chart__bar"'] * 2
    assert 'width="100"' in svg  # 10 of the highest 20
    assert 'width="200"' in svg
    assert "Gegevens van de grafiek: Teasers op directieoverleggen" in section
    assert "<script" not in section.split("</main>")[0]


def test_the_tracker_reads_the_map_only_through_its_selectors():
    import ast
    from pathlib import Path

    import beleidsacties

    folder = Path(beleidsacties.__file__).parent
    for path in folder.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("socialekaart")
            ):
                assert node.module == "socialekaart", path
                assert [alias.name for alias in node.names] == ["selectors"], path
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("socialekaart") for a in node.names), path


def test_the_daily_task_keeps_this_months_values(on_the_map, settings):
    from beleidsacties.tasks import record_indicators

    assert "beleidsacties.tasks.record_indicators" in {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    assert record_indicators.delay().get() == 1
    assert IndicatorValue.objects.get().month == date.today().replace(day=1)
