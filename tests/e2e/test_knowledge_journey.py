"""An editor publishes an article on a theme in the back office; a visitor finds it and an
offering in one search; a member keeps both in "Mijn kennisplein". axe-core checks the
knowledge site's main pages."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from playwright.sync_api import expect

from aanspreekpunt.accounts import roles
from aanspreekpunt.pages.models import ArticlePage, HomePage, ThemePage
from aanspreekpunt.topics.models import Topic
from socialekaart.models import Offering, Organisation
from tests.e2e.conftest import log_in_member
from tests.e2e.test_accessibility import assert_accessible
from tests.factories import PASSWORD, UserFactory
from tests.totp import TEST_TOTP_SECRET, totp_code

pytestmark = pytest.mark.e2e

SAVED = re.compile("Bewaard in Mijn kennisplein")


def make_theme_and_offering():
    home = HomePage.objects.get()
    theme = home.add_child(
        instance=ThemePage(
            title="Chathulp", slug="chathulp", topic=Topic.objects.get(slug="chathulp")
        )
    )
    theme.save_revision().publish()
    organisation = Organisation.objects.create(name="Tele-Onthaal", slug="tele-onthaal")
    offering = Offering.objects.create(
        organisation=organisation,
        name="Chat met Tele-Onthaal",
        slug="chat-met-tele-onthaal",
        description="Anoniem chatten met een vrijwilliger.",
        is_public=True,
        moderation_state=Offering.Moderation.PUBLISHED,
    )
    return theme, offering


def log_in_editor(page):
    editor = UserFactory(groups=[roles.EDITORS])
    TOTP.activate(editor, TEST_TOTP_SECRET)
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(editor.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.locator("main form input[name=code]").fill(totp_code(TEST_TOTP_SECRET))
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(re.compile(r"/accounts/profiel/$"))
    return editor


def test_editor_publishes_visitor_finds_member_bookmarks(page, browser, site):
    theme, offering = make_theme_and_offering()

    # The editor writes an article below the theme page and publishes it.
    log_in_editor(page)
    page.goto(f"/admin/pages/add/pages/articlepage/{theme.pk}/")
    page.locator("#id_title").fill("Chatwerking stap voor stap")
    page.locator("#id_intro").fill("Hoe een organisatie een chatwerking opstart.")
    page.locator("footer .dropdown-toggle, footer [data-w-dropdown-target='toggle']").first.click()
    page.locator("button[name=action-publish]").click()
    expect(page.locator(".messages")).to_contain_text(re.compile("gepubliceerd|published", re.I))
    article = ArticlePage.objects.get(slug="chatwerking-stap-voor-stap")
    assert article.live

    # A visitor searches once and finds the article and the offering.
    visitor = browser.new_page(base_url=site)
    visitor.goto("/")
    visitor.goto("/zoeken/?q=chat")
    results = visitor.locator("ol.results")
    expect(results).to_contain_text("Chatwerking stap voor stap")
    expect(results).to_contain_text("Chat met Tele-Onthaal")
    expect(visitor.locator("nav.search-kinds")).to_contain_text("Artikels (1)")
    visitor.close()

    # A member keeps both, with the button that toggles in place.
    page.context.clear_cookies()
    log_in_member(page)
    page.goto(article.url)
    page.get_by_role("button", name="Bewaar in Mijn kennisplein").click()
    expect(
        page.get_by_role("button", name=re.compile("Bewaard in Mijn kennisplein"))
    ).to_be_visible()
    page.goto(offering.get_absolute_url())
    page.get_by_role("button", name="Bewaar in Mijn kennisplein").click()
    expect(
        page.get_by_role("button", name=re.compile("Bewaard in Mijn kennisplein"))
    ).to_be_visible()
    page.goto("/mijn-kennisplein/")
    main = page.locator("main")
    expect(main).to_contain_text("Chatwerking stap voor stap")
    expect(main).to_contain_text("Chat met Tele-Onthaal")


def test_knowledge_pages_have_no_axe_violations(page):
    theme, _offering = make_theme_and_offering()
    article = theme.add_child(
        instance=ArticlePage(title="Chatwerking opstarten", slug="chatwerking", intro="Zo.")
    )
    article.save_revision().publish()
    for path in ["/", theme.url, article.url, "/zoeken/?q=chat", "/zoeken/?q=zzzonvindbaar"]:
        page.goto(path)
        assert_accessible(page)
