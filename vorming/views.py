"""Thin views of the training app: public sessions and registration, the signed links, the
feeds, and the coordinators' pipeline and sessions."""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.documents import private_file_response
from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.pagecache import MINUTE, public_page
from aanspreekpunt.core.permissions import request_has_role, role_required

from . import exports, selectors, services
from . import messages as msg
from .calendar import session_ics, sessions_ics
from .forms import (
    EvaluationForm,
    MaterialForm,
    MeetingMoveForm,
    RegistrationForm,
    SessionFilterForm,
    SessionForm,
    SessionStatusForm,
    SpendingForm,
)
from .models import Evaluation, Material, Meeting, Registration, Session

PAGE_SIZE = 20
coordinator_required = role_required(roles.COORDINATORS)


def _filtered(params):
    """The public sessions the filters of ``params`` select; invalid filters are ignored."""
    form = SessionFilterForm(params)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    sessions = selectors.sessions_public()
    now = timezone.now()
    if data.get("verleden"):
        sessions = sessions.filter(start__lt=now).order_by("-start", "-pk")
    else:
        sessions = sessions.filter(start__gte=now).order_by("start", "pk")
    if data.get("soort"):
        sessions = sessions.filter(kind=data["soort"])
    if data.get("sector"):
        sessions = sessions.filter(sector__slug=data["sector"])
    if data.get("maand"):
        year, month = (int(part) for part in data["maand"].split("-"))
        sessions = sessions.filter(start__year=year, start__month=month)
    if data.get("vorm") == "online":
        sessions = sessions.exclude(mode=Session.Mode.IN_PERSON)
    elif data.get("vorm") == "in_person":
        sessions = sessions.exclude(mode=Session.Mode.ONLINE)
    return form, sessions


# Upcoming and past change with the clock.
@public_page("vorming", "reference", clock=MINUTE)
@require_GET
def session_list_view(request):
    form, sessions = _filtered(request.GET)
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "vorming/session_list.html",
        {"filter_form": form, "page": page, "past": bool(form.data.get("verleden"))},
    )


@public_page("vorming", "reference", clock=MINUTE)
@require_GET
def session_detail_view(request, pk):
    session = selectors.session_get_public_or_404(pk)
    return render(
        request,
        "vorming/session_detail.html",
        {
            "session": session,
            "free": selectors.free_places(session),
            "open": services.registration_open(session),
            "materials": session.materials.filter(is_public=True)
            if session.status == Session.Status.HELD
            else [],
        },
    )


@require_http_methods(["GET", "POST"])
def session_register_view(request, pk):
    """The registration form, on a page of its own (the session page is cached)."""
    session = selectors.session_get_public_or_404(pk)
    user = request.user
    initial = {}
    if user.is_authenticated:
        initial = {"name": user.get_full_name(), "email": user.email}
    form = RegistrationForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(
                session=session, data=form.cleaned_data, user=user
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return render(
                request,
                "vorming/registration_done.html",
                {
                    "session": session,
                    "registration": registration,
                    "position": services.waiting_position(registration),
                },
            )
    return render(
        request,
        "vorming/registration_form.html",
        {
            "session": session,
            "form": form,
            "open": services.registration_open(session),
            "free": selectors.free_places(session),
        },
        status=400 if form.errors else 200,
    )


def _link_page(request, value, purpose):
    """The registration a signed link names, or the page that says the link is not valid."""
    try:
        return services.registration_from_link(value, purpose), None
    except DomainError as error:
        return None, render(
            request, "vorming/link_invalid.html", {"message": error.message}, status=404
        )


@require_http_methods(["GET", "POST"])
def registration_confirm_view(request, value):
    """Opening the link (GET) shows a button; confirming is a POST, so a mail scanner that
    opens every link confirms nothing."""
    registration, invalid = _link_page(request, value, "confirm")
    if invalid:
        return invalid
    error = None
    if request.method == "POST":
        try:
            registration = services.registration_confirm(registration=registration)
        except DomainError as problem:
            error = problem.message
    return render(
        request,
        "vorming/registration_confirm.html",
        {
            "registration": registration,
            "session": registration.session,
            "position": services.waiting_position(registration),
            "error": error,
            "done": request.method == "POST" and error is None,
        },
    )


@require_http_methods(["GET", "POST"])
def registration_cancel_view(request, value):
    """GET shows what would be cancelled and changes nothing; POST cancels."""
    registration, invalid = _link_page(request, value, "cancel")
    if invalid:
        return invalid
    error, done = None, False
    if registration.status not in Registration.ACTIVE:
        error = msg.ALREADY_CANCELLED
    elif request.method == "POST":
        try:
            services.registration_cancel(registration=registration, actor=request.user)
            done = True
        except DomainError as problem:
            error = problem.message
    return render(
        request,
        "vorming/registration_cancel.html",
        {
            "registration": registration,
            "session": registration.session,
            "error": error,
            "done": done,
        },
    )


@public_page("vorming", "reference")
@require_GET
def agenda_feed_view(request):
    sessions = selectors.sessions_public().exclude(status=Session.Status.CANCELLED)
    if sector := request.GET.get("sector"):
        sessions = sessions.filter(sector__slug=sector)
    if kind := request.GET.get("soort"):
        sessions = sessions.filter(kind=kind)
    response = HttpResponse(
        sessions_ics(sessions.order_by("start", "pk")[:500]),
        content_type="text/calendar; charset=utf-8",
    )
    return response


@public_page("vorming", "reference")
@require_GET
def session_ics_view(request, pk):
    session = selectors.session_get_public_or_404(pk)
    response = HttpResponse(session_ics(session), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="vorming-{session.pk}.ics"'
    return response


@public_page("vorming", "reference")
@require_GET
def planning_view(request):
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    if not 2000 <= year <= 2100:
        year = timezone.localdate().year
    return render(
        request,
        "vorming/planning.html",
        {
            "year": year,
            "planning": selectors.planning(year=year),
            "months": [datetime(2000, m, 1) for m in range(1, 13)],
        },
    )


# --- Coordinators -----------------------------------------------------------------------


@coordinator_required
@require_GET
def platform_list_view(request):
    platforms = selectors.platforms_with_meetings()
    return render(
        request,
        "vorming/platform_list.html",
        {
            "platforms": platforms,
            "progress": selectors.pipeline_progress(platforms),
            "target": 50,
            "move_form": MeetingMoveForm(initial={"on": timezone.localdate()}),
        },
    )


@require_POST
@coordinator_required
def meeting_move_view(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = MeetingMoveForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_transition(
                meeting=meeting,
                to_state=form.cleaned_data["to_state"],
                actor=request.user,
                on=form.cleaned_data["on"],
                note=form.cleaned_data["note"],
            )
            messages.success(
                request,
                _("The meeting moved to “%(state)s”.")
                % {"state": Meeting.State(form.cleaned_data["to_state"]).label},
            )
        except DomainError as error:
            messages.error(request, error.message)
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(f"{reverse('vorming:platform_list')}#meeting-{meeting.pk}")


@coordinator_required
@require_http_methods(["GET", "POST"])
def session_create_view(request):
    initial = {}
    meeting_id = request.GET.get("meeting", "")
    if meeting_id.isdigit() and Meeting.objects.filter(pk=int(meeting_id)).exists():
        initial = {"meeting": int(meeting_id), "kind": Session.Kind.TEASER}
    form = SessionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(data=form.cleaned_data, actor=request.user)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The session is scheduled."))
            return redirect("vorming:session_manage", pk=session.pk)
    return render(
        request, "vorming/session_form.html", {"form": form}, status=400 if form.errors else 200
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def session_manage_view(request, pk):
    """A session for its coordinators: its registrations, its status, attendance."""
    session = get_object_or_404(
        Session.objects.select_related("sector", "meeting__platform"), pk=pk
    )
    status_form = SessionStatusForm(request.POST if "to_status" in request.POST else None)
    if request.method == "POST":
        if status_form.is_valid():
            try:
                services.session_set_status(
                    session=session,
                    to_status=status_form.cleaned_data["to_status"],
                    actor=request.user,
                )
                messages.success(request, _("The status is changed."))
            except DomainError as error:
                messages.error(request, error.message)
        elif "attendance" in request.POST:
            present = {int(v) for v in request.POST.getlist("present") if v.isdigit()}
            services.attendance_record(session=session, present=present, actor=request.user)
            messages.success(request, _("Attendance is saved."))
        return redirect("vorming:session_manage", pk=session.pk)
    return render(
        request,
        "vorming/session_manage.html",
        {
            "session": session,
            "registrations": selectors.session_registrations(session=session),
            "status_form": SessionStatusForm(),
            "material_form": MaterialForm(),
            "materials": session.materials.all(),
            "taken": services.places_taken(session),
        },
    )


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@coordinator_required
@require_GET
def registrations_export_view(request, pk, extension):
    session = get_object_or_404(Session, pk=pk)
    rows = exports.registration_rows(session)
    filename = exports.export_filename(session, extension)
    disposition = {"Content-Disposition": f'attachment; filename="{filename}"'}
    if extension == "csv":
        return StreamingHttpResponse(
            exports.csv_lines(rows), content_type="text/csv; charset=utf-8", headers=disposition
        )
    return HttpResponse(
        exports.xlsx_bytes(rows, title=_("Registrations")),
        content_type=XLSX_TYPE,
        headers=disposition,
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def budget_view(request):
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    if not 2000 <= year <= 2100:
        year = timezone.localdate().year
    form = SpendingForm(
        request.POST if request.method == "POST" else None,
        initial={"on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            spending = services.spending_record(data=form.cleaned_data, actor=request.user)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The spending is recorded."))
            return redirect(f"{reverse('vorming:budget')}?year={spending.on.year}")
    return render(
        request,
        "vorming/budget.html",
        {"budget": selectors.budget(year=year), "form": form, "year": year},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def my_registrations_view(request):
    """The signed-in member's registrations (by account or by their verified address), with
    the link to cancel each."""
    registrations = [
        (registration, services.registration_link(registration, "cancel"))
        for registration in selectors.registrations_for_user(user=request.user)
    ]
    return render(request, "vorming/my_registrations.html", {"registrations": registrations})


@require_http_methods(["GET", "POST"])
def evaluation_view(request, value):
    """An attendee's evaluation through the e-mailed link; anyone else gets a clear page."""
    registration, invalid = _link_page(request, value, "evaluate")
    if invalid:
        return invalid
    session = registration.session
    refusal = None
    if registration.attended is not True:
        refusal = msg.EVALUATION_ATTENDEES_ONLY
    elif Evaluation.objects.filter(registration=registration).exists():
        refusal = msg.EVALUATION_DONE
    if refusal:
        return render(
            request,
            "vorming/evaluation.html",
            {"session": session, "refusal": refusal},
            status=403 if registration.attended is not True else 200,
        )
    form = EvaluationForm(
        request.POST if request.method == "POST" else None, elements=session.elements.all()
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_submit(
                registration=registration,
                overall=form.cleaned_data["overall"],
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return render(request, "vorming/evaluation.html", {"session": session, "done": True})
    return render(
        request,
        "vorming/evaluation.html",
        {"session": session, "form": form},
        status=400 if form.errors else 200,
    )


@coordinator_required
@require_GET
def evaluation_results_view(request):
    return render(
        request, "vorming/evaluation_results.html", {"results": selectors.evaluation_results()}
    )


@public_page("vorming")
@require_GET
def material_list_view(request):
    page = Paginator(selectors.materials_public(), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "vorming/material_list.html", {"page": page})


@require_GET
def material_file_view(request, pk):
    material = get_object_or_404(Material.objects.select_related("session"), pk=pk)
    if not material.file:
        raise Http404
    allowed = services.material_may_be_served(
        material, request.user, as_coordinator=request_has_role(request, roles.COORDINATORS)
    )
    if not allowed:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    return private_file_response(material.file)


@require_POST
@coordinator_required
def material_add_view(request, pk):
    session = get_object_or_404(Session, pk=pk)
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.material_add(session=session, data=form.cleaned_data, actor=request.user)
            messages.success(request, _("The material is added."))
        except DomainError as error:
            messages.error(request, error.message)
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("vorming:session_manage", pk=session.pk)


@coordinator_required
@require_GET
def reports_view(request):
    return render(request, "vorming/reports.html", {"report": selectors.reports()})


@coordinator_required
@require_http_methods(["GET", "POST"])
def session_edit_view(request, pk):
    """Change or move a session; its registrants are e-mailed when its times change."""
    session = get_object_or_404(Session, pk=pk)
    form = SessionForm(request.POST if request.method == "POST" else None, instance=session)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(session=session, data=form.cleaned_data, actor=request.user)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The session is saved."))
            return redirect("vorming:session_manage", pk=session.pk)
    return render(
        request,
        "vorming/session_form.html",
        {"form": form, "session": session},
        status=400 if form.errors else 200,
    )
