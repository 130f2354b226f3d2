"""The expertise forum (product.md §7): categories, threads, posts and what members do with them.

Naming: a conversation in the forum is a **Thread** ("onderwerp" in the Dutch interface);
``Topic`` always means the site-wide professional vocabulary of ``aanspreekpunt.topics``,
which categories and threads are tagged with.

Visibility: a category restricted to a ``WorkingGroup`` exists only for that group's members
(and coordinators): everything else reads through ``selectors``, which filter on it.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from aanspreekpunt.core.fields import PlainCharField, PlainTextField

BODY_MAX_LENGTH = 20_000

# Paths under /forum/ that are not categories: no category may take these keys.
RESERVED_SLUGS = {"nieuw", "onderwerp", "bericht", "moderatie", "afmelden", "profiel", "groep"}


class WorkingGroup(models.Model):
    """A working group of the community: its own list of members, not a role group, so
    joining one gives access to its categories and nothing else."""

    name = PlainCharField(_("name"), max_length=120, unique=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        blank=True,
        related_name="forum_working_groups",
    )

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Category(models.Model):
    name = PlainCharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("key"), max_length=80, unique=True)
    description = PlainCharField(_("description"), max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    working_group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("only for working group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="categories",
        help_text=_("Leave empty for a public category."),
    )
    topics = models.ManyToManyField(
        "topics.Topic", verbose_name=_("topics"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("forum:category_detail", kwargs={"category": self.slug})

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This key is reserved; choose another.")})


class Thread(models.Model):
    """A question or discussion ("onderwerp"): its first post is the question."""

    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="threads"
    )
    title = PlainCharField(_("title"), max_length=150)
    slug = models.SlugField(max_length=160)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    topics = models.ManyToManyField(
        "topics.Topic", verbose_name=_("topics"), blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField(db_index=True)
    # Visible replies (approved, not hidden); kept by the services under the thread's lock.
    reply_count = models.PositiveIntegerField(default=0)
    view_count = models.PositiveIntegerField(default=0)
    # False while the first post waits for a coordinator's approval.
    approved = models.BooleanField(default=True)
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(_("locked"), default=False)
    closed = models.BooleanField(_("closed"), default=False)
    answer = models.ForeignKey(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("forum thread")
        verbose_name_plural = _("forum threads")
        indexes = [
            models.Index(
                fields=["category", "approved", "-pinned", "-last_activity_at"],
                name="forum_thread_list",
            ),
            models.Index(fields=["approved", "-created_at"], name="forum_thread_latest"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "forum:thread_detail",
            kwargs={"category": self.category.slug, "pk": self.pk, "slug": self.slug or "-"},
        )

    @property
    def accepts_replies(self) -> bool:
        return self.approved and not (self.locked or self.closed)


class Post(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for approval")
        VISIBLE = "visible", _("visible")
        HIDDEN = "hidden", _("hidden")

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = PlainTextField(_("message"), max_length=BODY_MAX_LENGTH)
    body_html = models.TextField(editable=False)  # sanitised by forum.markdown
    is_question = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.VISIBLE)
    # Hidden because three members reported it: waits for a coordinator's decision.
    hidden_by_reports = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    useful_count = models.PositiveIntegerField(default=0)
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("forum post")
        verbose_name_plural = _("forum posts")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["thread", "status", "created_at"], name="forum_post_thread"),
            models.Index(fields=["author", "created_at"], name="forum_post_author"),
        ]

    def __str__(self):
        return f"#{self.pk}"

    @property
    def body_rendered(self):
        # body_html was sanitised by nh3 when the post was saved (forum.markdown).
        return mark_safe(self.body_html)

    @property
    def is_visible(self) -> bool:
        return self.status == self.Status.VISIBLE


class PostRevision(models.Model):
    """The text a post had before an edit: the edit history shown under "bewerkt"."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    body_html = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"PostRevision #{self.pk}"

    @property
    def body_rendered(self):
        return mark_safe(self.body_html)


class Useful(models.Model):
    """A member marked a post "nuttig": once per member, never their own."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="usefuls")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="forum_useful_once"),
        ]

    def __str__(self):
        return f"Useful #{self.pk}"


class Report(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = PlainCharField(_("reason"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(default=False, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=models.Q(resolved=False),
                name="forum_report_once_open",
            ),
        ]

    def __str__(self):
        return f"Report #{self.pk}"


class ReadState(models.Model):
    """How far a member has read a thread, and whether they were e-mailed since."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_states")
    last_read_at = models.DateTimeField()
    # At most one e-mail per thread until the member visits it again.
    emailed_since_visit = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="forum_read_once"),
        ]

    def __str__(self):
        return f"ReadState #{self.pk}"


class Follow(models.Model):
    class Mode(models.TextChoices):
        IMMEDIATE = "immediate", _("e-mail straight away")
        DIGEST = "digest", _("daily digest")
        MUTED = "muted", _("no e-mail")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.IMMEDIATE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "thread"],
                condition=models.Q(thread__isnull=False),
                name="forum_follow_thread_once",
            ),
            models.UniqueConstraint(
                fields=["user", "category"],
                condition=models.Q(category__isnull=False),
                name="forum_follow_category_once",
            ),
            models.CheckConstraint(
                condition=models.Q(thread__isnull=True) ^ models.Q(category__isnull=True),
                name="forum_follow_one_target",
            ),
        ]

    def __str__(self):
        return f"Follow #{self.pk}"


class Notification(models.Model):
    """A post a member is to hear about; the notification task e-mails it when it is due,
    unless the member has read it by then."""

    class Kind(models.TextChoices):
        REPLY = "reply", _("new post")
        MENTION = "mention", _("mention")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    digest = models.BooleanField(default=False)
    due_at = models.DateTimeField()
    done = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["done", "due_at"], name="forum_notification_due")]
        constraints = [
            models.UniqueConstraint(fields=["user", "post"], name="forum_notify_once"),
        ]

    def __str__(self):
        return f"Notification #{self.pk}"


class ForumProfile(models.Model):
    """A member's public face in the forum: a handle for @mentions and a display name.
    Their e-mail address is never shown."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_profile"
    )
    handle = models.SlugField(_("handle"), max_length=30, unique=True)
    display_name = PlainCharField(_("display name"), max_length=60, unique=True)
    approved_posts = models.PositiveIntegerField(default=0)
    suspended_until = models.DateTimeField(null=True, blank=True)
    suspension_reason = PlainCharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("forum profile")
        verbose_name_plural = _("forum profiles")

    def __str__(self):
        return self.display_name
