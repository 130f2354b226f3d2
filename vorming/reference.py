"""The training programme's reference data from ``fixtures/vorming.json`` (Basisvorming-nota
(2015)): the 24 management platforms with their 71 meetings, the teaser ingredients, the
angles and topics of the training day, the training-day plan and the budget.

Loading is safe to repeat: rows are matched by their natural keys, meetings already in the
pipeline keep their state, and nothing a coordinator added is removed.
"""

import json
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from socialekaart.models import Sector, Subsector

from .models import BudgetYear, Element, Meeting, Platform, TrainingDayPlan

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "vorming.json"

ELEMENT_BLOCKS = {
    Element.Kind.INGREDIENT: "ingredients",
    Element.Kind.ANGLE: "angles",
    Element.Kind.DEEPENING: "deepening_topics",
    Element.Kind.BROADENING: "broadening_topics",
}


def read_fixture(path: Path = FIXTURE) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


@transaction.atomic
def vorming_reference_load(*, warn=None, path: Path = FIXTURE) -> str:
    """Load the fixture (the ``load_reference_data`` contribution); returns a summary."""
    data = read_fixture(path)
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    missing = sorted(
        {row["sector"] for row in data["platforms"]["rows"] + data["training_day_plan"]["rows"]}
        - sectors.keys()
    )
    if missing:
        raise ValueError(
            "Load the sectors first (fixtures/sectors.json); missing: " + ", ".join(missing)
        )
    subsectors = {(s.sector_id, s.name): s for s in Subsector.objects.all()}
    meetings = 0
    source = data["platforms"]["source"]
    for order, row in enumerate(data["platforms"]["rows"], start=1):
        sector = sectors[row["sector"]]
        platform, _created = Platform.objects.update_or_create(
            sector=sector,
            via=row["via"],
            defaults={
                "subsector": subsectors.get((sector.pk, row.get("subsector", ""))),
                "note": row.get("note", ""),
                "source": source,
                "sort_order": order,
            },
        )
        present = set(platform.meetings.values_list("number", flat=True))
        Meeting.objects.bulk_create(
            [
                Meeting(platform=platform, number=number)
                for number in range(1, row["meetings"] + 1)
                if number not in present
            ]
        )
        meetings += row["meetings"]
    for kind, block in ELEMENT_BLOCKS.items():
        for order, name in enumerate(data[block]["names"], start=1):
            Element.objects.update_or_create(kind=kind, name=name, defaults={"sort_order": order})
    plan = data["training_day_plan"]
    for row in plan["rows"]:
        TrainingDayPlan.objects.update_or_create(
            sector=sectors[row["sector"]],
            year=row["year"],
            defaults={"days": row["days"], "note": row.get("note", ""), "source": plan["source"]},
        )
    budget = data["budget"]
    for row in budget["rows"]:
        BudgetYear.objects.update_or_create(
            year=row["year"],
            defaults={
                "personnel": Decimal(row["personnel"]),
                "operating": Decimal(row["operating"]),
                "overhead": Decimal(row["overhead"]),
                "note": row.get("note", ""),
                "source": budget["source"],
            },
        )
    return f"{len(data['platforms']['rows'])} overlegplatformen, {meetings} overlegmomenten"


def target_teasers(path: Path = FIXTURE) -> int:
    """The target of Basisvorming-nota (2015) §4.3: teasers given at 50 meetings."""
    return read_fixture(path)["platforms"]["target_teasers"]
