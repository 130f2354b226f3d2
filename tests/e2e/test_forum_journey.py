"""The forum in the browser: a member asks a question on a phone, another answers with
JavaScript switched off, the asker marks the answer and the e-mails go out."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from aanspreekpunt.core.models import OutboundEmail
from aanspreekpunt.forum import services
from aanspreekpunt.forum.models import ForumProfile, Thread

from .conftest import log_in_member
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.e2e

TITLE = "Hoe vangen jullie een chat op na sluitingstijd?"


def test_a_question_is_asked_on_a_phone_answered_without_javascript_and_solved(
    phone_page, no_js_page
):
    asker_page, helper_page = phone_page, no_js_page

    # the asker, on a phone: asking first leads to choosing a forum name
    asker = log_in_member(asker_page)
    asker_page.goto("/forum/")
    assert_accessible(asker_page)
    asker_page.get_by_role("link", name="Stel een vraag").first.click()
    expect(asker_page).to_have_url(re.compile(r"/forum/profiel/"))
    asker_page.get_by_label("Gebruikersnaam").fill("vrager")
    asker_page.get_by_label("Weergavenaam").fill("Vera Vrager")
    asker_page.get_by_role("button", name="Bewaren").click()
    expect(asker_page).to_have_url(re.compile(r"/forum/nieuw/$"))
    # an established member: their earlier posts were approved
    ForumProfile.objects.filter(user=asker).update(approved_posts=2)

    assert_accessible(asker_page)
    asker_page.get_by_label("Titel van uw vraag").fill(TITLE)
    asker_page.get_by_label("Categorie").select_option(label="Chathulp")
    asker_page.get_by_label("Uw bericht").fill("Wie heeft een **goede** afsluitboodschap?")
    asker_page.get_by_role("button", name="Vraag plaatsen").click()
    expect(asker_page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(asker_page.locator(".forum-body strong")).to_have_text("goede")
    # nothing is wider than the phone
    assert asker_page.evaluate("document.documentElement.scrollWidth") <= 390
    thread = Thread.objects.get(title=TITLE)

    # the helper, without JavaScript, finds it in the category and replies
    helper = log_in_member(helper_page)
    ForumProfile.objects.create(
        user=helper, handle="helper", display_name="Hans Helper", approved_posts=2
    )
    helper_page.goto("/forum/chathulp/")
    helper_page.get_by_role("link", name=TITLE).click()
    helper_page.get_by_label("Uw bericht").fill("Wij verwijzen naar de nachtlijn.")
    helper_page.get_by_role("button", name="Reactie plaatsen").click()
    expect(helper_page.locator(".forum-post").last).to_contain_text("nachtlijn")

    # ten minutes later the asker has not looked: the notification goes out
    assert services.notifications_send(now=timezone.now() + timedelta(minutes=11)) == 1
    [notification] = OutboundEmail.objects.filter(to=[asker.email])
    assert TITLE in notification.subject
    assert notification.headers["List-Unsubscribe"]

    # the asker opens the thread (the e-mail's link) and marks the reply as the answer
    asker_page.goto(thread.get_absolute_url())
    reply = asker_page.locator(".forum-post").filter(has_text="nachtlijn")
    expect(reply.locator(".tag--new")).to_be_visible()
    reply.get_by_role("button", name="Markeren als het antwoord").click()
    expect(asker_page.locator(".forum-answer")).to_contain_text("nachtlijn")
    expect(asker_page.locator(".tags")).to_contain_text("beantwoord")
    assert_accessible(asker_page)
    assert Thread.objects.get(pk=thread.pk).answer.author == helper
    assert OutboundEmail.objects.filter(to=[helper.email], subject__contains=TITLE).exists()

    # and the category shows it answered, to the helper too
    helper_page.goto("/forum/chathulp/")
    expect(helper_page.locator(".forum-thread").filter(has_text=TITLE)).to_contain_text(
        "beantwoord"
    )


def test_a_coordinator_hides_a_reported_post_and_outsiders_never_see_a_working_group(page):
    from aanspreekpunt.accounts import roles
    from aanspreekpunt.core.models import AuditEntry
    from aanspreekpunt.forum.models import Category
    from tests.factories import UserFactory
    from tests.forum.helpers import forum_member, question, reply
    from tests.totp import totp_code

    from .test_admin_under_csp import log_in, reauthenticate_if_asked

    thread = question(title="Een vraag met een gemelde reactie")
    author = forum_member()
    post = reply(thread, author=author, body="Koop nu goedkope pillen")
    services.post_report(user=forum_member(), post=post, reason="Reclame")
    secret = question(
        category=Category.objects.get(slug="werkgroep-kwaliteit"), title="Werkgroepgeheim"
    )

    coordinator = UserFactory(groups=[roles.COORDINATORS])
    log_in(page, coordinator.email)
    page.goto("/forum/moderatie/")
    # staff set up two-factor authentication first, then go on to where they were going
    reauthenticate_if_asked(page)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/\?next=/forum/moderatie/$"))
    code = totp_code(page.locator("#authenticator_secret").inner_text().strip())
    page.locator("main form input[name=code]").fill(code)
    page.locator("main form button[type=submit]").click()
    page.locator("main").get_by_role("link", name="Verder").click()
    expect(page).to_have_url(re.compile(r"/forum/moderatie/$"))
    reported = page.locator("section", has_text="Gemelde berichten")
    expect(reported).to_contain_text("Koop nu goedkope pillen")
    reported.get_by_role("link", name="Beslissen").click()
    page.get_by_label("Actie").select_option(label="Verbergen")
    page.get_by_label("Reden (de auteur leest ze)").fill("Reclame hoort hier niet")
    page.get_by_role("button", name="Bewaren").click()
    expect(page).to_have_url(re.compile(r"/forum/moderatie/$"))
    expect(page.locator("section", has_text="Gemelde berichten")).to_contain_text(
        "Geen gemelde berichten"
    )
    entry = AuditEntry.objects.get(action="forum.post.hidden")
    assert entry.actor == coordinator
    assert entry.changes["reason"] == "Reclame hoort hier niet"
    assert OutboundEmail.objects.filter(to=[author.email]).exists()

    # a visitor sees the notice, not the post; nor anything of the working group
    page.context.clear_cookies()
    page.goto(thread.get_absolute_url())
    expect(page.locator("main")).to_contain_text("verborgen door de moderatie")
    expect(page.locator("main")).not_to_contain_text("goedkope pillen")
    assert_accessible(page)
    page.goto("/forum/")
    expect(page.locator("main")).not_to_contain_text("Werkgroep")
    response = page.goto(secret.get_absolute_url())
    assert response.status == 404
