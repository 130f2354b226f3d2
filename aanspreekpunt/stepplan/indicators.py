"""The step plan's live figure for the policy tracker (``contributions.policy_indicators``):
the action "Elke organisatie concretiseert haar omschrijving van, visie op en positie van
onlinehulp" (Bouwstenen (2014)) is step 1 of the plan. Registered in
``StepPlanConfig.ready()``; reads the step plan's selectors only."""

from django.utils.translation import gettext as _

from . import selectors

NAME = "bouwstenen-2014/1/stappenplan"


def measure() -> list[dict] | None:
    indicator = selectors.stepplan_indicator(step_number=1)
    if indicator["share"] is None:  # too few organisations to show
        return None
    return [
        {
            "label": _("Organisations on the service map"),
            "value": indicator["organisations"],
            "target": None,
            "unit": "",
        },
        {
            "label": _("Organisations that made their vision concrete (step 1)"),
            "value": indicator["finished"],
            "target": None,
            "unit": "",
        },
        {
            "label": _("Share of the organisations on the service map"),
            "value": indicator["share"],
            "target": None,
            "unit": "%",
        },
    ]
