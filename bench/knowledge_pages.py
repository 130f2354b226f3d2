"""Add COUNT published news items to the knowledge site, for the search benchmark
(bench/search.sh). Live pages without revisions: fast, and what the search reads."""

import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aanspreekpunt.settings")
django.setup()

from wagtail.models import Site  # noqa: E402

from aanspreekpunt.pages.models import NewsIndexPage, NewsPage  # noqa: E402

WORDS = [
    "hulpverlening",
    "chat",
    "jongeren",
    "organisatie",
    "vorming",
    "directie",
    "intervisie",
    "anoniem",
    "e-mail",
    "forum",
    "zelfhulp",
    "kwaliteit",
    "deontologie",
    "privacy",
    "implementatie",
    "stappenplan",
    "welzijn",
]


def main(count: int) -> None:
    home = Site.objects.get(is_default_site=True).root_page.specific
    index = NewsIndexPage.objects.first()
    if index is None:
        index = home.add_child(instance=NewsIndexPage(title="Nieuws", slug="nieuws"))
    have = NewsPage.objects.count()
    for number in range(have, count):
        words = " ".join(WORDS[(number + i) % len(WORDS)] for i in range(40))
        index.add_child(
            instance=NewsPage(
                title=f"Bericht {number} over {WORDS[number % len(WORDS)]}",
                slug=f"bench-bericht-{number}",
                intro=words,
                live=True,
            )
        )
    print(f"{NewsPage.objects.count()} nieuwsberichten")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
