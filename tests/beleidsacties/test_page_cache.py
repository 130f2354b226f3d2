"""The tracker's public pages come from the page cache, and every change is seen at once."""

import pytest
from django.test import Client

from aanspreekpunt.core import pagecache
from beleidsacties import services
from beleidsacties.imports import action_importer
from beleidsacties.models import Action
from tests.beleidsacties.test_imports import run_import

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

PAGES = [
    "/beleidsacties/",
    "/beleidsacties/6/",
    "/beleidsacties/dashboard/",
    "/beleidsacties/plannen/bouwstenen-2014/",
    "/beleidsacties/feed/",
]


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


def served(url) -> tuple[str, str]:
    response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode(), response.get("X-Page-Cache", "")


def cached(url) -> str:
    text, _ = served(url)
    again, status = served(url)
    assert status == "hit"
    assert again == text
    return text


@pytest.mark.parametrize("url", PAGES)
def test_a_progress_update_is_on_every_page_at_the_next_request(
    url, priority_action, coordinator, commit
):
    before = cached(url)
    commit(
        services.update_add,
        action=priority_action,
        actor=coordinator,
        data={
            "text": "Expertisecentrum opgestart.",
            "status_after": "realised",
            "progress_after": 100,
        },
    )
    text, status = served(url)
    assert status == "miss"
    assert text != before
    if url != "/beleidsacties/dashboard/":
        assert "Expertisecentrum opgestart." in text or "gerealiseerd" in text


def test_filling_in_an_action_shows_at_once(open_slot, coordinator, commit):
    assert "Tekst uit het rapport" not in cached("/beleidsacties/20/")
    commit(
        services.action_fill,
        action=open_slot,
        actor=coordinator,
        data={"title": "Tekst uit het rapport"},
    )
    text, status = served("/beleidsacties/20/")
    assert status == "miss"
    assert "Tekst uit het rapport" in text


def test_an_import_shows_at_once(report, coordinator, commit):
    assert "Geïmporteerde titel" not in cached("/beleidsacties/")
    job = commit(
        run_import,
        coordinator,
        "plan;nummer;titel\r\nbouwstenen-2014;30;Geïmporteerde titel\r\n",
    )
    assert job.status == "done", job.error
    text, status = served("/beleidsacties/")
    assert status == "miss"
    assert "Geïmporteerde titel" in text


def test_a_change_in_the_admin_shows_at_once(open_slot, commit):
    cached("/beleidsacties/20/")
    # the admin's viewsets bump the tracker's version after their commit
    from beleidsacties.wagtail_hooks import TrackerViewSet

    def admin_change():
        Action.objects.filter(pk=open_slot.pk).update(title="Via beheer")  # no signal
        TrackerViewSet.on_change()

    commit(admin_change)
    text, status = served("/beleidsacties/20/")
    assert status == "miss"
    assert "Via beheer" in text


def test_the_pages_are_declared_public_with_the_trackers_version():
    for url in PAGES:
        policy = pagecache.policy_for_path(url)
        assert policy is not None
        assert "beleidsacties" in policy.versions
    assert action_importer.key == "beleidsacties.actions"


def test_a_change_on_the_map_refreshes_the_live_figures(commit):
    from aanspreekpunt.accounts import roles
    from socialekaart import services as map_services
    from tests.factories import UserFactory
    from tests.socialekaart.conftest import make_offering

    url = "/beleidsacties/plannen/ministeriele-acties-2015/6/"
    assert "Organisaties op de kaart" not in cached(url)
    coordinator = UserFactory(groups=[roles.COORDINATORS])
    organisation = commit(
        map_services.organisation_create, actor=coordinator, data={"name": "Jongerenlijn"}
    )
    commit(make_offering, organisation, coordinator, name="Chat voor jongeren")
    text, status = served(url)
    assert status == "miss"
    assert "Organisaties op de kaart" in text
