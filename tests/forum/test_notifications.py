"""Following and e-mail: held back ten minutes, never about what one has read or wrote, at
most one per thread until the member visits, the digest only with something unread, and a
one-click unsubscribe that works without login."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from aanspreekpunt.core.models import OutboundEmail
from aanspreekpunt.forum import services
from aanspreekpunt.forum.models import Follow, Notification

from .helpers import forum_member, public_category, question, reply

pytestmark = pytest.mark.django_db

LATER = timedelta(minutes=11)


def send(*, after=LATER) -> int:
    return services.notifications_send(now=timezone.now() + after)


def emails_to(user) -> list[OutboundEmail]:
    return list(OutboundEmail.objects.filter(to=[user.email]).order_by("pk"))


def test_the_asker_follows_their_question_and_hears_of_a_reply_after_ten_minutes():
    asker = forum_member()
    thread = question(asker)
    reply(thread)
    assert send(after=timedelta(minutes=5)) == 0  # held back
    assert send() == 1
    [email] = emails_to(asker)
    assert thread.title in email.subject
    assert thread.get_absolute_url() in email.body
    assert email.headers["List-Unsubscribe"].startswith("<http")
    assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_header_reaches_the_sent_message(django_capture_on_commit_callbacks):
    asker = forum_member()
    thread = question(asker)
    reply(thread)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send()
    [message] = [m for m in mail.outbox if m.to == [asker.email]]
    assert "List-Unsubscribe" in message.extra_headers


def test_no_e_mail_when_the_member_read_the_post_in_the_meantime(client):
    asker = forum_member()
    thread = question(asker)
    reply(thread)
    client.force_login(asker)
    client.get(thread.get_absolute_url())
    assert send() == 0
    assert emails_to(asker) == []


def test_never_an_e_mail_about_ones_own_posts():
    asker = forum_member()
    thread = question(asker)
    reply(thread, author=asker)
    assert send() == 0


def test_at_most_one_e_mail_per_thread_until_the_member_visits_it(client):
    asker = forum_member()
    thread = question(asker)
    reply(thread)
    reply(thread)
    assert send() == 1
    reply(thread)
    assert send() == 0
    client.force_login(asker)
    client.get(thread.get_absolute_url())
    reply(thread)
    assert send() == 1
    assert len(emails_to(asker)) == 2


def test_a_category_follower_hears_of_new_threads_and_a_muted_thread_stays_quiet():
    follower = forum_member()
    services.follow_set(user=follower, category=public_category(), mode="immediate")
    thread = question()
    send()
    assert len(emails_to(follower)) == 1
    services.follow_set(user=follower, thread=thread, mode="muted")
    reply(thread)
    send()
    assert len(emails_to(follower)) == 1


def test_a_mention_is_notified_even_without_following():
    named = forum_member(handle="an-de-vos")
    reply(question(), body="Wat denkt @an-de-vos hiervan?")
    send()
    [email] = emails_to(named)
    assert "vermeld" in email.subject


def test_the_digest_lists_unread_threads_and_is_only_sent_with_something_unread(client):
    member = forum_member()
    first, second = question(), question()
    for thread in (first, second):
        services.follow_set(user=member, thread=thread, mode="digest")
        reply(thread)
    send()
    assert emails_to(member) == []  # digest followers get no immediate e-mail
    assert services.digest_send(now=timezone.now() + LATER) == 1
    [email] = emails_to(member)
    assert first.title in email.body
    assert second.title in email.body
    reply(first)
    client.force_login(member)
    client.get(first.get_absolute_url())
    assert services.digest_send(now=timezone.now() + LATER) == 0


def test_a_thread_is_in_no_second_digest_until_the_member_visits_it(client):
    member = forum_member()
    thread, other = question(title="Eerste draad"), question(title="Tweede draad")
    for followed in (thread, other):
        services.follow_set(user=member, thread=followed, mode="digest")
    reply(thread)
    assert services.digest_send(now=timezone.now() + LATER) == 1
    reply(thread)  # the next day, not yet visited: nothing to send
    assert services.digest_send(now=timezone.now() + LATER) == 0
    reply(thread)
    reply(other)  # another thread: only that one is in the digest
    assert services.digest_send(now=timezone.now() + LATER) == 1
    assert other.title in emails_to(member)[-1].body
    assert thread.title not in emails_to(member)[-1].body
    client.force_login(member)
    client.get(thread.get_absolute_url())  # the visit: e-mails about it may come again
    reply(thread)
    assert services.digest_send(now=timezone.now() + LATER) == 1
    assert thread.title in emails_to(member)[-1].body
    assert len(emails_to(member)) == 3


def test_the_unsubscribe_link_works_without_login_and_asks_to_confirm(client):
    asker = forum_member()
    thread = question(asker)
    url = reverse("forum:unsubscribe", args=[services.unsubscribe_token(user=asker, thread=thread)])
    page = client.get(url)
    assert page.status_code == 200
    assert "Ja, stop deze e-mails" in page.content.decode()
    assert Follow.objects.get(user=asker, thread=thread).mode == "immediate"  # GET changes nothing
    done = client.post(url)  # one-click: no CSRF token, no session
    assert done.status_code == 200
    assert Follow.objects.get(user=asker, thread=thread).mode == "muted"
    reply(thread)
    assert send() == 0


def test_a_forged_unsubscribe_token_is_refused(client):
    thread = question()
    assert client.get("/forum/afmelden/vervalst/").status_code == 404
    token = services.unsubscribe_token(user=forum_member(), thread=thread)
    assert client.post(f"/forum/afmelden/{token[:-2]}xx/").status_code == 404


def test_pending_posts_notify_only_once_approved():
    from .helpers import coordinator

    asker = forum_member()
    thread = question(asker)
    waiting = reply(thread, author=forum_member(new=True))
    assert not Notification.objects.filter(post=waiting).exists()
    services.post_moderate(actor=coordinator(), post=waiting, action="approve", reason="")
    assert send() == 1
