"""Every page's title is plain text: a tab, a bookmark and a screen reader announce it."""

import re
from pathlib import Path

from django.conf import settings

TITLE_BLOCK = re.compile(r"{% block title %}(.*?){% endblock", re.S)


def templates() -> list[Path]:
    roots = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
    roots += Path(settings.BASE_DIR).glob("*/templates")
    roots += Path(settings.BASE_DIR).glob("aanspreekpunt/*/templates")
    return sorted({path for root in roots for path in root.rglob("*.html")})


def test_the_templates_are_found():
    names = {path.name for path in templates()}
    assert {"base.html", "session_manage.html", "offering_list.html"} <= names


def test_no_title_block_holds_markup_or_more_than_a_line():
    wrong = [
        f"{path.relative_to(settings.BASE_DIR)}: {block[:60]!r}"
        for path in templates()
        for block in TITLE_BLOCK.findall(path.read_text())
        if "<" in block or "\n" in block
    ]
    assert wrong == []
