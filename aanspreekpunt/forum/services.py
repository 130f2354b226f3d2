"""Writes of the forum: each atomic with its audit entry; simultaneous writes locked.

A member's posts are serialised on their ``ForumProfile`` row (so the rate limit and the
duplicate check count exactly), replies to one thread on the ``Thread`` row (so its counters
stay true when two members reply at once), "nuttig" on a unique constraint.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.pagecache import data_changed
from aanspreekpunt.core.services import audit_record, email_enqueue

from . import markdown
from .models import (
    BODY_MAX_LENGTH,
    Category,
    Follow,
    ForumProfile,
    Notification,
    Post,
    PostRevision,
    ReadState,
    Report,
    Thread,
    Useful,
    WorkingGroup,
)

FORUM = "forum"  # the page cache's data version of every public forum page

POSTS_PER_WINDOW = 5
POST_WINDOW = timedelta(minutes=10)
DUPLICATE_WINDOW = timedelta(hours=1)
APPROVALS_FOR_NEW_MEMBERS = 2  # a member's first posts wait for a coordinator
NEW_MEMBER_MAX_LINKS = 2
NEW_MEMBER_MAX_MENTIONS = 2
MAX_MENTIONS = 10
EDIT_WINDOW = timedelta(minutes=30)
REPORTS_TO_HIDE = 3
NOTIFY_DELAY = timedelta(minutes=10)
UNSUBSCRIBE_SALT = "forum.unsubscribe"


def _changed() -> None:
    data_changed(FORUM)


def _is_coordinator(user) -> bool:
    return roles.user_has_role(user, roles.COORDINATORS)


# --- Profiles ---------------------------------------------------------------------------------


@transaction.atomic
def profile_save(*, user, handle: str, display_name: str) -> ForumProfile:
    """Set the member's public handle and display name; both unique (case-insensitive)."""
    handle = handle.strip().lower()
    display_name = " ".join(display_name.split())
    others = ForumProfile.objects.exclude(user=user)
    if others.filter(handle__iexact=handle).exists():
        raise DomainError(_("This handle is taken; choose another."), code="conflict")
    if others.filter(display_name__iexact=display_name).exists():
        raise DomainError(_("This display name is taken; choose another."), code="conflict")
    profile = ForumProfile.objects.select_for_update().filter(user=user).first()
    created = profile is None
    profile = profile or ForumProfile(user=user)
    profile.handle, profile.display_name = handle, display_name
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError:
        raise DomainError(
            _("This handle or name was just taken; choose another."), code="conflict"
        ) from None
    audit_record(
        actor=user,
        action="forum.profile.created" if created else "forum.profile.updated",
        obj=profile,
        changes={"handle": handle, "display_name": display_name},
    )
    _changed()
    return profile


# --- Posting ----------------------------------------------------------------------------------


def _posting_profile(user) -> ForumProfile:
    """The member's profile, locked: their posts are written one at a time."""
    profile = ForumProfile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        raise DomainError(
            _("Choose a handle and display name in your forum profile before you post."),
            code="no_profile",
        )
    return profile


def _check_post(*, profile: ForumProfile, body: str, now) -> None:
    """The rules against spam and floods; each refusal says what to do."""
    if profile.suspended_until and profile.suspended_until > now:
        raise DomainError(
            _("You are suspended from posting until %(until)s. You can still read the forum.")
            % {
                "until": formats.date_format(
                    timezone.localtime(profile.suspended_until), "j F Y H:i"
                )
            },
            code="suspended",
        )
    if not body.strip():
        raise DomainError(_("Write a message."), code="invalid")
    if len(body) > BODY_MAX_LENGTH:
        raise DomainError(
            _("A message has at most %(limit)s characters.") % {"limit": BODY_MAX_LENGTH},
            code="invalid",
        )
    if "\x00" in body:
        raise DomainError(_("The text holds a character that is not allowed."), code="invalid")
    recent = Post.objects.filter(author_id=profile.user_id)
    if recent.filter(created_at__gte=now - POST_WINDOW).count() >= POSTS_PER_WINDOW:
        raise DomainError(
            _(
                "You can post at most %(count)s messages per 10 minutes. Wait a moment; "
                "your text is kept below."
            )
            % {"count": POSTS_PER_WINDOW},
            code="rate",
        )
    if recent.filter(created_at__gte=now - DUPLICATE_WINDOW, body=body.strip()).exists():
        raise DomainError(_("You posted this same text less than an hour ago."), code="duplicate")
    mentioned = markdown.mentions(body)
    if len(mentioned) > MAX_MENTIONS:
        raise DomainError(
            _("A message mentions at most %(count)s people.") % {"count": MAX_MENTIONS},
            code="mentions",
        )
    if profile.approved_posts < APPROVALS_FOR_NEW_MEMBERS:
        if markdown.link_count(body) > NEW_MEMBER_MAX_LINKS:
            raise DomainError(
                _("As a new member you can put at most %(count)s links in a message.")
                % {"count": NEW_MEMBER_MAX_LINKS},
                code="links",
            )
        if len(mentioned) > NEW_MEMBER_MAX_MENTIONS:
            raise DomainError(
                _("As a new member you can mention at most %(count)s people in a message.")
                % {"count": NEW_MEMBER_MAX_MENTIONS},
                code="mentions",
            )


def _new_post(*, thread, user, profile, body: str, is_question: bool) -> Post:
    body = body.strip()
    approved = profile.approved_posts >= APPROVALS_FOR_NEW_MEMBERS
    return Post.objects.create(
        thread=thread,
        author=user,
        body=body,
        body_html=markdown.render(body),
        is_question=is_question,
        status=Post.Status.VISIBLE if approved else Post.Status.PENDING,
    )


@transaction.atomic
def thread_create(*, user, category: Category, title: str, body: str, topics=()) -> Thread:
    """Start a thread: its first post is the question. A new member's waits for approval."""
    now = timezone.now()
    profile = _posting_profile(user)
    _check_post(profile=profile, body=body, now=now)
    title = " ".join(title.split())
    if not title:
        raise DomainError(_("Give your question a title."), code="invalid")
    thread = Thread.objects.create(
        category=category,
        title=title,
        slug=slugify(title)[:150] or "onderwerp",
        author=user,
        last_activity_at=now,
        approved=False,
    )
    thread.topics.set(topics)
    post = _new_post(thread=thread, user=user, profile=profile, body=body, is_question=True)
    thread.approved = post.is_visible
    thread.save(update_fields=["approved"])
    audit_record(
        actor=user,
        action="forum.thread.created",
        obj=thread,
        changes={"category": category.slug, "waiting_for_approval": not post.is_visible},
    )
    Follow.objects.get_or_create(user=user, thread=thread, defaults={"mode": Follow.Mode.IMMEDIATE})
    ReadState.objects.update_or_create(
        user=user, thread=thread, defaults={"last_read_at": post.created_at}
    )
    if post.is_visible:
        _published(post, profile=profile)
    _changed()
    return thread


@transaction.atomic
def reply_create(*, user, thread: Thread, body: str) -> Post:
    """Add a reply; two members replying at once both land (the thread row is locked)."""
    now = timezone.now()
    profile = _posting_profile(user)
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if not thread.accepts_replies:
        raise DomainError(_("This thread is closed for replies."), code="closed")
    _check_post(profile=profile, body=body, now=now)
    post = _new_post(thread=thread, user=user, profile=profile, body=body, is_question=False)
    audit_record(
        actor=user,
        action="forum.post.created",
        obj=post,
        changes={"thread": thread.pk, "waiting_for_approval": not post.is_visible},
    )
    if post.is_visible:
        _thread_recount(thread)
        _published(post, profile=profile)
    ReadState.objects.update_or_create(
        user=user, thread=thread, defaults={"last_read_at": post.created_at}
    )
    _changed()
    return post


def _thread_recount(thread: Thread) -> None:
    """Reply count and last activity from the visible posts (the thread row is locked)."""
    visible = thread.posts.filter(status=Post.Status.VISIBLE)
    thread.reply_count = visible.filter(is_question=False).count()
    last = visible.aggregate(last=Max("created_at"))["last"]
    thread.last_activity_at = last or thread.created_at
    thread.save(update_fields=["reply_count", "last_activity_at"])


def _published(post: Post, *, profile: ForumProfile) -> None:
    """A post became visible: it counts for its author, and followers and the people it
    mentions are to be told (after the delay, unless they have read it by then)."""
    ForumProfile.objects.filter(pk=profile.pk).update(approved_posts=F("approved_posts") + 1)
    thread = post.thread
    category = thread.category
    due = timezone.now() + NOTIFY_DELAY
    wanted: dict[int, Notification] = {}

    follows = Follow.objects.filter(Q(thread=thread) | Q(category=category)).exclude(
        user_id=post.author_id
    )
    # A thread's own setting (muted included) wins over its category's.
    by_user: dict[int, Follow] = {}
    for follow in follows.order_by("thread_id"):
        if follow.thread_id or follow.user_id not in by_user:
            by_user[follow.user_id] = follow
    for user_id, follow in by_user.items():
        if follow.mode != Follow.Mode.MUTED:
            wanted[user_id] = Notification(
                user_id=user_id,
                post=post,
                kind=Notification.Kind.REPLY,
                digest=follow.mode == Follow.Mode.DIGEST,
                due_at=due,
            )
    handles = markdown.mentions(post.body)
    if handles:
        mentioned = ForumProfile.objects.filter(handle__in=handles).exclude(user_id=post.author_id)
        if category.working_group_id:
            mentioned = mentioned.filter(user__forum_working_groups=category.working_group_id)
        for user_id in mentioned.values_list("user_id", flat=True):
            wanted[user_id] = Notification(
                user_id=user_id, post=post, kind=Notification.Kind.MENTION, due_at=due
            )
    if category.working_group_id:
        members = set(
            WorkingGroup.members.through.objects.filter(
                workinggroup_id=category.working_group_id
            ).values_list("user_id", flat=True)
        )
        wanted = {user_id: n for user_id, n in wanted.items() if user_id in members}
    Notification.objects.bulk_create(wanted.values(), ignore_conflicts=True)


@transaction.atomic
def post_edit(*, user, post: Post, body: str) -> Post:
    """The author edits within 30 minutes; the earlier text stays in the history."""
    post = Post.objects.select_for_update().select_related("thread").get(pk=post.pk)
    if post.author_id != user.pk:
        raise DomainError(_("You can only edit your own messages."), code="forbidden")
    if timezone.now() - post.created_at > EDIT_WINDOW:
        raise DomainError(
            _("A message can be edited up to 30 minutes after posting."), code="too_late"
        )
    body = body.strip()
    if not body:
        raise DomainError(_("Write a message."), code="invalid")
    if len(body) > BODY_MAX_LENGTH or "\x00" in body:
        raise DomainError(_("The text is too long or holds a character that is not allowed."))
    if body == post.body:
        return post
    PostRevision.objects.create(post=post, body=post.body, body_html=post.body_html)
    post.body, post.body_html, post.edited_at = body, markdown.render(body), timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at"])
    audit_record(actor=user, action="forum.post.edited", obj=post)
    _changed()
    return post


@transaction.atomic
def useful_mark(*, user, post: Post) -> bool:
    """Mark a post "nuttig": once per member, never one's own. True when it counted."""
    if post.author_id == user.pk:
        raise DomainError(_("You cannot mark your own message as useful."), code="own")
    if not post.is_visible:
        raise DomainError(_("This message cannot be marked."), code="invalid")
    try:
        with transaction.atomic():
            Useful.objects.create(post=post, user=user)
    except IntegrityError:
        return False
    Post.objects.filter(pk=post.pk).update(useful_count=F("useful_count") + 1)
    audit_record(actor=user, action="forum.post.useful", obj=post)
    _changed()
    return True


@transaction.atomic
def answer_mark(*, actor, post: Post, as_coordinator: bool = False) -> Thread:
    """The thread's starter or a coordinator marks a reply as the answer."""
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    if not (as_coordinator or (thread.author_id and thread.author_id == actor.pk)):
        raise DomainError(
            _("Only the person who asked, or a coordinator, marks the answer."), code="forbidden"
        )
    if post.is_question or not post.is_visible or post.thread_id != thread.pk:
        raise DomainError(_("Only a visible reply can be the answer."), code="invalid")
    thread.answer = post
    thread.save(update_fields=["answer"])
    audit_record(actor=actor, action="forum.thread.answered", obj=thread, changes={"post": post.pk})
    if post.author_id and post.author_id != actor.pk:
        email_enqueue(
            to=[post.author.email],
            template="forum_answer_chosen",
            context={"thread": thread, "url": _thread_url(thread)},
        )
    _changed()
    return thread


# --- Reading and following --------------------------------------------------------------------


def thread_viewed(*, thread: Thread) -> None:
    """One more view of ``thread``, counted in the database so that simultaneous views all
    count. Not a change a cached page shows at once: no version is bumped."""
    Thread.objects.filter(pk=thread.pk).update(view_count=F("view_count") + 1)


SEEN_AGAIN_AFTER = 30 * 60  # seconds


def thread_viewed_by_visitor(*, thread: Thread, address: str) -> bool:
    """A view by a visitor without an account, counted once per thread and client address
    in ``SEEN_AGAIN_AFTER`` (reloads and prefetches do not add up); the address is kept only
    as a hash in the cache, never stored."""
    digest = hashlib.sha256(f"{thread.pk}:{address}".encode()).hexdigest()
    if not cache.add(f"forum:seen:{digest}", 1, SEEN_AGAIN_AFTER):
        return False
    thread_viewed(thread=thread)
    return True


def thread_read(*, user, thread: Thread, up_to) -> None:
    """The member has read ``thread`` up to the post dated ``up_to``: new e-mails about it
    may come again."""
    state, created = ReadState.objects.get_or_create(
        user=user, thread=thread, defaults={"last_read_at": up_to}
    )
    if not created and (state.last_read_at < up_to or state.emailed_since_visit):
        ReadState.objects.filter(pk=state.pk).update(
            last_read_at=max(state.last_read_at, up_to), emailed_since_visit=False
        )


@transaction.atomic
def follow_set(*, user, mode: str, thread: Thread | None = None, category=None) -> Follow | None:
    """Follow a thread or a category (``mode`` immediate or digest), or stop (``"none"``)."""
    target = {"thread": thread} if thread is not None else {"category": category}
    if mode == "none":
        Follow.objects.filter(user=user, **target).delete()
        return None
    if mode not in Follow.Mode.values:
        raise DomainError(_("Choose how you want to be told."), code="invalid")
    follow, _created = Follow.objects.update_or_create(user=user, **target, defaults={"mode": mode})
    return follow


def unsubscribe_token(*, user, thread: Thread) -> str:
    return signing.dumps({"u": user.pk, "t": thread.pk}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(*, user, thread: Thread) -> str:
    token = unsubscribe_token(user=user, thread=thread)
    return settings.SITE_URL + reverse("forum:unsubscribe", kwargs={"token": token})


def unsubscribe_read(token: str) -> tuple[int, int] | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=timedelta(days=365))
        return int(data["u"]), int(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


@transaction.atomic
def unsubscribe(*, token: str) -> Thread | None:
    """No more e-mail about the thread in the signed ``token``, whoever clicks it."""
    found = unsubscribe_read(token)
    if found is None:
        return None
    user_id, thread_id = found
    thread = Thread.objects.filter(pk=thread_id).first()
    if thread is None:
        return None
    Follow.objects.update_or_create(
        user_id=user_id, thread=thread, defaults={"mode": Follow.Mode.MUTED}
    )
    Notification.objects.filter(user_id=user_id, post__thread=thread, done=False).update(done=True)
    return thread


def _thread_url(thread: Thread) -> str:
    return settings.SITE_URL + thread.get_absolute_url()


# --- Moderation -------------------------------------------------------------------------------


@transaction.atomic
def post_report(*, user, post: Post, reason: str) -> Report:
    """A member reports a post; reports of three members hide it until a coordinator decides."""
    reason = " ".join(reason.split())
    if not reason:
        raise DomainError(_("Say why you report this message."), code="invalid")
    if len(reason) > 500 or "\x00" in reason:
        raise DomainError(_("Keep the reason under 500 characters."), code="invalid")
    post = Post.objects.select_for_update().select_related("thread").get(pk=post.pk)
    if post.author_id == user.pk:
        raise DomainError(_("You cannot report your own message."), code="own")
    if Report.objects.filter(post=post, reporter=user, resolved=False).exists():
        raise DomainError(_("You already reported this message."), code="conflict")
    report = Report.objects.create(post=post, reporter=user, reason=reason)
    audit_record(actor=user, action="forum.post.reported", obj=post, changes={"reason": reason})
    open_reports = Report.objects.filter(post=post, resolved=False)
    if post.is_visible and open_reports.values("reporter").distinct().count() >= REPORTS_TO_HIDE:
        post.status, post.hidden_by_reports = Post.Status.HIDDEN, True
        post.save(update_fields=["status", "hidden_by_reports"])
        audit_record(actor=None, action="forum.post.hidden_by_reports", obj=post)
        _thread_recount(Thread.objects.select_for_update().get(pk=post.thread_id))
        _changed()
    return report


MODERATION_ACTIONS = ("approve", "hide", "restore")


@transaction.atomic
def post_moderate(*, actor, post: Post, action: str, reason: str) -> Post:
    """A coordinator approves a waiting post, hides a post or restores it; the author is told."""
    if action not in MODERATION_ACTIONS:
        raise DomainError(_("Choose an action."), code="invalid")
    reason = " ".join(reason.split())
    if action == "hide" and not reason:
        raise DomainError(_("Say why the message is hidden; the author reads it."))
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    post = Post.objects.select_for_update().get(pk=post.pk)
    was_visible = post.is_visible
    if action == "approve" and post.status != Post.Status.PENDING:
        raise DomainError(_("This message is not waiting for approval."), code="conflict")
    post.status = Post.Status.HIDDEN if action == "hide" else Post.Status.VISIBLE
    post.hidden_by_reports = False
    post.save(update_fields=["status", "hidden_by_reports"])
    Report.objects.filter(post=post, resolved=False).update(resolved=True)
    if post.is_question:
        thread.approved = thread.approved or post.is_visible
        thread.save(update_fields=["approved"])
    _thread_recount(thread)
    audit_record(
        actor=actor,
        action=f"forum.post.{action}d" if action != "hide" else "forum.post.hidden",
        obj=post,
        changes={"reason": reason},
    )
    if action == "approve" and post.author_id:
        profile = ForumProfile.objects.get(user_id=post.author_id)
        _published(post, profile=profile)
    elif post.is_visible and not was_visible and post.author_id:
        pass
    if post.author_id:
        email_enqueue(
            to=[post.author.email],
            template="forum_moderated",
            context={
                "action": action,
                "reason": reason,
                "thread": thread,
                "url": _thread_url(thread),
            },
        )
    _changed()
    return post


THREAD_ACTIONS = ("lock", "unlock", "pin", "unpin", "close", "reopen", "move")


@transaction.atomic
def thread_moderate(
    *, actor, thread: Thread, action: str, reason: str, category: Category | None = None
) -> Thread:
    """A coordinator locks, pins, moves or closes a thread (and undoes it); audited, and
    the starter is told."""
    if action not in THREAD_ACTIONS:
        raise DomainError(_("Choose an action."), code="invalid")
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    changes = {"reason": " ".join(reason.split())}
    if action == "move":
        if category is None:
            raise DomainError(_("Choose the category to move the thread to."), code="invalid")
        changes["from"], changes["to"] = thread.category.slug, category.slug
        thread.category = category
    else:
        field, value = {
            "lock": ("locked", True),
            "unlock": ("locked", False),
            "pin": ("pinned", True),
            "unpin": ("pinned", False),
            "close": ("closed", True),
            "reopen": ("closed", False),
        }[action]
        setattr(thread, field, value)
    thread.save()
    audit_record(actor=actor, action=f"forum.thread.{action}", obj=thread, changes=changes)
    if thread.author_id and thread.author_id != actor.pk:
        email_enqueue(
            to=[thread.author.email],
            template="forum_moderated",
            context={
                "action": action,
                "reason": changes["reason"],
                "thread": thread,
                "url": _thread_url(thread),
            },
        )
    _changed()
    return thread


@transaction.atomic
def member_suspend(*, actor, user, until, reason: str) -> ForumProfile:
    """Suspend a member from posting until ``until`` (they can still read); they are told."""
    reason = " ".join(reason.split())
    if not reason:
        raise DomainError(_("Say why the member is suspended; they read it."), code="invalid")
    if until <= timezone.now():
        raise DomainError(_("Choose a moment in the future."), code="invalid")
    profile = ForumProfile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        raise DomainError(_("This member has no forum profile."), code="invalid")
    profile.suspended_until, profile.suspension_reason = until, reason
    profile.save(update_fields=["suspended_until", "suspension_reason"])
    audit_record(
        actor=actor,
        action="forum.member.suspended",
        obj=profile,
        changes={"until": until.isoformat(), "reason": reason},
    )
    email_enqueue(
        to=[user.email],
        template="forum_suspended",
        context={"until": until, "reason": reason},
    )
    return profile


# --- Notifications (Celery) -------------------------------------------------------------------


def _unread(notification: Notification, states: dict) -> bool:
    state = states.get((notification.user_id, notification.post.thread_id))
    return state is None or state.last_read_at < notification.post.created_at


def _mark_emailed(*, user_id, thread: Thread) -> None:
    """The member was e-mailed about ``thread``: no other e-mail about it, immediate or in a
    digest, until they visit it (``thread_read``)."""
    ReadState.objects.update_or_create(
        user_id=user_id,
        thread=thread,
        defaults={"emailed_since_visit": True},
        create_defaults={
            "last_read_at": thread.created_at - timedelta(seconds=1),
            "emailed_since_visit": True,
        },
    )


def notifications_send(*, now=None) -> int:
    """E-mail the "meteen" notifications that are due, unless the member has read the post,
    or was e-mailed about the thread since their last visit. Returns the e-mails queued."""
    now = now or timezone.now()
    sent = 0
    with transaction.atomic():
        due = list(
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(done=False, digest=False, due_at__lte=now)
            .select_related("post__thread__category", "user")
            .order_by("due_at")[:500]
        )
        states = {
            (state.user_id, state.thread_id): state
            for state in ReadState.objects.filter(
                user__in={n.user_id for n in due}, thread__in={n.post.thread_id for n in due}
            )
        }
        emailed = set()
        for notification in due:
            post, thread = notification.post, notification.post.thread
            key = (notification.user_id, thread.pk)
            state = states.get(key)
            if (
                post.is_visible
                and _unread(notification, states)
                and key not in emailed
                and not (state and state.emailed_since_visit)
                and _may_see(notification.user, thread)
            ):
                _notify(notification.user, [notification])
                emailed.add(key)
                _mark_emailed(user_id=notification.user_id, thread=thread)
                sent += 1
        Notification.objects.filter(pk__in=[n.pk for n in due]).update(done=True)
    return sent


def digest_send(*, now=None) -> int:
    """Once a day: one e-mail per member listing the followed threads with unread posts that
    they were not e-mailed about since their last visit."""
    now = now or timezone.now()
    sent = 0
    with transaction.atomic():
        due = list(
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(done=False, digest=True, due_at__lte=now)
            .select_related("post__thread__category", "user")
            .order_by("user_id", "due_at")
        )
        states = {
            (state.user_id, state.thread_id): state
            for state in ReadState.objects.filter(user__in={n.user_id for n in due})
        }
        by_user: dict[int, list[Notification]] = {}
        for notification in due:
            state = states.get((notification.user_id, notification.post.thread_id))
            if (
                notification.post.is_visible
                and _unread(notification, states)
                and not (state and state.emailed_since_visit)
                and _may_see(notification.user, notification.post.thread)
            ):
                by_user.setdefault(notification.user_id, []).append(notification)
        for notifications in by_user.values():
            _notify(notifications[0].user, notifications, digest=True)
            for thread in {n.post.thread_id: n.post.thread for n in notifications}.values():
                _mark_emailed(user_id=notifications[0].user_id, thread=thread)
            sent += 1
        Notification.objects.filter(pk__in=[n.pk for n in due]).update(done=True)
    return sent


def _may_see(user, thread) -> bool:
    from .selectors import user_may_see_category

    return user.is_active and user_may_see_category(
        user=user, category=thread.category, as_coordinator=_is_coordinator(user)
    )


def _notify(user, notifications: list[Notification], *, digest: bool = False) -> None:
    threads = list({n.post.thread_id: n.post.thread for n in notifications}.values())
    items = [
        {
            "thread": thread,
            "url": _thread_url(thread),
            "unsubscribe_url": unsubscribe_url(user=user, thread=thread),
            "mention": any(
                n.kind == Notification.Kind.MENTION
                for n in notifications
                if n.post.thread_id == thread.pk
            ),
        }
        for thread in threads
    ]
    email = email_enqueue(
        to=[user.email],
        template="forum_digest" if digest else "forum_notification",
        context={"items": items, "item": items[0]},
        headers={
            "List-Unsubscribe": f"<{items[0]['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    return email
