"""axe-core finds no WCAG A/AA problems (nor best-practice ones) on the main pages."""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import log_in_member

pytestmark = pytest.mark.e2e

# What axe checks: WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}

PUBLIC_PAGES = [
    "/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/sociale-kaart/",
    "/vorming/",
    "/zoeken/?q=onlinehulp",
    "/privacy/",
    "/sitemap/",
    "/toegankelijkheid/",
    "/bestaat-niet/",
    "/api/v1/docs",
]


def violations_report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {json.dumps(node['target'])}: {node['failureSummary']}")
            lines.append(f"      {node['html'][:200]}")
    return "\n".join(lines)


def assert_accessible(page) -> None:
    # axe is injected with page.evaluate, which goes through the DevTools protocol and is
    # not subject to the page's script-src: the pages are checked under their real CSP,
    # no bypass_csp needed.
    results = Axe().run(page, options=AXE_OPTIONS)
    violations = results.response["violations"]
    assert not violations, f"axe found problems on {page.url}:\n{violations_report(violations)}"


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_axe_violations(page, path):
    page.goto(path)
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/api/v1/docs"])
def test_public_page_on_a_phone_has_no_axe_violations(phone_page, path):
    phone_page.goto(path)
    assert_accessible(phone_page)
    # WCAG 1.4.10 Reflow: no scrolling sideways on a narrow screen
    scroll_width, viewport_width = phone_page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= viewport_width, f"{path} scrolls sideways on a phone"


def test_signup_form_with_errors_has_no_axe_violations(page):
    page.goto("/accounts/signup/")
    page.locator("#id_email").fill("iemand@example.org")
    page.locator("#id_password1").fill("kort")
    page.locator("#id_password2").fill("anders")
    page.locator("main form button[type=submit]").click()
    page.locator("main form").get_by_role("button").wait_for()
    assert_accessible(page)


def test_profile_page_has_no_axe_violations(page):
    log_in_member(page)
    assert_accessible(page)


def test_account_deletion_with_a_wrong_password_has_no_axe_violations(page):
    log_in_member(page)
    page.goto("/accounts/profiel/verwijderen/")
    page.locator("#id_password").fill("niet-het-wachtwoord")
    page.locator("main form button[type=submit]").click()
    page.locator("main .form-errors").wait_for()
    assert_accessible(page)
