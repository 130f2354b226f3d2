"""The public pages: overview with filters, dashboard, feeds and exports."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from beleidsacties import services
from beleidsacties.models import Action, Actor

pytestmark = pytest.mark.django_db


def update(action, actor, **data):
    data.setdefault("text", "Stap gezet.")
    return services.update_add(action=action, actor=actor, data=data)


def numbers_shown(body: str) -> list[str]:
    return re.findall(r'class="action__number">(\d+)<', body)


def test_the_overview_groups_by_strategy_and_makes_the_priority_actions_stand_out(client):
    body = client.get("/beleidsacties/").content.decode()
    assert "Strategie 4: Onlinecompetenties van hulpvragers" in body
    assert "Strategie nog niet gekend" in body
    assert body.count("action--priority") == 6
    assert "Minister (2015)" in body or "De tien beleidsacties van minister" in body
    assert "54 acties" in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("prioriteit=on", 6),
        ("actor=vlaamse_overheid", 3),
        ("status=unknown", 54),
        ("status=realised", 0),
    ],
)
def test_the_filters_are_shareable_get_urls(client, query, expected):
    body = client.get(f"/beleidsacties/?{query}").content.decode()
    assert len(numbers_shown(body)) == expected
    assert f"export.csv?{query}" in body


def test_the_strategy_filter(client, report):
    strategy = report.strategies.get(number=4)
    body = client.get(f"/beleidsacties/?strategie={strategy.pk}").content.decode()
    assert numbers_shown(body) == ["2", "3", "4"]


@pytest.mark.parametrize(
    "query", ["strategie=abc", "status=half-af", "actor=niemand", "prioriteit=%00"]
)
def test_unknown_filter_values_are_named_not_a_crash(client, query):
    response = client.get(f"/beleidsacties/?{query}")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="form-errors"' in body or "54 acties" in body


def test_a_strategy_shows_its_rolled_up_progress(client, report, coordinator):
    four = Action.objects.filter(strategy__number=4, plan=report)
    update(four.get(number=2), coordinator, progress_after=20)
    update(four.get(number=3), coordinator, progress_after=60)
    body = client.get("/beleidsacties/").content.decode()
    assert "Samengevatte voortgang (2 acties met gekende voortgang)" in body
    assert 'value="40"' in body


def test_the_dashboard_draws_svg_charts_with_text_and_tables_and_no_script(
    client, priority_action, coordinator
):
    update(
        priority_action,
        coordinator,
        progress_after=50,
        status_after="ongoing",
        happened_on=__import__("datetime").date(2025, 11, 3),
    )
    body = client.get("/beleidsacties/dashboard/").content.decode()
    assert body.count("<svg") == 3
    assert body.count("<desc") == 3
    assert "<caption" in body
    assert "Strategie 6" in body
    assert "50&nbsp;%" in body
    assert "november 2025" in body  # progress over time, month by month
    charts = body[body.index("<main") if "<main" in body else 0 :]
    assert "<script" not in charts.split("</main>")[0]


def test_the_dashboard_counts_unknown_as_unknown_not_zero(client):
    body = client.get("/beleidsacties/dashboard/").content.decode()
    assert "Er is nog geen voortgang gemeld" in body
    assert "0&nbsp;%" not in body.split("Status van de acties")[0]


def test_the_feed_lists_updates_per_plan_and_for_all(
    client, priority_action, minister, coordinator
):
    update(priority_action, coordinator, text="Nieuw overleg gestart.", progress_after=15)
    everything = client.get("/beleidsacties/feed/").content.decode()
    assert "Nieuw overleg gestart." in everything
    assert "<rss" in everything
    own = client.get("/beleidsacties/plannen/bouwstenen-2014/feed/").content.decode()
    assert "Nieuw overleg gestart." in own
    other = client.get(f"/beleidsacties/plannen/{minister.slug}/feed/").content.decode()
    assert "Nieuw overleg gestart." not in other
    assert "scriptieprijs" in other
    assert client.get("/beleidsacties/plannen/bestaat-niet/feed/").status_code == 404


def test_the_csv_export_is_formula_safe_and_filtered(client, open_slot, coordinator):
    services.action_fill(action=open_slot, actor=coordinator, data={"title": "=HYPERLINK(1)"})
    response = client.get("/beleidsacties/export.csv?actor=vlaamse_overheid")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["plan", "nummer", "rapportnummer"]
    assert len(rows) == 1 + 3
    everything = b"".join(client.get("/beleidsacties/export.csv").streaming_content)
    assert "'=HYPERLINK(1)" in everything.decode("utf-8-sig")


def test_the_xlsx_export_holds_text_cells(client, open_slot, coordinator):
    services.action_fill(action=open_slot, actor=coordinator, data={"title": "=1+1"})
    response = client.get("/beleidsacties/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 55
    cell = next(row for row in rows if row[1] == 20 and row[0] == "bouwstenen-2014")
    assert cell[4] == "=1+1"
    assert sheet.cell(row=2, column=5).data_type == "s"


def test_the_ministerial_action_page_shows_its_link_and_evidence(client):
    body = client.get("/beleidsacties/plannen/ministeriele-acties-2015/10/").content.decode()
    assert "scriptieprijs" in body
    assert "10 maart 2016" in body
    assert "afgeleid" in body
    assert "weliswaar.be" in body


def test_actors_are_shared_reference_data():
    assert set(Actor.objects.values_list("key", flat=True)) == {
        "organisaties",
        "steunpunten_koepels",
        "vlaamse_overheid",
    }


def test_a_plan_page_exports_its_own_actions(client, minister):
    body = client.get(f"/beleidsacties/plannen/{minister.slug}/").content.decode()
    assert f"export.csv?plan={minister.slug}" in body
    response = client.get(f"/beleidsacties/export.csv?plan={minister.slug}")
    rows = b"".join(response.streaming_content).decode("utf-8-sig").strip().split("\r\n")
    assert len(rows) == 1 + 10
    everything = client.get("/beleidsacties/?plan=bouwstenen-2014").content.decode()
    assert len(numbers_shown(everything)) == 44
