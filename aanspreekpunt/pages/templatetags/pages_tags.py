from django import template

from aanspreekpunt.pages.selectors import footer_links

register = template.Library()


@register.simple_tag
def site_page_links() -> list[dict[str, str]]:
    """The footer's site pages that are published (pages.selectors.footer_links)."""
    return footer_links()
