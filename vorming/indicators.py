"""Vorming's live figure for the policy tracker (``contributions.policy_indicators``): the
teasers given at management meetings, for the action "Ontwikkelen van een vormingsprogramma
'basiskennis onlinehulp'" of the ministerial plan of 2015. Registered in
``VormingConfig.ready()``; reads vorming's selectors only."""

from django.utils.translation import gettext as _

from . import selectors

NAME = "ministeriele-acties-2015/4/teasers"


def measure() -> list[dict] | None:
    progress = selectors.teaser_progress()
    if progress is None:
        return None
    return [
        {
            "label": _("Teasers given at management meetings"),
            "value": progress.given,
            "target": progress.target,
            "unit": "",
        },
        {
            "label": _("Management meetings in the pipeline"),
            "value": progress.meetings,
            "target": None,
            "unit": "",
        },
    ]
