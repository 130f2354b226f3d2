"""The member's part of the forum in the data export and the account deletion.

On deletion their posts stay, attributed to "verwijderd lid" (what the member wrote stays,
product.md §8); their forum profile (handle, display name), follows, read markers,
"nuttig" marks, reports and pending notifications go.
"""

from aanspreekpunt.core.contributions import DataSubject

from .models import Follow, ForumProfile, Notification, Post, ReadState, Report, Thread, Useful


def records(user) -> list:
    return [ForumProfile.objects.filter(user=user)]


def posts_export(subject: DataSubject) -> dict:
    user = subject.user
    profile = ForumProfile.objects.filter(user=user).first()
    posts = Post.objects.filter(author=user).select_related("thread").order_by("created_at", "pk")
    return {
        "profile": (
            {"handle": profile.handle, "display_name": profile.display_name} if profile else None
        ),
        "posts": [
            {
                "thread": post.thread.title,
                "question": post.is_question,
                "text": post.body,
                "posted_at": post.created_at,
                "edited_at": post.edited_at,
                "status": post.get_status_display(),
            }
            for post in posts
        ],
        "follows": [
            {"thread": follow.thread_id, "category": follow.category_id, "mode": follow.mode}
            for follow in Follow.objects.filter(user=user)
        ],
        "useful": list(Useful.objects.filter(user=user).values_list("post_id", flat=True)),
        "reports": [
            {"post": report.post_id, "reason": report.reason}
            for report in Report.objects.filter(reporter=user)
        ],
    }


def erase(subject: DataSubject) -> dict[str, int]:
    user = subject.user
    counts = {
        "posts_kept": Post.objects.filter(author=user).update(author=None),
        "threads_kept": Thread.objects.filter(author=user).update(author=None),
        "reports": Report.objects.filter(reporter=user).update(reporter=None, reason=""),
    }
    for name, model in (
        ("follows", Follow),
        ("read_markers", ReadState),
        ("useful", Useful),
        ("notifications", Notification),
        ("profile", ForumProfile),
    ):
        counts[name] = model.objects.filter(user=user).delete()[0]
    return counts
