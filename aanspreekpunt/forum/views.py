"""Thin views of the forum. Reads through ``selectors``, writes through ``services``.

Public pages (categories, a category's threads, a thread, the feeds) are cached for
anonymous visitors under the ``forum`` data version; they carry no form that posts: the
forms live on pages of their own, reached by a link, or are shown to signed-in members only.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.http import client_address
from aanspreekpunt.core.pagecache import public_page
from aanspreekpunt.core.permissions import request_has_role, role_required

from . import markdown, selectors, services
from .forms import (
    FollowForm,
    PostForm,
    PostModerationForm,
    ProfileForm,
    ReportForm,
    SuspendForm,
    ThreadForm,
    ThreadModerationForm,
)
from .models import Category, Follow, ForumProfile, Post, Thread

THREADS_PER_PAGE = 25
POSTS_PER_PAGE = 30


def _as_coordinator(request) -> bool:
    return request_has_role(request, roles.COORDINATORS)


def _visibility(request) -> dict:
    return {"user": request.user, "as_coordinator": _as_coordinator(request)}


def _page(request, items, per_page):
    return Paginator(items, per_page).get_page(request.GET.get("pagina"))


# --- Reading ----------------------------------------------------------------------------------


@public_page("forum")
@require_GET
def category_list_view(request):
    categories = selectors.category_list(**_visibility(request))
    return render(request, "forum/category_list.html", {"categories": categories})


@public_page("forum")
@require_GET
def category_detail_view(request, category):
    category = selectors.category_get(slug=category, **_visibility(request))
    page = _page(
        request, selectors.thread_list(category=category, **_visibility(request)), THREADS_PER_PAGE
    )
    states = selectors.read_states(user=request.user, threads=page.object_list)
    for thread in page.object_list:
        state = states.get(thread.pk)
        thread.unread = request.user.is_authenticated and (
            state is None or state.last_read_at < thread.last_activity_at
        )
        thread.seen_before = state is not None
    follow = None
    if request.user.is_authenticated:
        follow = Follow.objects.filter(user=request.user, category=category).first()
    return render(
        request,
        "forum/category_detail.html",
        {"category": category, "page": page, "follow": follow},
    )


@public_page("forum")
@require_GET
def thread_detail_view(request, category, pk, slug):
    visibility = _visibility(request)
    thread = selectors.thread_get(pk=pk, **visibility)
    if thread.category.slug != category or thread.slug != slug:
        return redirect(thread, permanent=True)
    posts = selectors.posts_shown(thread=thread, **visibility)
    page = _page(request, posts, POSTS_PER_PAGE)
    answer = None
    if thread.answer_id:
        answer = posts.filter(pk=thread.answer_id, status=Post.Status.VISIBLE).first()
    context = {"thread": thread, "page": page, "answer": answer, "as_coordinator": False}
    user = request.user
    if user.is_authenticated:
        services.thread_viewed(thread=thread)
        shown = list(page.object_list)
        state = selectors.read_states(user=user, threads=[thread]).get(thread.pk)
        last_read = state.last_read_at if state else None
        for post in shown:
            post.unread = (
                last_read is not None and post.created_at > last_read and post.author_id != user.pk
            )
        if shown:
            services.thread_read(user=user, thread=thread, up_to=max(p.created_at for p in shown))
        edit_until = timezone.now() - services.EDIT_WINDOW
        context.update(
            useful=selectors.useful_by(user=user, posts=shown),
            profile=selectors.profile_of(user),
            follow=Follow.objects.filter(user=user, thread=thread).first(),
            reply_form=PostForm(),
            edit_until=edit_until,
            now=timezone.now(),
            may_mark_answer=visibility["as_coordinator"] or thread.author_id == user.pk,
            as_coordinator=visibility["as_coordinator"],
            may_make_faq=bool(answer)
            and thread.approved
            and thread.category.working_group_id is None
            and any(request_has_role(request, r) for r in (roles.EDITORS, roles.COORDINATORS)),
        )
    return render(request, "forum/thread_detail.html", context)


# A transparent GIF of one pixel: the image a cached thread page loads to count its visitor.
SEEN_PIXEL = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00"
    b"\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


@never_cache
@require_GET
def thread_seen_view(request, pk):
    """A visitor without an account read the thread: its page, kept in the page cache for
    everyone, loads this image, so every view counts and not only those the page renders.
    Members are counted by the page itself; a visitor counts once per thread and half hour."""
    thread = selectors.thread_get(pk=pk, user=AnonymousUser())
    if not request.user.is_authenticated:
        services.thread_viewed_by_visitor(thread=thread, address=client_address(request))
    return HttpResponse(SEEN_PIXEL, content_type="image/gif")


@login_required
@require_GET
def thread_unread_view(request, pk):
    """To the first post the member has not read yet (or the last one)."""
    thread = selectors.thread_get(pk=pk, **_visibility(request))
    posts = selectors.posts_shown(thread=thread, **_visibility(request))
    state = selectors.read_states(user=request.user, threads=[thread]).get(thread.pk)
    target = posts.filter(created_at__gt=state.last_read_at).first() if state else posts.first()
    if target is None:
        target = posts.last()
    position = posts.filter(created_at__lt=target.created_at).count() if target else 0
    number = position // POSTS_PER_PAGE + 1
    url = thread.get_absolute_url() + (f"?pagina={number}" if number > 1 else "")
    return redirect(url + (f"#bericht-{target.pk}" if target else ""))


@public_page("forum")
@require_GET
def post_history_view(request, pk):
    post = selectors.post_get(pk=pk, **_visibility(request))
    if not post.is_visible and not _as_coordinator(request):
        raise Http404
    return render(
        request,
        "forum/post_history.html",
        {"post": post, "revisions": post.revisions.all()},
    )


class CategoryFeed(Feed):
    """The latest threads of a public category (RSS)."""

    def get_object(self, request, category):
        return get_object_or_404(Category, slug=category, working_group__isnull=True)

    def title(self, category):
        return _("Expertise forum: %(name)s") % {"name": category.name}

    def link(self, category):
        return category.get_absolute_url()

    def description(self, category):
        return category.description

    def items(self, category):
        return selectors.threads_public().filter(category=category).order_by("-created_at")[:30]

    def item_title(self, thread):
        return thread.title

    def item_description(self, thread):
        question = thread.posts.filter(is_question=True, status=Post.Status.VISIBLE).first()
        return question.body_html if question else ""

    def item_pubdate(self, thread):
        return thread.created_at


category_feed_view = public_page("forum")(require_GET(CategoryFeed()))


# --- Writing ----------------------------------------------------------------------------------


def _needs_profile(request):
    if selectors.profile_of(request.user) is None:
        messages.info(request, _("First choose how you appear in the forum."))
        return redirect(f"{reverse('forum:profile')}?next={request.get_full_path()}")
    return None


@login_required
def thread_create_view(request):
    if (response := _needs_profile(request)) is not None:
        return response
    categories = selectors.categories_visible(**_visibility(request))
    initial = {}
    if slug := request.GET.get("categorie"):
        initial["category"] = categories.filter(slug=slug).first()
    form = ThreadForm(request.POST or None, categories=categories, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            thread = services.thread_create(
                user=request.user,
                category=data["category"],
                title=data["title"],
                body=data["body"],
                topics=data["topics"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            if thread.approved:
                messages.success(request, _("Your question is online."))
            else:
                messages.info(
                    request,
                    _("Thank you. As a new member, a coordinator approves your first messages."),
                )
            return redirect(thread)
    return render(request, "forum/thread_form.html", {"form": form})


@login_required
def reply_view(request, pk):
    thread = selectors.thread_get(pk=pk, **_visibility(request))
    if (response := _needs_profile(request)) is not None:
        return response
    initial = {}
    if quoted := request.GET.get("citeer"):
        post = (
            selectors.posts_shown(thread=thread, **_visibility(request))
            .filter(pk=quoted if quoted.isdigit() else 0, status=Post.Status.VISIBLE)
            .first()
        )
        if post is not None:
            initial["body"] = markdown.quote(post.body, name=_author_name(post))
    form = PostForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.reply_create(
                user=request.user, thread=thread, body=form.cleaned_data["body"]
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            if post.is_visible:
                messages.success(request, _("Your reply is online."))
            else:
                messages.info(
                    request,
                    _("Thank you. As a new member, a coordinator approves your first messages."),
                )
            return redirect("forum:thread_unread", pk=thread.pk)
    return render(request, "forum/reply_form.html", {"form": form, "thread": thread})


def _author_name(post) -> str:
    profile = getattr(post.author, "forum_profile", None) if post.author_id else None
    return profile.display_name if profile else _("deleted member")


@login_required
def post_edit_view(request, pk):
    post = selectors.post_get(pk=pk, **_visibility(request))
    if post.author_id != request.user.pk:
        raise Http404
    form = PostForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(user=request.user, post=post, body=form.cleaned_data["body"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your message was saved."))
            return redirect(f"{post.thread.get_absolute_url()}#bericht-{post.pk}")
    return render(request, "forum/post_edit.html", {"form": form, "post": post})


@require_POST
@login_required
def useful_view(request, pk):
    post = selectors.post_get(pk=pk, **_visibility(request))
    try:
        services.useful_mark(user=request.user, post=post)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(f"{post.thread.get_absolute_url()}#bericht-{post.pk}")


@require_POST
@login_required
def answer_view(request, pk):
    post = selectors.post_get(pk=pk, **_visibility(request))
    try:
        services.answer_mark(actor=request.user, post=post, as_coordinator=_as_coordinator(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The reply is marked as the answer."))
    return redirect(post.thread)


@login_required
def report_view(request, pk):
    post = selectors.post_get(pk=pk, **_visibility(request))
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_report(user=request.user, post=post, reason=form.cleaned_data["reason"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you. The coordinators look at your report."))
            return redirect(post.thread)
    return render(request, "forum/report_form.html", {"form": form, "post": post})


@require_POST
@login_required
def thread_follow_view(request, pk):
    thread = selectors.thread_get(pk=pk, **_visibility(request))
    form = FollowForm(request.POST)
    if form.is_valid():
        services.follow_set(user=request.user, thread=thread, mode=form.cleaned_data["mode"])
        messages.success(request, _("Your choice is saved."))
    else:
        messages.error(request, _("Choose how you want to be told."))
    return redirect(thread)


@require_POST
@login_required
def category_follow_view(request, category):
    category = selectors.category_get(slug=category, **_visibility(request))
    form = FollowForm(request.POST)
    if form.is_valid():
        services.follow_set(user=request.user, category=category, mode=form.cleaned_data["mode"])
        messages.success(request, _("Your choice is saved."))
    else:
        messages.error(request, _("Choose how you want to be told."))
    return redirect(category)


@csrf_exempt
def unsubscribe_view(request, token):
    """The link in every notification: no login; GET asks, POST confirms (also the one-click
    POST of mail programs, RFC 8058). The signed token is the permission."""
    found = services.unsubscribe_read(token)
    thread = Thread.objects.filter(pk=found[1]).first() if found else None
    if thread is None:
        return render(request, "forum/unsubscribe.html", {"invalid": True}, status=404)
    done = False
    if request.method == "POST":
        services.unsubscribe(token=token)
        done = True
    return render(request, "forum/unsubscribe.html", {"thread": thread, "done": done})


@login_required
def profile_view(request):
    profile = selectors.profile_of(request.user)
    initial = {"handle": profile.handle, "display_name": profile.display_name} if profile else {}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_save(user=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your forum profile is saved."))
            target = request.POST.get("next", "")
            if not target.startswith("/forum/") or target.startswith("//"):
                target = reverse("forum:category_list")
            return redirect(target)
    return render(
        request,
        "forum/profile_form.html",
        {"form": form, "profile": profile, "next": request.GET.get("next", "")},
    )


# --- Moderation -------------------------------------------------------------------------------


@role_required(roles.COORDINATORS)
def moderation_queue_view(request):
    return render(request, "forum/moderation_queue.html", selectors.moderation_queue())


@role_required(roles.COORDINATORS)
def post_moderate_view(request, pk):
    post = get_object_or_404(Post.objects.select_related("thread__category"), pk=pk)
    form = PostModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_moderate(actor=request.user, post=post, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The moderation decision is saved."))
            return redirect("forum:moderation_queue")
    return render(request, "forum/post_moderate.html", {"form": form, "post": post})


@role_required(roles.COORDINATORS)
def thread_moderate_view(request, pk):
    thread = get_object_or_404(Thread.objects.select_related("category"), pk=pk)
    form = ThreadModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.thread_moderate(
                actor=request.user, thread=thread, **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The moderation decision is saved."))
            return redirect(thread)
    return render(request, "forum/thread_moderate.html", {"form": form, "thread": thread})


@role_required(roles.COORDINATORS)
def member_suspend_view(request, pk):
    user = get_object_or_404(get_user_model(), pk=pk)
    profile = get_object_or_404(ForumProfile, user=user)
    form = SuspendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_suspend(actor=request.user, user=user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The member is suspended."))
            return redirect("forum:moderation_queue")
    return render(request, "forum/member_suspend.html", {"form": form, "profile": profile})
