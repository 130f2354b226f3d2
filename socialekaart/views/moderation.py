"""The coordinators' queue: representatives to approve, offerings to publish, broken links."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.permissions import role_required

from .. import services
from ..changes import review_rows
from ..forms import NoteForm
from ..models import Offering, Representation
from ..selectors import (
    broken_link_offerings,
    moderation_queue,
    open_corrections,
    pending_representations,
)

coordinator_required = role_required(roles.COORDINATORS)


@coordinator_required
def moderation_queue_view(request):
    return _render_queue(request)


def _render_queue(request, *, refused_form=None, refused_pk=None):
    """The queue; after a decision with an invalid note, that note and its error stay in
    the request's form."""
    return render(
        request,
        "socialekaart/moderation_queue.html",
        {
            "offerings": moderation_queue()[:100],
            "representations": pending_representations()[:100],
            "broken_links": broken_link_offerings()[:100],
            "corrections": open_corrections()[:100],
            "refused_form": refused_form,
            "refused_pk": refused_pk,
        },
    )


@coordinator_required
def offering_review_view(request, pk):
    offering = get_object_or_404(
        Offering.objects.select_related("organisation", "hours_modality").prefetch_related(
            "modalities",
            "target_groups",
            "themes",
            "opening_hours",
            "moderation_events__actor",
        ),
        pk=pk,
    )
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data["note"]
        try:
            if "publish" in request.POST:
                services.offering_publish(offering=offering, actor=request.user, note=note)
                messages.success(request, _("The offering is published."))
            else:
                services.offering_send_back(offering=offering, actor=request.user, note=note)
                messages.success(request, _("The offering was sent back with your note."))
        except DomainError as error:
            form.add_error("note", error.message)
        else:
            return redirect("socialekaart:moderation_queue")
    rows = review_rows(offering)
    return render(
        request,
        "socialekaart/offering_review.html",
        {
            "offering": offering,
            "form": form,
            "rows": rows,
            "changed_count": sum(row.changed for row in rows),
        },
    )


@require_POST
@coordinator_required
def representation_decide_view(request, pk):
    representation = get_object_or_404(Representation, pk=pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _render_queue(request, refused_form=form, refused_pk=representation.pk)
    try:
        services.representation_decide(
            representation=representation,
            actor=request.user,
            approve="approve" in request.POST,
            note=form.cleaned_data["note"],
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The decision was saved and the member was told."))
    return redirect("socialekaart:moderation_queue")


@require_POST
@coordinator_required
def offering_archive_view(request, pk):
    """A coordinator takes an offering off the map (with a note for its representatives)."""
    offering = get_object_or_404(Offering, pk=pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(offering.get_edit_url())
    try:
        services.offering_archive(
            offering=offering, actor=request.user, note=form.cleaned_data["note"]
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The offering was archived: it is no longer on the map."))
    return redirect("socialekaart:moderation_queue")
