"""Coordinators import organisations and offerings from a file: check first, then import."""

from django import forms
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.imports.views import import_job_page
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
    return import_job_page(
        request,
        job=job,
        imports=imports,
        app="socialekaart",
        upload_url=reverse("socialekaart:import_upload"),
        upload_title=_("Import organisations and offerings"),
    )
