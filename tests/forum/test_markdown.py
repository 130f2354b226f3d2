"""The renderer lets through only safe HTML, whatever a member types (and so do the pages)."""

from html.parser import HTMLParser

import pytest

from aanspreekpunt.forum import markdown
from aanspreekpunt.forum.markdown import ATTRIBUTES, TAGS

from .helpers import forum_member, question, reply

# Payloads from the usual XSS cheat sheets, in Markdown and in raw HTML.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=https://evil.example></iframe>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<body onload=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    "[klik](javascript:alert(1))",
    "[klik](JAVASCRIPT:alert(1))",
    "[klik](javascript&#58;alert(1))",
    "[klik](  javascript:alert(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[klik](vbscript:msgbox(1))",
    "[klik](<javascript:alert(1)>)",
    "[klik][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "![x](javascript:alert(1))",
    "![x](https://evil.example/track.png)",
    '![x" onerror="alert(1)](https://x.example/a.png)',
    '[x](https://x.example/" onclick="alert(1))',
    '[x](https://x.example/ "title" onmouseover=alert(1))',
    "<style>body{display:none}</style>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<meta http-equiv=refresh content='0;url=https://evil.example'>",
    "<object data=https://evil.example/x.swf></object>",
    "<embed src=https://evil.example/x.swf>",
    "<form action=https://evil.example><input name=q></form>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<base href=https://evil.example/>",
    "<p onclick=alert(1)>hallo</p>",
    "<<script>script>alert(1)<</script>/script>",
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "<!--<script>alert(1)</script>-->",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "[x](data:image/svg+xml,<svg onload=alert(1)>)",
    "<a href=https://ok.example style=color:red>x</a>",
    "\u003cscript\u003ealert(1)\u003c/script\u003e",
    "> <img src=x onerror=alert(1)>",
    "- [x](javascript:alert(1))",
    "# <script>alert(1)</script>",
]

FORBIDDEN_SCHEMES = ("javascript:", "data:", "vbscript:")


class Audit(HTMLParser):
    """Every tag and attribute in the output, with the ``href`` values."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in TAGS:
            self.problems.append(f"tag {tag}")
        for name, value in attrs:
            if name not in ATTRIBUTES.get(tag, set()) and not (tag == "a" and name == "rel"):
                self.problems.append(f"attribute {tag}.{name}")
            if name == "href" and (value or "").strip().lower().startswith(FORBIDDEN_SCHEMES):
                self.problems.append(f"href {value}")


def problems_in(html: str) -> list[str]:
    audit = Audit()
    audit.feed(html)
    return audit.problems


def test_there_are_at_least_forty_payloads():
    assert len(PAYLOADS) >= 40


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_renderer_lets_no_payload_through(payload):
    html = markdown.render(payload)
    assert problems_in(html) == []
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()


def test_external_links_are_nofollow_ugc_noopener():
    html = markdown.render("Zie [de gids](https://www.example.org/gids).")
    assert 'href="https://www.example.org/gids"' in html
    assert 'rel="nofollow ugc noopener"' in html


def test_markdown_still_renders():
    html = markdown.render("**vet** en *schuin*\n\n> citaat\n\n- een\n- twee\n\n# Kop")
    assert "<strong>vet</strong>" in html
    assert "<em>schuin</em>" in html
    assert "<blockquote>" in html
    assert "<li>een</li>" in html
    assert "<h3>Kop</h3>" in html  # h1 and h2 belong to the page


def test_mentions_are_found_but_not_in_e_mail_addresses():
    assert markdown.mentions("Dag @Sam en @jan-2, mail info@example.org of @sam") == [
        "sam",
        "jan-2",
    ]


@pytest.mark.django_db
def test_the_thread_page_shows_no_payload_in_posts_or_titles(client):
    author = forum_member()
    thread = question(author, title='<script>alert("titel")</script>', body=PAYLOADS[0])
    for number, payload in enumerate(PAYLOADS[1:], start=1):
        # one author per few posts: the rate limit holds for each member
        reply(thread, author=forum_member(), body=f"{payload}\n\n{number}")
    response = client.get(thread.get_absolute_url() + "?pagina=1")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<script>alert("titel")</script>' not in body
    assert "&lt;script&gt;alert(&quot;titel&quot;)&lt;/script&gt;" in body
    start = body.index('<ol class="forum-posts">')
    posts = body[start : body.index("</ol>", start)]
    parts = posts.split('<div class="forum-body">')[1:]
    assert len(parts) >= 20
    for part in parts:
        assert problems_in(part.split("</div>")[0]) == []
