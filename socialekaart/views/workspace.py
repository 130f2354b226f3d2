"""Mijn organisatie: representatives keep their organisation and its offerings up to date."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.validators import slug_re
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.permissions import request_has_role

from .. import services
from ..forms import (
    OfferingForm,
    OfferingNoticeForm,
    OpeningExceptionForm,
    OpeningHoursFormSet,
    OrganisationForm,
    RepresentationRequestForm,
    opening_hours_initial,
)
from ..models import Offering, Organisation, Representation
from ..selectors import (
    offering_get_for_user_or_404,
    open_corrections,
    organisation_get_for_user_or_404,
    organisations_for_user,
)


def _as_coordinator(request) -> bool:
    """Coordinators manage every organisation, in a session that passed two-factor."""
    return request_has_role(request, roles.COORDINATORS)


@login_required
def my_organisation_view(request):
    managed = organisations_for_user(user=request.user, as_coordinator=_as_coordinator(request))
    organisations = managed.prefetch_related("offerings").order_by("name")[:50]
    requests = Representation.objects.filter(user=request.user).select_related("organisation")
    return render(
        request,
        "socialekaart/my_organisation.html",
        {
            "organisations": organisations,
            "requests": requests,
            # Errors visitors reported on these organisations' offerings.
            "corrections": open_corrections(organisations=managed)[:100],
        },
    )


@login_required
def representation_request_view(request):
    # "Manage this offering" on a public page names the organisation (?organisatie=slug).
    slug = request.GET.get("organisatie", "")
    named = None
    if slug_re.fullmatch(slug) and len(slug) <= 80:
        named = Organisation.objects.filter(slug=slug).first()
    form = RepresentationRequestForm(request.POST or None, initial={"organisation": named})
    if request.method == "POST" and form.is_valid():
        try:
            services.representation_request(user=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your request was sent to the coordinators."))
            return redirect("socialekaart:my_organisation")
    return render(request, "socialekaart/representation_request.html", {"form": form})


@login_required
def organisation_edit_view(request, slug):
    organisation = organisation_get_for_user_or_404(
        user=request.user, slug=slug, as_coordinator=_as_coordinator(request)
    )
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                organisation=organisation, actor=request.user, data=form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The organisation was saved."))
            return redirect("socialekaart:my_organisation")
    return render(
        request,
        "socialekaart/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


@login_required
def offering_create_view(request, slug):
    organisation = organisation_get_for_user_or_404(
        user=request.user, slug=slug, as_coordinator=_as_coordinator(request)
    )
    return _offering_form(request, organisation=organisation, offering=None)


@login_required
def offering_edit_view(request, slug):
    offering = offering_get_for_user_or_404(
        user=request.user, slug=slug, as_coordinator=_as_coordinator(request)
    )
    return _offering_form(request, organisation=offering.organisation, offering=offering)


def _offering_form(request, *, organisation, offering: Offering | None):
    initial = (offering.pending_changes or {}) if offering else {}
    form = OfferingForm(request.POST or None, instance=offering, initial=initial)
    hours = OpeningHoursFormSet(
        request.POST or None, prefix="uren", initial=opening_hours_initial(offering)
    )
    if request.method == "POST" and form.is_valid() and hours.is_valid():
        try:
            offering = _save_offering(request, organisation, offering, form, hours)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The offering was saved."))
            return redirect(offering.get_edit_url())
    context = {
        "form": form,
        "hours": hours,
        "organisation": organisation,
        "offering": offering,
        "exception_form": OpeningExceptionForm(),
        "notice_form": OfferingNoticeForm(
            initial={"notice": offering.notice, "notice_until": offering.notice_until}
            if offering
            else None
        ),
        "can_archive": offering is not None and _as_coordinator(request),
    }
    return render(request, "socialekaart/offering_form.html", context)


def _save_offering(request, organisation, offering, form, hours):
    if offering is None:
        return services.offering_create(
            organisation=organisation,
            actor=request.user,
            data=form.cleaned_data,
            hours=hours.rows(),
        )
    return services.offering_update(
        offering=offering, actor=request.user, data=form.cleaned_data, hours=hours.rows()
    )


@require_POST
@login_required
def offering_submit_view(request, slug):
    offering = offering_get_for_user_or_404(
        user=request.user, slug=slug, as_coordinator=_as_coordinator(request)
    )
    try:
        services.offering_submit(offering=offering, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your offering was sent for review."))
    return redirect(offering.get_edit_url())


@require_POST
@login_required
def offering_confirm_view(request, slug):
    offering = offering_get_for_user_or_404(
        user=request.user, slug=slug, as_coordinator=_as_coordinator(request)
    )
    services.offering_confirm_current(offering=offering, actor=request.user)
    messages.success(request, _("Thank you: the offering is marked as up to date."))
    return redirect("socialekaart:my_organisation")


@require_POST
@login_required
def opening_exception_add_view(request, slug):
    offering = offering_get_for_user_or_404(
        user=request.user, slug=slug, as_coordinator=_as_coordinator(request)
    )
    form = OpeningExceptionForm(request.POST)
    if form.is_valid():
        try:
            services.opening_exception_set(
                offering=offering,
                actor=request.user,
                day=form.cleaned_data["date"],
                closed=form.cleaned_data["closed"],
                opens=form.cleaned_data["opens"],
                closes=form.cleaned_data["closes"],
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The exception was saved."))
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect(offering.get_edit_url())


@require_POST
@login_required
def opening_exception_delete_view(request, slug, pk):
    offering = offering_get_for_user_or_404(
        user=request.user, slug=slug, as_coordinator=_as_coordinator(request)
    )
    services.opening_exception_delete(offering=offering, actor=request.user, exception_id=pk)
    messages.success(request, _("The exception was removed."))
    return redirect(offering.get_edit_url())


@require_POST
@login_required
def offering_notice_view(request, slug):
    """The short notice ("closed this week"): set at once, shown until its last day."""
    offering = offering_get_for_user_or_404(
        user=request.user, slug=slug, as_coordinator=_as_coordinator(request)
    )
    form = OfferingNoticeForm(request.POST)
    if form.is_valid():
        try:
            services.offering_notice_set(
                offering=offering,
                actor=request.user,
                text=form.cleaned_data["notice"],
                until=form.cleaned_data["notice_until"],
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            if form.cleaned_data["notice"].strip():
                messages.success(request, _("The notice is shown to visitors."))
            else:
                messages.success(request, _("The notice was removed."))
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect(offering.get_edit_url())
