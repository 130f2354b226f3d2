from django.http import Http404
from django.utils.translation import gettext as _

from aanspreekpunt.core.views import placeholder_view

# The 2014 report "Bouwstenen voor een Vlaams actieplan onlinehulp" numbers 44 actions.
ACTIONS_2014_TOTAL = 44


def action_slot_view(request, number: int):
    if not 1 <= number <= ACTIONS_2014_TOTAL:
        raise Http404
    return placeholder_view(
        request,
        title=_("Policy action %(number)s") % {"number": number},
        intro=_("The text of this action is still to be completed."),
    )
