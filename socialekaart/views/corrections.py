"""'Meld een fout': any visitor reports an error on an offering; its representatives and the
coordinators handle it."""

from allauth.core.internal import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.permissions import request_has_role

from .. import messages as msg
from .. import services
from ..forms import CorrectionHandleForm, CorrectionReportForm
from ..selectors import correction_get_for_user_or_404, offering_get_public_or_404

# Reports per visitor's address (behind proxies as the login limits count it: allauth's
# client address with TRUSTED_PROXY_COUNT). Enough for a few honest ones, not for a flood.
REPORT_RATE = {"correction_report": "5/h/ip"}


def offering_report_view(request, slug):
    """The form lives on a page of its own: the offering's page stays cacheable."""
    offering = offering_get_public_or_404(slug=slug)
    form = CorrectionReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        allowed = ratelimit.consume(
            request, app="socialekaart", action="correction_report", config=REPORT_RATE
        )
        if not allowed:
            form.add_error(None, msg.CORRECTION_TOO_MANY)
            status = 429
        else:
            try:
                services.correction_report(
                    offering=offering,
                    text=form.cleaned_data["text"],
                    reporter_email=form.cleaned_data["reporter_email"],
                    reporter=request.user,
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("Thank you. The organisation and the coordinators will look at your report."),
                )
                return redirect(offering.get_absolute_url())
    return render(
        request,
        "socialekaart/offering_report.html",
        {"offering": offering, "form": form},
        status=status,
    )


@require_POST
@login_required
def correction_handle_view(request, pk):
    as_coordinator = request_has_role(request, roles.COORDINATORS)
    report = correction_get_for_user_or_404(user=request.user, pk=pk, as_coordinator=as_coordinator)
    form = CorrectionHandleForm(request.POST)
    if form.is_valid():
        try:
            services.correction_handle(
                report=report,
                actor=request.user,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The report was handled."))
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    from_queue = request.POST.get("next") == "queue"
    return redirect(
        "socialekaart:moderation_queue" if from_queue else "socialekaart:my_organisation"
    )
