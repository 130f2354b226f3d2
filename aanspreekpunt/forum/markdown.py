"""Members' Markdown to safe HTML: markdown-it-py renders, nh3 (Ammonia) sanitises.

markdown-it-py parses CommonMark with raw HTML switched off, so typed tags come out as
text. nh3 then keeps only the allow-list below: no script, style, iframe, image or event
handler; links only to http, https and mailto (no ``javascript:`` or ``data:``), each with
rel="nofollow ugc noopener". The result is stored with the post (``Post.body_html``).
"""

import html
import re

import nh3
from django.utils.html import strip_tags
from markdown_it import MarkdownIt

TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr",
    "h3", "h4", "h5", "h6", "del",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_parser.disable("image")
# Headings start at h3 on a post: h1 and h2 belong to the page.
_HEADING = re.compile(r"<(/?)h([12])>")

# An @handle: a word of letters, digits and hyphens after "@" that does not follow a letter
# (so e-mail addresses are not mentions).
MENTION = re.compile(r"(?<![\w@.])@([a-z0-9][a-z0-9-]{1,29})\b", re.IGNORECASE)
LINK = re.compile(r"https?://|www\.|mailto:", re.IGNORECASE)


def render(text: str) -> str:
    """The safe HTML of a post's Markdown ``text``."""
    html = _parser.render(text)
    html = _HEADING.sub(lambda match: f"<{match[1]}h3>", html)
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def plain_text(text: str) -> str:
    """The words of a post's Markdown ``text`` without its markup, for a search snippet:
    "**Let op** [de gids](https://...)" reads "Let op de gids"."""
    return html.unescape(strip_tags(_parser.render(text)))


def mentions(text: str) -> list[str]:
    """The handles mentioned in ``text``, lower case, each once, in order."""
    return list(dict.fromkeys(handle.lower() for handle in MENTION.findall(text)))


def link_count(text: str) -> int:
    return len(LINK.findall(text))


def quote(text: str, *, name: str) -> str:
    """``text`` as a Markdown quote, headed by who wrote it."""
    lines = "\n".join(f"> {line}" for line in text.strip().splitlines())
    return f"> **{name}:**\n{lines}\n\n"
