"""The desk's live figures for the policy tracker (``contributions.policy_indicators``): the
action "Realiseren van een intersectoraal aanspreekpunt onlinehulp" of the ministerial plan
of 2015 is the desk itself. Registered in ``DeskConfig.ready()``; reads the desk only."""

from django.utils.translation import gettext as _

from . import selectors

NAME = "ministeriele-acties-2015/1/vragenbalie"


def measure() -> list[dict] | None:
    indicator = selectors.desk_indicator()
    asked = sum(count for _month, count in indicator["questions_per_month"])
    if not asked:
        return None
    figures = [
        {"label": _("Questions asked at the desk"), "value": asked, "target": None, "unit": ""},
        {"label": str(indicator["label"]), "value": indicator["value"], "target": None, "unit": ""},
    ]
    if indicator["median_days_to_answer"] is not None:
        figures.append(
            {
                "label": _("Median days to an answer"),
                "value": indicator["median_days_to_answer"],
                "target": None,
                "unit": "",
            }
        )
    return figures
