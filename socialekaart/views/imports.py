"""Coordinators import organisations and offerings from a file: check first, then import."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.permissions import request_has_role, role_required

from .. import imports
from ..models import Offering
from ..selectors import taxonomies

coordinator_required = role_required(roles.COORDINATORS)


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("A CSV file (.csv) or an Excel file (.xlsx) of at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


@coordinator_required
def import_upload_view(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = imports.import_job_upload(actor=request.user, upload=form.cleaned_data["file"])
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            return redirect(job)
    context = {
        "form": form,
        "columns": imports.COLUMNS,
        "vocabularies": taxonomies(),
        "choices": {
            "anonimiteit": Offering.Anonymity.values,
            "kosten": Offering.Cost.values,
            "status": Offering.Status.values,
        },
        "jobs": imports.import_jobs_recent(),
    }
    return render(request, "socialekaart/import_upload.html", context)


@coordinator_required
def import_job_view(request, pk):
    job = imports.import_job_get_for_user_or_404(
        pk=pk, as_coordinator=request_has_role(request, roles.COORDINATORS)
    )
    if request.method == "POST":
        try:
            imports.import_job_queue(job=job, actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The import has started."))
        return redirect(job)
    template = (
        "socialekaart/import_progress.html"
        if request.headers.get("HX-Request")
        else "socialekaart/import_job.html"
    )
    progress = imports.import_job_progress(job=job)
    return render(request, template, {"job": job, "progress": progress})
