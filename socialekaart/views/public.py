"""What every visitor sees: the list with its filters, offerings and organisations."""

import hashlib
from functools import partial

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import truncatechars
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from aanspreekpunt.core.pagecache import DAY, MINUTE, cached_by_versions, clock_stamp, public_page

from ..filters import OfferingFilter
from ..opening import local_now
from ..reference import municipality_choices
from ..review import is_possibly_outdated
from ..selectors import (
    offering_facets,
    offering_get_public_or_404,
    offering_open_state,
    offerings_in_list_order,
    open_alternatives,
    organisation_get_public_or_404,
    public_offerings,
    staffed_now,
)

PAGE_SIZE = 20
# What the map's pages below the header show (kept for members too): the deployed code,
# the map's data and the reference lists.
BODY_VERSIONS = ("deploy", "map", "reference")
# Filters whose results change with the clock.
CLOCK_PARAMETERS = frozenset({"nu_open", "bereikbaar"})
# The parameters a chip stands for, in the order the filter panel shows them.
CHIP_PARAMETERS = (
    "q",
    "bereikbaar",
    "nu_open",
    "sector",
    "modaliteit",
    "doelgroep",
    "thema",
    "anonimiteit",
    "status",
    "gemeente",
)


# Open now, per card and as a filter: right to the minute.
@public_page("map", "reference", clock=MINUTE)
@require_GET
def offering_list_view(request):
    htmx = bool(request.headers.get("HX-Request"))
    # Everything below the site's header and menu depends only on the address, the data and
    # the minute: a logged-in member (no page cache) gets it from the cache as well, so the
    # filters are read and the results counted once per address and minute, not per request.
    digest = hashlib.sha1(request.GET.urlencode().encode()).hexdigest()
    body = cached_by_versions(
        f"map-body:{'htmx' if htmx else 'page'}:{digest}:{clock_stamp(MINUTE)}",
        BODY_VERSIONS,
        partial(_offering_list_body, request, htmx),
        timeout=120,
    )
    if htmx:
        # The results, and out of band the facet counts and the "show N results" button,
        # so that counts, results and the address bar always agree.
        response = HttpResponse(body)
    else:
        response = render(
            request, "socialekaart/offering_list.html", {"body": mark_safe(body)}
        )  # our template, escaped there
    # The same URL answers a whole page or, for htmx, only the results.
    patch_vary_headers(response, ["HX-Request"])
    return response


def _offering_list_body(request, htmx: bool) -> str:
    filterset = OfferingFilter(request.GET, queryset=public_offerings(for_cards=True))
    results = filterset.qs
    minute = clock_stamp(MINUTE)
    filters = _filters_key(request.GET)
    counts = offering_facets(
        results=results,
        filters_key=filters,
        minute=minute,
        clock_bound=not CLOCK_PARAMETERS.isdisjoint(request.GET),
    )
    # The filters' fragment shows who is reachable now: it is kept per minute.
    filters_key = f"{filters}@{minute}"
    query = filterset.form.cleaned_data.get("q") or ""  # a valid search only
    ordered = offerings_in_list_order(results, query=query)
    paginator = Paginator(ordered, PAGE_SIZE)
    paginator.count = counts["total"]  # counted with the facets, cached alike
    page = paginator.get_page(request.GET.get("pagina"))
    chips = active_filters(filterset, request.GET)
    context = {
        "filter": filterset,
        "page": page,
        "query": query,
        # Read by the template only when the results' cached fragment is not there; it
        # shows "open now", so it is kept per minute.
        "cards": partial(_cards, page),
        "chips": chips,
        # Chosen in the folded panel (search and "reachable now" stand outside it).
        "panel_chosen": sum(chip["name"] not in {"q", "bereikbaar"} for chip in chips),
        "suggestions": partial(_suggestions, request.GET, chips, counts["total"]),
        "staffed_now": partial(_staffed_now_when_empty, counts["total"]),
        "results_key": f"{request.GET.urlencode()}@{minute}",
        "filters_key": filters_key,
        "counts": counts,
    }
    if htmx:
        template = "socialekaart/includes/offering_results_htmx.html"
    else:
        template = "socialekaart/includes/offering_list_body.html"
        # Called by the template only when the filters' cached fragment is not there.
        context["municipalities"] = municipality_choices
    return render_to_string(template, context, request=request)


def _cards(page) -> list:
    return [(offering, offering_open_state(offering)) for offering in page.object_list]


def _staffed_now_when_empty(total: int) -> list:
    return staffed_now() if not total else []


def _suggestions(params, chips, total) -> list[dict]:
    """For an empty list: each active filter whose removal brings results back, with the
    number it brings, most first."""
    if total or not chips:
        return []
    found = []
    for chip in chips:
        remaining = OfferingFilter(chip["without"], queryset=public_offerings(for_cards=True))
        count = remaining.qs.order_by().count()
        if count:
            found.append({**chip, "count": count})
    return sorted(found, key=lambda chip: -chip["count"])


def active_filters(filterset, params) -> list[dict]:
    """A chip per active filter value: its label and the address of the list without it."""
    if not filterset.is_bound:
        return []
    filterset.is_valid()
    cleaned = getattr(filterset.form, "cleaned_data", {})
    chips = []
    for name in CHIP_PARAMETERS:
        value = cleaned.get(name)
        if value is None or value is False:
            continue
        if name == "q":
            value = value.strip()
        if value is not True and not len(value):
            continue
        field = filterset.form.fields[name]
        group = str(field.label)
        if name == "q":
            chips.append(_chip(params, name, params.get(name), group, f"“{value}”"))
        elif name == "nu_open":
            chips.append(_chip(params, name, params.get(name), group, _("yes")))
        elif name == "gemeente":
            chips.append(_chip(params, name, params.get(name), group, value[0].name))
        elif all(hasattr(term, "slug") for term in value):  # terms, in the URL by key
            for term in value:
                chips.append(_chip(params, name, term.slug, group, term.name))
        else:
            labels = dict(field.choices)
            for key in value:
                chips.append(_chip(params, name, key, group, str(labels.get(key, key))))
    return [chip for chip in chips if chip["label"].strip()]


def _chip(params, name, value, group, label) -> dict:
    without = params.copy()
    without.setlist(name, [v for v in params.getlist(name) if v != value])
    without.pop("pagina", None)
    return {
        "name": name,
        "group": group,
        "label": label,
        "without": without,
        "url": "?" + without.urlencode() if without else "?",
    }


def _filters_key(params) -> str:
    """The filters of a list request as a stable text (the page left out)."""
    pairs = sorted((k, v) for k, values in params.lists() if k != "pagina" for v in values)
    return "&".join(f"{k}={v}" for k, v in pairs)


# Where the member's own bookmark button goes in the offering page's kept body.
BOOKMARK_SLOT = "<!-- bookmark -->"


# Open now and the open alternatives by the minute; "possibly outdated" by the day.
@public_page("map", "reference", clock=MINUTE)
@require_GET
def offering_detail_view(request, slug):
    # Everything below the site's header, but the bookmark button, depends only on the
    # offering, the data and the minute (open now, alternatives, possibly outdated): a
    # logged-in member (no page cache) gets it from the cache as well.
    page = cached_by_versions(
        f"offering-body:{slug}:{clock_stamp(MINUTE)}",
        BODY_VERSIONS,
        partial(_offering_detail_body, request, slug),
        timeout=120,
    )
    return render(
        request,
        "socialekaart/offering_detail.html",
        {"page": {**page, "before": mark_safe(page["before"]), "after": mark_safe(page["after"])}},
    )  # our template, escaped there


def _offering_detail_body(request, slug) -> dict:
    # The offering with its terms and hours is the same for everyone until the map changes.
    offering = cached_by_versions(
        f"offering:{slug}:{clock_stamp(DAY)}",
        ("map", "reference"),
        partial(offering_get_public_or_404, slug=slug),
    )
    state = offering_open_state(offering)
    body = render_to_string(
        "socialekaart/includes/offering_detail_body.html",
        {
            "offering": offering,
            "state": state,
            "alternatives": [] if state.is_open else open_alternatives(offering=offering),
            "upcoming_exceptions": [
                e for e in offering.opening_exceptions.all() if e.date >= local_now().date()
            ],
            "possibly_outdated": is_possibly_outdated(offering),
            "bookmark_slot": mark_safe(BOOKMARK_SLOT),
        },
        request=request,
    )
    before, after = body.split(BOOKMARK_SLOT, 1)
    return {
        "pk": offering.pk,
        "name": offering.name,
        "meta_description": truncatechars(
            offering.description or offering.target_group_note or "", 160
        ),
        "before": before,
        "after": after,
    }


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
