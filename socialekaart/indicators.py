"""The quality of online help as a live figure for the policy tracker
(``contributions.policy_indicators``): the action "Stimuleren van de aandacht voor kwaliteit
van onlinehulp" of the ministerial plan of 2015. Per norm, the share of the public offerings
that meet it. Registered in ``SocialeKaartConfig.ready()``; reads the map's selectors."""

from django.utils.translation import gettext as _

from . import selectors

NAME = "ministeriele-acties-2015/2/kwaliteitsnormen"


def measure() -> list[dict] | None:
    sectors = selectors.quality_figures()
    if not sectors:
        return None
    whole_map = sectors[0]
    answered = sum(
        norm.met + norm.partly + norm.not_yet + norm.not_applicable for norm in whole_map.norms
    )
    if not whole_map.offerings or not answered:
        return None
    return [
        {
            "label": _("Norm %(number)s: %(title)s (meets it)")
            % {"number": norm.number, "title": norm.title},
            "value": round(100 * norm.met / whole_map.offerings, 1),
            "target": None,
            "unit": "%",
        }
        for norm in whole_map.norms
    ]
