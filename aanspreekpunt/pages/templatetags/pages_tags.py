import json
from urllib.parse import quote

from django import template
from django.conf import settings
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html
from wagtail.whitelist import Whitelister

from aanspreekpunt.pages import selectors
from aanspreekpunt.pages.selectors import footer_links

register = template.Library()

# What json_script escapes: the JSON cannot end the script element or open a comment.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def site_page_links() -> list[dict[str, str]]:
    """The footer's site pages that are published (pages.selectors.footer_links)."""
    return footer_links()


@register.simple_tag
def topic_links(topics) -> list[tuple]:
    """A page's topics with the address of each one's theme page (or its search)."""
    return selectors.topic_links(topics)


@register.filter
def absolute(path: str) -> str:
    """``path`` on the public site address (SITE_URL), for canonical links and feeds."""
    if not path or path.startswith(("http://", "https://")):
        return path or ""
    return settings.SITE_URL.rstrip("/") + path


@register.filter
def clean_richtext(value) -> str:
    """Rich text with the internal links expanded and anything but plain markup removed: no
    script, style, event handler or javascript: link gets through, whatever was stored."""
    source = getattr(value, "source", value) or ""
    return mark_safe(Whitelister().clean(expand_db_html(str(source))))


@register.inclusion_tag("pages/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page) -> dict:
    """The way from the home page to ``page`` (one query)."""
    ancestors = list(
        page.get_ancestors().filter(depth__gt=1).only("title", "url_path", "path", "depth")
    )
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


@register.inclusion_tag("pages/includes/share.html")
def share_links(url: str, title: str) -> dict:
    """Plain links to share a page: no script of another site is loaded."""
    target, text = quote(url, safe=""), quote(title, safe="")
    return {
        "links": [
            ("E-mail", f"mailto:?subject={text}&body={target}"),
            ("LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={target}"),
            ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={target}"),
            ("Bluesky", f"https://bsky.app/intent/compose?text={text}%20{target}"),
        ]
    }


@register.simple_tag
def faq_json_ld(page) -> str:
    """schema.org FAQPage structured data of an FAQ page, safe inside a script element."""
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": question["question"],
                "acceptedAnswer": {
                    "@type": "Answer",
                    "text": " ".join(strip_tags(expand_db_html(question["answer"].source)).split()),
                },
            }
            for question in page.questions
        ],
    }
    payload = json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


@register.simple_tag
def related_offerings(keys: str) -> list:
    """The public offerings of a "related offerings" block, in the editor's order."""
    from aanspreekpunt.pages.selectors import offerings_by_slugs

    return offerings_by_slugs(slugs=[key.strip() for key in (keys or "").split(",") if key.strip()])
