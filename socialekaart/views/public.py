"""What every visitor sees: the list with its filters, offerings and organisations."""

from functools import partial

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from aanspreekpunt.core.pagecache import MINUTE, cached_by_versions, public_page

from ..filters import OfferingFilter
from ..opening import local_now
from ..reference import municipality_choices
from ..review import is_possibly_outdated
from ..selectors import (
    offering_facets,
    offering_get_public_or_404,
    offering_open_state,
    open_alternatives,
    organisation_get_public_or_404,
    public_offerings,
)

PAGE_SIZE = 20


# Open now, per card and as a filter: right to the minute.
@public_page("map", "reference", clock=MINUTE)
@require_GET
def offering_list_view(request):
    filterset = OfferingFilter(request.GET, queryset=public_offerings(for_cards=True))
    results = filterset.qs
    filters_key = _filters_key(request.GET)
    counts = offering_facets(results=results, filters_key=filters_key)
    paginator = Paginator(results.order_by("name", "pk"), PAGE_SIZE)
    paginator.count = counts["total"]  # counted with the facets, cached alike
    page = paginator.get_page(request.GET.get("pagina"))
    context = {
        "filter": filterset,
        "page": page,
        # Read by the template only when the results' cached fragment is not there; it
        # shows "open now", so it is kept per minute.
        "cards": partial(_cards, page),
        "results_key": f"{request.GET.urlencode()}@{local_now():%Y%m%d%H%M}",
        "counts": counts,
    }
    if request.headers.get("HX-Request"):
        template = "socialekaart/includes/offering_results.html"
    else:
        template = "socialekaart/offering_list.html"
        # Called by the template only when the filters' cached fragment is not there.
        context["municipalities"] = municipality_choices
        context["filters_key"] = filters_key
    response = render(request, template, context)
    # The same URL answers a whole page or, for htmx, only the results.
    patch_vary_headers(response, ["HX-Request"])
    return response


def _cards(page) -> list:
    return [(offering, offering_open_state(offering)) for offering in page.object_list]


def _filters_key(params) -> str:
    """The filters of a list request as a stable text; "open now" also depends on the minute."""
    pairs = sorted((k, v) for k, values in params.lists() if k != "pagina" for v in values)
    key = "&".join(f"{k}={v}" for k, v in pairs)
    if params.get("nu_open") in {"true", "1", "on"}:
        key += "@" + local_now().strftime("%Y%m%d%H%M")
    return key


# Open now and the open alternatives by the minute; "possibly outdated" by the day.
@public_page("map", "reference", clock=MINUTE)
@require_GET
def offering_detail_view(request, slug):
    # The offering with its terms and hours is the same for everyone until the map changes;
    # what depends on the clock (open now, alternatives, possibly outdated) is not kept.
    offering = cached_by_versions(
        f"offering:{slug}:{local_now():%Y%m%d}",
        ("map", "reference"),
        partial(offering_get_public_or_404, slug=slug),
    )
    state = offering_open_state(offering)
    alternatives = []
    if not state.is_open:  # the same for everyone this minute
        alternatives = cached_by_versions(
            f"open-alternatives:{offering.pk}:{local_now():%Y%m%d%H%M}",
            ("map", "reference"),
            partial(open_alternatives, offering=offering),
            timeout=60,
        )
    return render(
        request,
        "socialekaart/offering_detail.html",
        {
            "offering": offering,
            "state": state,
            "alternatives": alternatives,
            "possibly_outdated": is_possibly_outdated(offering),
        },
    )


@public_page("map", "reference")
@require_GET
def organisation_detail_view(request, slug):
    organisation = organisation_get_public_or_404(slug=slug)
    offerings = public_offerings().filter(organisation=organisation).order_by("name")
    return render(
        request,
        "socialekaart/organisation_detail.html",
        {"organisation": organisation, "offerings": offerings},
    )
