"""The page of one import job, the same for every importer: its report, and a POST that
starts the run once every row is valid."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..errors import DomainError


def import_job_page(request, *, job, imports, app: str, upload_url: str, upload_title: str):
    """Answer the job page: ``imports`` is the app's imports module (its ``import_job_queue``
    and ``import_job_progress``); ``app`` names the folder of its ``import_progress.html``,
    which htmx asks for alone while the job runs."""
    if request.method == "POST":
        try:
            imports.import_job_queue(job=job, actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The import has started."))
        return redirect(job)
    progress_template = f"{app}/import_progress.html"
    context = {
        "job": job,
        "progress": imports.import_job_progress(job=job),
        "progress_template": progress_template,
        "upload_url": upload_url,
        "upload_title": upload_title,
    }
    if request.headers.get("HX-Request"):
        return render(request, progress_template, context)
    return render(request, "core/import_job.html", context)
