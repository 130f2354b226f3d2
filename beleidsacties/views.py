"""The tracker's pages: overview, plan, action, dashboard, exports and feeds (public), and the
coordinators' forms (a progress update, filling in an action, an import)."""

from django.contrib import messages
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from aanspreekpunt.accounts import roles
from aanspreekpunt.core import pagecache
from aanspreekpunt.core.contributions import policy_indicators
from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.imports.views import import_job_page
from aanspreekpunt.core.pagecache import DAY, public_page
from aanspreekpunt.core.permissions import request_has_role, role_required

from . import charts, exports, imports, selectors, services
from .columns import EXPORT_COLUMNS, IMPORT_COLUMNS
from .filters import ActionFilter
from .forms import ActionForm, ImportUploadForm, ProgressUpdateForm
from .indicators import indicators_for
from .models import Action, Actor

coordinator_required = role_required(roles.COORDINATORS)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _render(request, template, context, **kwargs):
    context["is_coordinator"] = request_has_role(request, roles.COORDINATORS)
    return render(request, template, context, **kwargs)


def _plans_with_actions(request, plans):
    filterset = ActionFilter(request.GET or None, queryset=selectors.actions_public())
    actions = list(filterset.qs.order_by("plan__sort_order", "number"))
    sections = []
    for plan in plans:
        own = [action for action in actions if action.plan_id == plan.pk]
        sections.append(
            {
                "plan": plan,
                "groups": selectors.grouped_by_strategy(own),
                "count": len(own),
                "known": sum(1 for action in own if action.title),
            }
        )
    return filterset, sections, len(actions)


@public_page("beleidsacties")
@require_GET
def overview_view(request):
    filterset, sections, total = _plans_with_actions(request, selectors.plans())
    context = {
        "filter": filterset,
        "sections": sections,
        "total": total,
        "summary": selectors.progress_summary(),
        "query": request.GET.urlencode(),
    }
    return _render(request, "beleidsacties/overview.html", context)


@public_page("beleidsacties")
@require_GET
def plan_view(request, slug):
    plan = selectors.plan_get_or_404(slug=slug)
    filterset, sections, total = _plans_with_actions(request, [plan])
    context = {
        "filter": filterset,
        "sections": sections,
        "total": total,
        "plan": plan,
        "query": request.GET.urlencode(),
    }
    return _render(request, "beleidsacties/overview.html", context)


def _action_page(request, plan, number):
    action = selectors.action_get_or_404(plan=plan, number=number)
    context = {
        "action": action,
        "plan": plan,
        "timeline": selectors.action_timeline(action=action),
        "links": selectors.action_links(action=action),
        "changes": selectors.action_changes(action=action),
        "indicators": indicators_for(plan_slug=plan.slug, number=action.number),
    }
    return _render(request, "beleidsacties/action_detail.html", context)


def _indicator_policy() -> pagecache.PagePolicy:
    """The tracker's version and those of every live indicator, asked once every app has
    registered its indicators: a new answer at the desk renders its action afresh."""
    names = ["beleidsacties", "map"]
    for contribution in policy_indicators:
        names.extend(contribution.versions)
    versions = (pagecache.DEPLOY, pagecache.LAYOUT, *dict.fromkeys(names))
    return pagecache.PagePolicy(versions=versions, clock=DAY)


def with_live_indicators(view):
    """Like ``public_page``, with the versions of the indicators the action page shows."""
    view.page_policy = _indicator_policy
    return view


@with_live_indicators
@require_GET
def action_slot_view(request, number: int):
    return _action_page(request, selectors.plan_get_or_404(), number)


@with_live_indicators
@require_GET
def plan_action_view(request, slug, number: int):
    return _action_page(request, selectors.plan_get_or_404(slug=slug), number)


@public_page("beleidsacties", "map", clock=DAY)
@require_GET
def dashboard_view(request):
    from .indicators import indicator_history

    strategies = selectors.strategy_progress()
    statuses = selectors.status_distribution()
    over_time = selectors.progress_over_time()
    context = {
        "strategies": strategies,
        "statuses": statuses,
        "over_time": over_time,
        "priority": selectors.priority_actions(),
        "strategy_chart": charts.strategy_bars(strategies),
        "status_chart": charts.status_bars(statuses),
        "time_chart": charts.time_line(over_time),
        "indicator_history": indicator_history(),
    }
    return render(request, "beleidsacties/dashboard.html", context)


# --- Exports ----------------------------------------------------------------------------------


def _export_actions(request):
    filterset = ActionFilter(request.GET or None, queryset=selectors.actions_public())
    return filterset.qs.order_by("plan__sort_order", "number")


def _attachment(filename: str) -> dict:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


@require_GET
def export_csv_view(request):
    rows = exports.export_rows(_export_actions(request))
    return StreamingHttpResponse(
        exports.csv_lines(rows),
        content_type="text/csv; charset=utf-8",
        headers=_attachment(exports.export_filename("csv")),
    )


@require_GET
def export_xlsx_view(request):
    content = exports.xlsx_bytes(
        exports.export_rows(_export_actions(request)), title=_("Policy actions")
    )
    return HttpResponse(
        content, content_type=XLSX_TYPE, headers=_attachment(exports.export_filename("xlsx"))
    )


# --- Coordinators -----------------------------------------------------------------------------


@coordinator_required
def update_add_view(request, slug, number: int):
    plan = selectors.plan_get_or_404(slug=slug)
    action = selectors.action_get_or_404(plan=plan, number=number)
    form = ProgressUpdateForm(request.POST or None, action=action)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_add(action=action, actor=request.user, data=form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The progress update has been added."))
            return redirect(action)
    return render(
        request,
        "beleidsacties/update_form.html",
        {"form": form, "action": action, "plan": plan},
        status=400 if form.errors else 200,
    )


@coordinator_required
def action_edit_view(request, slug, number: int):
    plan = selectors.plan_get_or_404(slug=slug)
    action = selectors.action_get_or_404(plan=plan, number=number)
    # The form works on its own copy: the service compares the data with the stored row.
    form = ActionForm(request.POST or None, instance=Action.objects.get(pk=action.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.action_fill(action=action, actor=request.user, data=form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The action has been saved."))
            return redirect(action)
    return render(
        request,
        "beleidsacties/action_form.html",
        {"form": form, "action": action, "plan": plan},
        status=400 if form.errors else 200,
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
        "columns": IMPORT_COLUMNS,
        "info_columns": EXPORT_COLUMNS[len(IMPORT_COLUMNS) :],
        "plans": selectors.plans(),
        "actors": Actor.objects.all(),
        "jobs": imports.import_jobs_recent(),
    }
    return render(request, "beleidsacties/import_upload.html", context)


@coordinator_required
def import_job_view(request, pk):
    return import_job_page(
        request,
        job=imports.import_job_get_or_404(pk=pk),
        imports=imports,
        app="beleidsacties",
        upload_url=reverse("beleidsacties:import_upload"),
        upload_title=_("Import policy actions"),
    )
