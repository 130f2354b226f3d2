"""Live indicators: figures the platform measures itself for the actions it carries out.

Indicators are registered in ``aanspreekpunt.core.contributions.policy_indicators`` (see its
docstring), so an app adds one from its own ``AppConfig.ready()`` without importing the
tracker. The service map's indicator is registered here, since the tracker reads the service
map through its selectors. An indicator without data shows nothing, never a zero. Each
month's figures are kept (``IndicatorValue``) for the dashboard's history.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aanspreekpunt.core import pagecache
from aanspreekpunt.core.contributions import policy_indicators

from .models import IndicatorValue


@dataclass(frozen=True)
class Reading:
    key: str  # the registration's name
    title: str
    figures: list


def _target(name: str) -> tuple[str, int] | None:
    parts = name.split("/")
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    return parts[0], int(parts[1])


def indicators_for(*, plan_slug: str, number: int) -> list[Reading]:
    """The indicators of one action that have data now, measured now."""
    readings = []
    for contribution in policy_indicators:
        if _target(contribution.name) != (plan_slug, number):
            continue
        figures = contribution.run() or []
        if figures:
            readings.append(Reading(contribution.name, str(contribution.title), figures))
    return readings


def indicator_titles() -> dict[str, str]:
    return {c.name: str(c.title) for c in policy_indicators}


@transaction.atomic
def indicators_record(*, month=None) -> int:
    """Keep this month's figures of every indicator that has data; returns how many."""
    month = (month or timezone.localdate()).replace(day=1)
    kept = 0
    for contribution in policy_indicators:
        figures = contribution.run() or []
        if not figures:
            continue
        IndicatorValue.objects.update_or_create(
            indicator=contribution.name, month=month, defaults={"figures": figures}
        )
        kept += 1
    return kept


def indicator_history() -> list[dict]:
    """Per indicator with kept values: its title and rows (month, figures), oldest first."""
    titles = indicator_titles()
    history: dict[str, dict] = {}
    for value in IndicatorValue.objects.order_by("indicator", "month"):
        entry = history.setdefault(
            value.indicator,
            {"title": titles.get(value.indicator, value.indicator), "labels": [], "rows": []},
        )
        for figure in value.figures:
            if figure["label"] not in entry["labels"]:
                entry["labels"].append(figure["label"])
        entry["rows"].append(value)
    from .charts import indicator_bars

    for entry in history.values():
        entry["table"] = [
            (
                row.month,
                [
                    next((f["value"] for f in row.figures if f["label"] == label), None)
                    for label in entry["labels"]
                ],
            )
            for row in entry["rows"]
        ]
        entry["chart"] = indicator_bars(entry)
    return list(history.values())


# --- The service map (socialekaart.selectors) ---------------------------------------------


def service_map_figures() -> list[dict] | None:
    """Organisations and offerings on the public map, and the share of each sector's
    organisations on it where that sector's number of organisations is known; kept in the
    cache until the map changes."""
    return pagecache.cached_by_versions("beleidsacties:indicator:map", ["map"], _map_figures)


def _map_figures() -> list[dict] | None:
    from socialekaart import selectors

    offerings = selectors.public_offerings(for_cards=True).order_by()
    offering_count = offerings.count()
    if not offering_count:
        return None
    organisation_count = offerings.values("organisation").distinct().count()
    figures = [
        {
            "label": _("Organisations on the map"),
            "value": organisation_count,
            "target": None,
            "unit": "",
        },
        {"label": _("Offerings on the map"), "value": offering_count, "target": None, "unit": ""},
    ]
    for sector in selectors.sector_statistics():
        if sector.share_on_map is not None:
            figures.append(
                {
                    "label": _("Coverage: %(sector)s") % {"sector": sector.name},
                    "value": round(sector.share_on_map, 1),
                    "target": None,
                    "unit": "%",
                }
            )
    return figures


def register_own() -> None:
    from django.utils.translation import gettext_lazy

    policy_indicators.register(
        app="beleidsacties",
        name="ministeriele-acties-2015/6/sociale-kaart",
        order=10,
        run=service_map_figures,
        title=gettext_lazy("Measured on the service map of this platform"),
        versions=("map",),
    )
