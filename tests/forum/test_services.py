"""The forum's rules, through its services: posting, limits, edits, answers, moderation."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.models import AuditEntry, OutboundEmail
from aanspreekpunt.forum import services
from aanspreekpunt.forum.models import ForumProfile, Post, PostRevision, Thread, Useful

from .helpers import coordinator, forum_member, public_category, question, reply

pytestmark = pytest.mark.django_db


def error_of(func, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        func(**kwargs)
    return caught.value


# --- posting ----------------------------------------------------------------------------------


def test_a_member_needs_a_forum_profile_before_posting(member):
    error = error_of(
        services.thread_create, user=member, category=public_category(), title="T", body="B"
    )
    assert error.code == "no_profile"


def test_a_question_and_a_reply_count_and_are_audited():
    thread = question()
    reply(thread)
    reply(thread)
    thread.refresh_from_db()
    assert thread.approved
    assert thread.reply_count == 2
    assert thread.posts.get(is_question=True).is_visible
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"forum.thread.created", "forum.post.created"} <= actions


def test_the_first_two_posts_of_a_new_member_wait_for_approval():
    newcomer = forum_member(new=True)
    thread = question(newcomer)
    assert not thread.approved
    assert thread.posts.get().status == Post.Status.PENDING
    boss = coordinator()
    services.post_moderate(actor=boss, post=thread.posts.get(), action="approve", reason="")
    thread.refresh_from_db()
    assert thread.approved
    other = question()
    second = reply(other, author=newcomer)
    assert second.status == Post.Status.PENDING
    services.post_moderate(actor=boss, post=second, action="approve", reason="")
    assert reply(other, author=newcomer).status == Post.Status.VISIBLE  # the third goes online
    assert OutboundEmail.objects.filter(to=[newcomer.email]).count() == 2  # told twice


def test_posting_floods_are_refused_with_a_clear_message():
    author = forum_member()
    thread = question(author)
    for number in range(services.POSTS_PER_WINDOW - 1):
        reply(thread, author=author, body=f"bericht {number}")
    error = error_of(services.reply_create, user=author, thread=thread, body="nog een")
    assert error.code == "rate"
    assert "10 minuten" in error.message


def test_the_same_text_twice_within_an_hour_is_refused():
    author = forum_member()
    thread = question(author)
    reply(thread, author=author, body="Precies dit.")
    error = error_of(services.reply_create, user=author, thread=thread, body="  Precies dit.  ")
    assert error.code == "duplicate"
    Post.objects.filter(body="Precies dit.").update(created_at=timezone.now() - timedelta(hours=2))
    assert reply(thread, author=author, body="Precies dit.").is_visible


def test_a_new_members_post_carries_at_most_two_links_and_two_mentions():
    newcomer = forum_member(new=True)
    thread = question()
    links = "https://a.example https://b.example https://c.example"
    assert error_of(services.reply_create, user=newcomer, thread=thread, body=links).code == (
        "links"
    )
    mentions = "@aa @bb @cc"
    assert error_of(services.reply_create, user=newcomer, thread=thread, body=mentions).code == (
        "mentions"
    )
    # a trusted member may
    assert reply(thread, body=links).is_visible


def test_a_post_mentions_at_most_ten_people():
    body = " ".join(f"@lid-x{number}" for number in range(11))
    error = error_of(services.reply_create, user=forum_member(), thread=question(), body=body)
    assert error.code == "mentions"


def test_a_suspended_member_is_told_until_when_and_can_post_again_after():
    member = forum_member()
    until = timezone.now() + timedelta(days=3)
    services.member_suspend(actor=coordinator(), user=member, until=until, reason="Spam")
    error = error_of(services.reply_create, user=member, thread=question(), body="hallo")
    assert error.code == "suspended"
    assert str(timezone.localtime(until).year) in error.message
    ForumProfile.objects.filter(user=member).update(suspended_until=timezone.now())
    assert reply(question(), author=member).is_visible
    assert AuditEntry.objects.filter(action="forum.member.suspended").exists()
    assert OutboundEmail.objects.filter(to=[member.email], subject__contains="geschorst").exists()


def test_a_locked_or_closed_thread_takes_no_replies():
    boss = coordinator()
    for action in ("lock", "close"):
        thread = question()
        services.thread_moderate(actor=boss, thread=thread, action=action, reason="Klaar")
        error = error_of(services.reply_create, user=forum_member(), thread=thread, body="x")
        assert error.code == "closed"


# --- edits ------------------------------------------------------------------------------------


def test_the_author_edits_within_thirty_minutes_and_the_history_stays():
    author = forum_member()
    post = reply(question(), author=author, body="Eerste versie")
    services.post_edit(user=author, post=post, body="Tweede versie")
    post.refresh_from_db()
    assert post.edited_at is not None
    assert "Tweede versie" in post.body_html
    assert list(PostRevision.objects.values_list("body", flat=True)) == ["Eerste versie"]
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(minutes=31))
    post.refresh_from_db()
    assert error_of(services.post_edit, user=author, post=post, body="Derde").code == "too_late"


def test_nobody_edits_someone_elses_post():
    post = reply(question())
    assert error_of(services.post_edit, user=forum_member(), post=post, body="x").code == (
        "forbidden"
    )


# --- nuttig and answers -----------------------------------------------------------------------


def test_useful_once_per_member_and_never_ones_own():
    author = forum_member()
    post = reply(question(), author=author)
    fan = forum_member()
    assert services.useful_mark(user=fan, post=post) is True
    assert services.useful_mark(user=fan, post=post) is False
    assert error_of(services.useful_mark, user=author, post=post).code == "own"
    post.refresh_from_db()
    assert post.useful_count == 1
    assert Useful.objects.count() == 1


def test_the_asker_or_a_coordinator_marks_the_answer_and_its_author_is_told():
    asker, helper = forum_member(), forum_member()
    thread = question(asker)
    answer = reply(thread, author=helper)
    stranger = forum_member()
    assert error_of(services.answer_mark, actor=stranger, post=answer).code == "forbidden"
    assert error_of(
        services.answer_mark, actor=asker, post=thread.posts.get(is_question=True)
    ).code == ("invalid")
    services.answer_mark(actor=asker, post=answer)
    assert Thread.objects.get(pk=thread.pk).answer == answer
    assert OutboundEmail.objects.filter(to=[helper.email]).exists()
    other = reply(thread)
    services.answer_mark(actor=coordinator(), post=other, as_coordinator=True)
    assert Thread.objects.get(pk=thread.pk).answer == other


# --- reports and moderation -------------------------------------------------------------------


def test_three_reports_from_different_members_hide_a_post_until_a_coordinator_decides():
    thread = question()
    post = reply(thread)
    reporters = [forum_member() for _ in range(3)]
    services.post_report(user=reporters[0], post=post, reason="Reclame")
    assert error_of(services.post_report, user=reporters[0], post=post, reason="nog").code == (
        "conflict"
    )
    services.post_report(user=reporters[1], post=post, reason="Reclame")
    post.refresh_from_db()
    assert post.is_visible
    services.post_report(user=reporters[2], post=post, reason="Reclame")
    post.refresh_from_db()
    thread.refresh_from_db()
    assert post.status == Post.Status.HIDDEN
    assert post.hidden_by_reports
    assert thread.reply_count == 0
    services.post_moderate(actor=coordinator(), post=post, action="restore", reason="In orde")
    post.refresh_from_db()
    thread.refresh_from_db()
    assert post.is_visible
    assert thread.reply_count == 1
    assert not post.reports.filter(resolved=False).exists()


def test_one_cannot_report_ones_own_post_nor_without_a_reason():
    author = forum_member()
    post = reply(question(), author=author)
    assert error_of(services.post_report, user=author, post=post, reason="x").code == "own"
    assert error_of(services.post_report, user=forum_member(), post=post, reason=" ").code == (
        "invalid"
    )


def test_every_moderation_act_is_audited_with_who_and_why_and_the_author_is_told():
    boss = coordinator()
    author = forum_member()
    thread = question(author)
    post = reply(thread, author=forum_member())
    mail.outbox.clear()
    services.post_moderate(actor=boss, post=post, action="hide", reason="Persoonsgegevens")
    assert error_of(services.post_moderate, actor=boss, post=post, action="hide", reason="").message
    other_category = public_category().__class__.objects.get(slug="e-mailhulp")
    for action in ("pin", "lock", "close", "reopen", "unlock", "unpin"):
        services.thread_moderate(actor=boss, thread=thread, action=action, reason="Waarom")
    services.thread_moderate(
        actor=boss, thread=thread, action="move", reason="Past beter", category=other_category
    )
    entries = AuditEntry.objects.filter(actor=boss, action__startswith="forum.")
    assert entries.count() == 8
    assert all(entry.changes.get("reason") for entry in entries)
    thread.refresh_from_db()
    assert thread.category == other_category
    assert OutboundEmail.objects.filter(to=[author.email]).count() == 7
    assert OutboundEmail.objects.filter(to=[post.author.email], subject__contains="moderat")


def test_profile_handles_and_names_are_unique_whatever_the_case(member):
    forum_member(handle="sam")
    error = error_of(services.profile_save, user=member, handle="SAM", display_name="Sam B")
    assert error.code == "conflict"
    profile = services.profile_save(user=member, handle="sam-b", display_name="Sam B")
    assert profile.handle == "sam-b"
