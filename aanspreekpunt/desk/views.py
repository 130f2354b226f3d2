"""Views of the question desk: thin, one service or selector call each.

The question form lives on its own URL (``/vraag/stellen/``): ``/vraag/`` is a cached
public page that links to it (README, "Caching": forms that post are never on a cached
page). The asker's pages behind a signed link are personal and never cached.
"""

from contextlib import suppress

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.documents import private_file_response
from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.pagecache import public_page
from aanspreekpunt.core.permissions import role_required

from . import limits, selectors, services, tokens
from . import messages as msg
from .forms import (
    QUEUE_STATUS_CHOICES,
    AssignForm,
    PublicationForm,
    QuestionForm,
    ReplyForm,
    TextForm,
)
from .models import Attachment, Question

coordinator_required = role_required(roles.COORDINATORS)
QUEUE_PAGE_SIZE = 25


# --- the asker ---------------------------------------------------------------------------


@public_page()
@require_GET
def desk_intro_view(request):
    return render(request, "desk/intro.html")


def ask_view(request):
    initial = {}
    if request.user.is_authenticated:
        profile = getattr(request.user, "profile", None)
        initial = {
            "name": request.user.get_full_name(),
            "email": request.user.email,
            "organisation_name": getattr(profile, "organisation_name", ""),
            "sector": getattr(profile, "sector_id", None),
        }
    form = QuestionForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if form.is_spam():
            return redirect("desk:sent")  # a robot learns nothing
        if not limits.allowed(request, "desk_question", key=form.cleaned_data["email"]):
            form.add_error(None, msg.TOO_MANY_QUESTIONS)
        else:
            data = form.cleaned_data
            try:
                question = services.question_ask(
                    data=data, user=request.user, attachment=data.get("attachment")
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                if question.status == Question.Status.RECEIVED:
                    messages.success(
                        request,
                        _("Your question was received with reference number %(reference)s.")
                        % {"reference": question.reference},
                    )
                    return redirect("desk:my_question", reference=question.reference)
                return redirect("desk:sent")
    # Logging in or signing up from the form leads back to it (allauth follows a local
    # ``next`` only, so the link cannot be turned into a way off the site).
    back = urlencode({"next": reverse("desk:ask")})
    return render(
        request,
        "desk/ask.html",
        {
            "form": form,
            "login_url": f"{reverse('account_login')}?{back}",
            "signup_url": f"{reverse('account_signup')}?{back}",
        },
    )


@public_page()
@require_GET
def sent_view(request):
    return render(request, "desk/sent.html")


@require_http_methods(["GET", "HEAD", "POST"])
def confirm_view(request, token):
    """The link in the e-mail shows a button; only its POST confirms the address.

    Mail scanners and link previews open links with GET: they must not confirm a question
    on the asker's behalf (as allauth's own confirmation with CONFIRM_EMAIL_ON_GET off).
    """
    question = tokens.question_for_token(token, tokens.CONFIRM)
    if question.status == Question.Status.UNCONFIRMED:
        if request.method != "POST":
            return render(request, "desk/confirm.html", {"question": question})
        # A second click that lost the race finds it confirmed: the same outcome.
        with suppress(DomainError):
            services.question_confirm(question=question)
    return redirect("desk:follow", token=tokens.token_for(question, tokens.FOLLOW))


@require_GET
def follow_view(request, token):
    question = tokens.question_for_token(
        token,
        tokens.FOLLOW,
        queryset=Question.objects.prefetch_related("messages", "attachments"),
    )
    reply_token = (
        tokens.token_for(question, tokens.REPLY)
        if question.status == Question.Status.AWAITING_INFO
        else None
    )
    return render(
        request,
        "desk/follow.html",
        {
            "question": question,
            "conversation": selectors.asker_messages(question),
            "reply_token": reply_token,
        },
    )


def reply_view(request, token):
    question = tokens.question_for_token(
        token, tokens.REPLY, queryset=Question.objects.prefetch_related("messages")
    )
    follow = tokens.token_for(question, tokens.FOLLOW)
    form = ReplyForm(request.POST or None, request.FILES or None)
    if question.status != Question.Status.AWAITING_INFO:
        messages.info(request, _("This question is not waiting for information from you."))
        return redirect("desk:follow", token=follow)
    if request.method == "POST" and form.is_valid():
        if not limits.allowed(request, "desk_reply"):
            form.add_error(None, msg.TOO_MANY_REPLIES)
        else:
            try:
                services.question_reply(
                    question=question,
                    text=form.cleaned_data["text"],
                    user=request.user,
                    attachment=form.cleaned_data.get("attachment"),
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Thank you. Your information was sent."))
                return redirect("desk:follow", token=follow)
    return render(
        request,
        "desk/reply.html",
        {
            "question": question,
            "conversation": selectors.asker_messages(question),
            "form": form,
        },
    )


@login_required
@require_GET
def my_questions_view(request):
    page = Paginator(selectors.questions_of_member(user=request.user), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    return render(request, "desk/my_questions.html", {"page": page})


@login_required
def my_question_view(request, reference):
    question = selectors.question_of_member_or_404(user=request.user, reference=reference)
    if request.method != "GET":  # after the lookup: someone else's question is a 404
        return HttpResponseNotAllowed(["GET"])
    return render(
        request,
        "desk/follow.html",
        {
            "question": question,
            "conversation": selectors.asker_messages(question),
            "reply_token": tokens.token_for(question, tokens.REPLY)
            if question.status == Question.Status.AWAITING_INFO
            else None,
            "as_member": True,
        },
    )


# --- the coordinators --------------------------------------------------------------------


@coordinator_required
@require_GET
def queue_view(request):
    status = request.GET.get("status", "open")
    if status not in selectors.QUEUE_FILTERS:
        status = "open"
    mine = request.GET.get("mijn") == "1"
    questions = selectors.question_queue(status=status, assignee=request.user if mine else None)
    page = Paginator(questions, QUEUE_PAGE_SIZE).get_page(request.GET.get("pagina"))
    rows = [(q, selectors.waited_working_days(q)) for q in page]
    return render(
        request,
        "desk/queue.html",
        {
            "page": page,
            "rows": rows,
            "status": status,
            "mine": mine,
            "status_choices": QUEUE_STATUS_CHOICES,
        },
    )


@coordinator_required
@require_GET
def figures_view(request):
    return render(request, "desk/figures.html", {"figures": selectors.desk_figures()})


ACTIONS = {
    "assign",
    "request_info",
    "answer",
    "note",
    "close",
    "publish",
}


@coordinator_required
def handle_view(request, pk):
    question = selectors.question_for_coordinators_or_404(pk=pk)
    coordinators = selectors.coordinators()
    forms = {
        "assign": AssignForm(
            coordinators=coordinators,
            initial={"assignee": request.user.pk, "expected": question.assignee_id or ""},
        ),
        "request_info": TextForm(prefix="request_info"),
        "answer": TextForm(prefix="answer"),
        "note": TextForm(prefix="note"),
        "publish": PublicationForm(initial=_publication_initial(question)),
    }
    action = request.POST.get("action") if request.method == "POST" else None
    if action in ACTIONS:
        done = _handle(request, question, action, forms, coordinators)
        if done:
            messages.success(request, done)
            return redirect("desk:handle", pk=question.pk)
    return render(
        request,
        "desk/handle.html",
        {
            "question": question,
            "waited": selectors.waited_working_days(question),
            "forms": forms,
            "error_action": action,
        },
    )


def _publication_initial(question: Question) -> dict:
    if question.publication:
        return {
            "title": question.public_title,
            "question_text": question.public_question,
            "answer_text": question.public_answer,
            "topics": list(question.public_topics.all()),
        }
    proposal = services.publication_proposal(question)
    return {
        "title": proposal["title"],
        "question_text": proposal["question"],
        "answer_text": proposal["answer"],
        "topics": proposal["topics"],
    }


def _handle(request, question, action, forms, coordinators) -> str | None:
    """Run ``action`` from the posted form; the message on success, None with the errors
    in ``forms[action]``."""
    actor = request.user
    if action == "close":
        try:
            services.question_close(question=question, actor=actor)
        except DomainError as error:
            messages.error(request, error.message)
            return None
        return _("The question is closed and the asker was told.")
    if action == "assign":
        form = AssignForm(request.POST, coordinators=coordinators)
    elif action == "publish":
        form = PublicationForm(request.POST)
    else:
        form = TextForm(request.POST, prefix=action)
    forms[action] = form
    if not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        if action == "assign":
            services.question_assign(
                question=question,
                actor=actor,
                assignee=data["assignee"],
                expected_assignee_id=data["expected"],
            )
            return _("The question is assigned.")
        if action == "request_info":
            services.question_request_info(question=question, actor=actor, text=data["text"])
            return _("Your request was sent to the asker.")
        if action == "answer":
            services.question_answer(question=question, actor=actor, text=data["text"])
            return _("The answer was sent to the asker.")
        if action == "note":
            services.question_note(question=question, actor=actor, text=data["text"])
            return _("The note was added.")
        services.question_prepare_publication(
            question=question,
            actor=actor,
            title=data["title"],
            question_text=data["question_text"],
            answer_text=data["answer_text"],
            topics=data["topics"],
        )
        return _("The public version is ready as a draft FAQ entry for the editors.")
    except DomainError as error:
        form.add_error(None, error.message)
        return None


@coordinator_required
@require_GET
def attachment_view(request, pk, attachment_pk):
    if max(pk, attachment_pk) > selectors.BIGGEST_ID:
        raise Http404
    attachment = get_object_or_404(Attachment, pk=attachment_pk, question_id=pk)
    return private_file_response(attachment.file, filename=attachment.filename)
