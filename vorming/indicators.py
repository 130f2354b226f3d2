"""Vorming's live figures for the policy tracker (``contributions.policy_indicators``): the
teasers given at management meetings against the target of 50, and the training days held
against the plan, for the action "Ontwikkelen van een vormingsprogramma 'basiskennis
onlinehulp'" of the ministerial plan of 2015. Registered in ``VormingConfig.ready()``;
reads vorming's selectors only. A part without data is left out, never shown as 0."""

from django.utils.translation import gettext as _

from . import selectors

NAME = "ministeriele-acties-2015/4/teasers"


def measure() -> list[dict] | None:
    figures = []
    progress = selectors.teaser_progress()
    if progress is not None:
        figures += [
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
    days = selectors.training_days_against_plan()
    if days is not None:
        years = (
            str(days.first_year)
            if days.first_year == days.last_year
            else f"{days.first_year}\u2013{days.last_year}"
        )
        figures.append(
            {
                "label": _("Training days held against the plan (%(years)s)") % {"years": years},
                "value": days.held,
                "target": days.planned,
                "unit": "",
            }
        )
    return figures or None
