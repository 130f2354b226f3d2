"""The forum's demo content: categories by theme, marked demo threads, idempotent."""

import pytest

from aanspreekpunt.forum import demo
from aanspreekpunt.forum.models import Category, Thread

pytestmark = pytest.mark.django_db


def test_the_shipped_categories_cover_the_themes_and_one_working_group():
    slugs = set(Category.objects.values_list("slug", flat=True))
    assert {
        "chathulp",
        "e-mailhulp",
        "deontologie-en-privacy",
        "implementeren",
        "tools-en-software",
        "onderzoek",
        "vorming",
    } <= slugs
    assert Category.objects.filter(working_group__isnull=False).count() == 1


def test_seeding_twice_changes_nothing_and_marks_everything_demo(mailoutbox):
    demo.seed()
    count = Thread.objects.count()
    demo.seed()
    assert Thread.objects.count() == count == len(demo.THREADS)
    assert not Thread.objects.filter(is_demo=False).exists()
    assert Thread.objects.filter(pinned=True).count() == 1
    assert Thread.objects.filter(answer__isnull=False).count() == 1
    assert mailoutbox == []
