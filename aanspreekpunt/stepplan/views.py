"""The step plan: the public guide (cached), an organisation's walk in "Mijn organisatie",
and the coordinators' list of organisations that are stuck."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.pagecache import DAY, cached_by_versions, public_page
from aanspreekpunt.core.permissions import request_has_role, role_required
from socialekaart.selectors import organisation_get_for_user_or_404

from . import selectors, services
from .forms import SharingForm, StepProgressForm


@public_page("stepplan", "map", "reference", "pages", "vorming", clock=DAY)
@require_GET
def guide_view(request):
    step_list = list(selectors.steps())
    content = selectors.guide_content(step_list)
    rows = [
        (step, selectors.offers_for_step(step=step), content.get(step.topic_id))
        for step in step_list
    ]
    coverage = cached_by_versions(
        "stepplan-coverage", ("stepplan", "map", "reference"), selectors.sector_step_coverage
    )
    return render(
        request,
        "stepplan/guide.html",
        {
            "rows": rows,
            "coverage": coverage,
            "sharing": selectors.sharing_organisations(),
            "min_organisations": selectors.MIN_ORGANISATIONS,
        },
    )


def _organisation(request, slug):
    return organisation_get_for_user_or_404(
        user=request.user,
        slug=slug,
        as_coordinator=request_has_role(request, roles.COORDINATORS),
    )


@login_required
def walk_view(request, slug):
    organisation = _organisation(request, slug)
    if request.method != "GET":  # after the lookup: another organisation is a 404
        return HttpResponseNotAllowed(["GET"])
    return _render_walk(request, organisation)


def _render_walk(request, organisation, forms=None):
    """The organisation's steps, each with its form (the one that failed, with its errors)."""
    rows = selectors.organisation_walk(organisation=organisation)
    forms = forms or {}
    items = []
    for row in rows:
        form = forms.get(row.step.number) or StepProgressForm(
            prefix=f"step{row.step.number}",
            initial={
                "state": row.state,
                "note": row.progress.note if row.progress else "",
                "note_date": row.progress.note_date if row.progress else None,
                "link": row.progress.link if row.progress else "",
            },
        )
        items.append((row, form))
    upcoming = selectors.next_step(rows)
    sector = organisation.sectors.first()
    return render(
        request,
        "stepplan/walk.html",
        {
            "organisation": organisation,
            "items": items,
            "next": upcoming,
            "offers": selectors.next_step_offers(
                step=upcoming.step, sector=sector, user=request.user
            )
            if upcoming
            else [],
            "sharing_form": SharingForm(
                initial={
                    "shares": selectors.organisation_shares_progress(organisation=organisation)
                }
            ),
        },
        status=400 if forms else 200,
    )


@require_POST
@login_required
def step_update_view(request, slug, number):
    organisation = _organisation(request, slug)
    step = selectors.step_by_number_or_none(number)
    if step is None:
        raise Http404
    form = StepProgressForm(request.POST, prefix=f"step{number}")
    if form.is_valid():
        try:
            services.step_progress_set(
                organisation=organisation, step=step, actor=request.user, data=form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Step %(number)s was saved.") % {"number": number})
            return redirect(f"{reverse('stepplan:walk', args=[organisation.slug])}#stap-{number}")
    return _render_walk(request, organisation, forms={number: form})


@require_POST
@login_required
def sharing_view(request, slug):
    organisation = _organisation(request, slug)
    form = SharingForm(request.POST)
    form.is_valid()
    services.step_plan_sharing_set(
        organisation=organisation, actor=request.user, shares=form.cleaned_data.get("shares", False)
    )
    messages.success(request, _("Your choice was saved."))
    return redirect("stepplan:walk", slug=organisation.slug)


@role_required(roles.COORDINATORS)
@require_GET
def stuck_view(request):
    page = Paginator(selectors.stuck_organisations(), 50).get_page(request.GET.get("pagina"))
    return render(
        request, "stepplan/stuck.html", {"page": page, "rows": selectors.stuck_rows(page)}
    )
