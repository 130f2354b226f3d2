"""The site-wide layout on the smallest phones and for a logged-in member.

The styles are checked as the browser computes them: a rule that loses to a more specific
one elsewhere in site.css (as `.site-header button` once did to the log-out button) only
shows in a real browser.
"""

import pytest

from tests.e2e.conftest import log_in_member
from tests.socialekaart.factories import SectorFactory

pytestmark = pytest.mark.e2e

SMALLEST_PHONE = {"width": 320, "height": 640}

# The colour a text is read against: the first ancestor (or the element) with a background.
EFFECTIVE_COLOURS = """
(element) => {
  let node = element;
  let background = "rgba(0, 0, 0, 0)";
  while (node) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") { background = colour; break; }
    node = node.parentElement;
  }
  return {text: getComputedStyle(element).color, background: background};
}
"""


def parse_rgb(colour: str) -> tuple[float, ...]:
    return tuple(float(part) for part in colour[colour.index("(") + 1 : -1].split(",")[:3])


def contrast_ratio(first: str, second: str) -> float:
    def luminance(colour: str) -> float:
        channels = []
        for value in parse_rgb(colour):
            value /= 255
            channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
        red, green, blue = channels
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def log_in(page) -> None:
    log_in_member(page)


def test_profile_page_does_not_scroll_sideways_on_a_320px_phone(page):
    # The longest sector name of the reference data, an option of the profile's select.
    SectorFactory(name="Ambulante geestelijke gezondheidszorg en verslavingszorg")
    log_in(page)
    page.set_viewport_size(SMALLEST_PHONE)
    page.goto("/accounts/profiel/")

    scroll_width, viewport_width = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert viewport_width == 320
    assert scroll_width <= viewport_width, f"the profile page is {scroll_width}px wide"


@pytest.mark.parametrize("viewport", [SMALLEST_PHONE, {"width": 1280, "height": 800}])
def test_log_out_button_text_stands_out_from_its_background(page, viewport):
    log_in(page)
    page.set_viewport_size(viewport)
    page.goto("/accounts/profiel/")

    button = page.locator("header nav.account-nav button")
    assert button.is_visible()
    colours = button.evaluate(EFFECTIVE_COLOURS)
    assert colours["text"] != colours["background"], colours
    # WCAG 1.4.3: normal text needs a contrast of at least 4.5:1.
    assert contrast_ratio(colours["text"], colours["background"]) >= 4.5, colours


@pytest.mark.parametrize(
    ("name", "path", "heading"),
    [
        ("Toegankelijkheidsverklaring", "/toegankelijkheid/", "Toegankelijkheidsverklaring"),
        ("Sitemap", "/sitemap/", "Sitemap"),
    ],
)
def test_the_footer_leads_there_by_keyboard_without_javascript(no_js_page, name, path, heading):
    page = no_js_page
    page.goto("/")
    link = page.locator("footer").get_by_role("link", name=name, exact=True)
    for _ in range(60):  # Tab through the page until the footer link has the focus
        page.keyboard.press("Tab")
        if link.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail(f"the footer link {name!r} never got the keyboard focus")
    page.keyboard.press("Enter")

    page.wait_for_url(f"**{path}")
    assert page.get_by_role("heading", level=1).inner_text() == heading
