"""Reads of the forum: the only door other apps (search, topic pages, the home page) use.

Every read that a person sees goes through ``categories_visible`` / ``threads_visible``, so a
category restricted to a working group is invisible to others everywhere: lists, counts,
feeds, notifications, mentions and direct URLs (404).
"""

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from .models import Category, ForumProfile, Post, ReadState, Thread, Useful, WorkingGroup

# --- For other apps: what an anonymous visitor may see --------------------------------------


def threads_public() -> QuerySet[Thread]:
    """Threads every visitor may read: approved, in a category open to all. Each has
    ``get_absolute_url`` (its category is selected)."""
    return Thread.objects.filter(
        approved=True, category__working_group__isnull=True
    ).select_related("category")


def threads_public_with_text() -> QuerySet[Thread]:
    """``threads_public`` with ``question_text`` and ``answer_text``: the text of the
    thread's question (its first post) and of its accepted answer while each is visible,
    else an empty string, so a hidden post is never found nor quoted. For the site search,
    which reads the title, the question and the answer."""
    empty = Value("", output_field=TextField())

    def visible_body(**where):
        rows = Post.objects.filter(status=Post.Status.VISIBLE, **where).values("body")[:1]
        return Coalesce(Subquery(rows, output_field=TextField()), empty)

    return threads_public().annotate(
        question_text=visible_body(thread=OuterRef("pk"), is_question=True),
        answer_text=visible_body(pk=OuterRef("answer_id")),
    )


def threads_latest(*, limit: int) -> list[Thread]:
    """The newest public threads, newest first."""
    return list(threads_public().order_by("-created_at", "-pk")[:limit])


def threads_for_topic(*, topic, limit: int) -> list[Thread]:
    """Public threads tagged with the site-wide ``topic`` (``aanspreekpunt.topics.Topic``),
    or in a category tagged with it; latest activity first."""
    tagged = Thread.topics.through.objects.filter(thread=OuterRef("pk"), topic=topic)
    category_tagged = Category.topics.through.objects.filter(
        category=OuterRef("category_id"), topic=topic
    )
    return list(
        threads_public()
        .filter(Exists(tagged) | Exists(category_tagged))
        .order_by("-last_activity_at", "-pk")[:limit]
    )


def thread_answered_get(pk) -> Thread:
    """A public thread with a visible answer, for turning it into an FAQ draft: the thread
    carries ``question`` and ``answer`` (posts, with ``body`` in Markdown). Http404 otherwise."""
    thread = (
        threads_public()
        .filter(pk=pk, answer__status=Post.Status.VISIBLE)
        .select_related("answer")
        .first()
    )
    if thread is None:
        raise Http404
    thread.question = thread.posts.filter(is_question=True).first()
    return thread


# --- Visibility for a person ------------------------------------------------------------------


def categories_visible(*, user, as_coordinator: bool = False) -> QuerySet[Category]:
    """The categories ``user`` may see: the public ones and those of their working groups
    (coordinators see all)."""
    categories = Category.objects.all()
    if as_coordinator:
        return categories
    if not user.is_authenticated:
        return categories.filter(working_group__isnull=True)
    member = WorkingGroup.members.through.objects.filter(
        workinggroup=OuterRef("working_group_id"), user=user
    )
    return categories.filter(Q(working_group__isnull=True) | Exists(member))


def threads_visible(*, user, as_coordinator: bool = False) -> QuerySet[Thread]:
    """Threads in visible categories; a thread waiting for approval only to its author and
    coordinators."""
    threads = Thread.objects.filter(
        category__in=categories_visible(user=user, as_coordinator=as_coordinator)
    )
    if as_coordinator:
        return threads
    if user.is_authenticated:
        return threads.filter(Q(approved=True) | Q(author=user))
    return threads.filter(approved=True)


def user_may_see_category(*, user, category, as_coordinator: bool = False) -> bool:
    if category.working_group_id is None or as_coordinator:
        return True
    return user.is_authenticated and category.working_group.members.filter(pk=user.pk).exists()


def category_list(*, user, as_coordinator: bool = False) -> list[Category]:
    """Visible categories with ``thread_count`` and ``last_activity``, in one query."""
    approved = Q(threads__approved=True)
    return list(
        categories_visible(user=user, as_coordinator=as_coordinator)
        .annotate(
            thread_count=Count("threads", filter=approved),
            last_activity=Max("threads__last_activity_at", filter=approved),
        )
        .order_by("sort_order", "name")
    )


def category_get(*, user, slug, as_coordinator: bool = False) -> Category:
    category = (
        categories_visible(user=user, as_coordinator=as_coordinator).filter(slug=slug).first()
    )
    if category is None:
        raise Http404
    return category


def thread_list(*, user, category, as_coordinator: bool = False) -> QuerySet[Thread]:
    """A category's threads: pinned first, then latest activity."""
    return (
        threads_visible(user=user, as_coordinator=as_coordinator)
        .filter(category=category)
        .select_related("category", "author__forum_profile")
        .order_by("-pinned", "-last_activity_at", "-pk")
    )


def thread_get(*, user, pk, as_coordinator: bool = False) -> Thread:
    thread = (
        threads_visible(user=user, as_coordinator=as_coordinator)
        .select_related("category__working_group", "author__forum_profile")
        .filter(pk=pk)
        .first()
    )
    if thread is None:
        raise Http404
    return thread


def posts_shown(*, user, thread, as_coordinator: bool = False) -> QuerySet[Post]:
    """The posts a reader sees: visible and hidden ones (hidden show as a notice); posts
    waiting for approval only to their author and coordinators."""
    posts = thread.posts.select_related("author__forum_profile").order_by("created_at", "pk")
    if as_coordinator:
        return posts
    if user.is_authenticated:
        return posts.exclude(Q(status=Post.Status.PENDING) & ~Q(author=user))
    return posts.exclude(status=Post.Status.PENDING)


def post_get(*, user, pk, as_coordinator: bool = False) -> Post:
    post = (
        Post.objects.filter(
            pk=pk, thread__in=threads_visible(user=user, as_coordinator=as_coordinator)
        )
        .select_related("thread__category", "author__forum_profile")
        .first()
    )
    if post is None:
        raise Http404
    if post.status == Post.Status.PENDING and not (as_coordinator or post.author_id == user.pk):
        raise Http404
    return post


def read_states(*, user, threads) -> dict[int, ReadState]:
    if not user.is_authenticated:
        return {}
    return {
        state.thread_id: state
        for state in ReadState.objects.filter(user=user, thread__in=[t.pk for t in threads])
    }


def useful_by(*, user, posts) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        Useful.objects.filter(user=user, post__in=[p.pk for p in posts]).values_list(
            "post_id", flat=True
        )
    )


def profile_of(user) -> ForumProfile | None:
    if not user.is_authenticated:
        return None
    return ForumProfile.objects.filter(user=user).first()


def moderation_queue() -> dict:
    """What waits for a coordinator: posts to approve and reported posts."""
    base = Post.objects.select_related("thread__category", "author__forum_profile")
    return {
        "pending": list(base.filter(status=Post.Status.PENDING).order_by("created_at")[:100]),
        "reported": list(
            base.filter(reports__resolved=False)
            .annotate(report_count=Count("reports", filter=Q(reports__resolved=False)))
            .order_by("-report_count", "created_at")[:100]
        ),
    }
