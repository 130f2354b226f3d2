"""What every visitor sees: the list with its filters, offerings and organisations."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from ..filters import OfferingFilter
from ..review import is_possibly_outdated
from ..selectors import (
    facet_counts,
    offering_get_public_or_404,
    offering_open_state,
    open_alternatives,
    organisation_get_public_or_404,
    public_offerings,
)

PAGE_SIZE = 20
FACETS = {
    "sector": "organisation__sectors__slug",
    "modaliteit": "modalities__slug",
    "doelgroep": "target_groups__slug",
    "thema": "themes__slug",
    "anonimiteit": "anonymity",
    "status": "status",
}


@require_GET
def offering_list_view(request):
    filterset = OfferingFilter(request.GET, queryset=public_offerings())
    results = filterset.qs
    page = Paginator(results.order_by("name", "pk"), PAGE_SIZE).get_page(request.GET.get("pagina"))
    ids = results.order_by().values("pk")
    counts = {
        name: facet_counts(public_offerings().filter(pk__in=ids), path)
        for name, path in FACETS.items()
    }
    cards = [(offering, offering_open_state(offering)) for offering in page.object_list]
    template = (
        "socialekaart/includes/offering_results.html"
        if request.headers.get("HX-Request")
        else "socialekaart/offering_list.html"
    )
    response = render(
        request,
        template,
        {"filter": filterset, "page": page, "cards": cards, "counts": counts},
    )
    # The same URL answers a whole page or, for htmx, only the results.
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def offering_detail_view(request, slug):
    offering = offering_get_public_or_404(slug=slug)
    state = offering_open_state(offering)
    alternatives = [] if state.is_open else open_alternatives(offering=offering)
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


@require_GET
def organisation_detail_view(request, slug):
    organisation = organisation_get_public_or_404(slug=slug)
    offerings = public_offerings().filter(organisation=organisation).order_by("name")
    return render(
        request,
        "socialekaart/organisation_detail.html",
        {"organisation": organisation, "offerings": offerings},
    )
