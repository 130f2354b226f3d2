"""The map's public pages from the page cache: every kind of change is seen at once."""

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from socialekaart import services
from tests.factories import UserFactory

from .conftest import make_offering

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

MAP = "/sociale-kaart/"
# A Wednesday at noon in Brussels, not a public holiday.
NOON = datetime(2026, 12, 2, 11, 0, tzinfo=UTC)


@pytest.fixture
def noon(monkeypatch):
    clock = {"now": NOON}
    monkeypatch.setattr(timezone, "now", lambda: clock["now"])
    return clock


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what a service queued for after its commit, as a real request would."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


def served(url, **headers) -> tuple[str, str]:
    """What a new anonymous visitor gets: the page's text and whether it came from the cache."""
    response = Client().get(url, **headers)
    assert response.status_code == 200
    return response.content.decode(), response.get("X-Page-Cache", "")


def cached(url) -> str:
    """Store the page, and check that the next visitor gets the stored copy."""
    text, _ = served(url)
    again, status = served(url)
    assert status == "hit"
    assert again == text
    return text


def test_a_published_offering_is_on_the_map_at_the_next_request(organisation, coordinator, commit):
    assert "Rouwchat" not in cached(MAP)
    commit(make_offering, organisation, coordinator, name="Rouwchat")
    text, status = served(MAP)
    assert status == "miss"
    assert "Rouwchat" in text


def test_a_changed_offering_is_shown_changed_at_the_next_request(organisation, coordinator, commit):
    offering = commit(make_offering, organisation, coordinator, name="Rouwchat")
    url = offering.get_absolute_url()
    assert "Rouwchat" in cached(url)
    commit(
        services.offering_update,
        offering=offering,
        actor=coordinator,
        data={"name": "Rouwchat voor jongeren", "description": "Anoniem"},
    )
    commit(services.offering_submit, offering=offering, actor=coordinator)
    assert "Rouwchat voor jongeren" not in served(url)[0]  # a proposal is not public yet
    commit(services.offering_publish, offering=offering, actor=coordinator)
    assert "Rouwchat voor jongeren" in served(url)[0]


def test_an_archived_offering_leaves_the_map_at_the_next_request(organisation, coordinator, commit):
    offering = commit(make_offering, organisation, coordinator, name="Rouwchat")
    assert "Rouwchat" in cached(MAP)
    commit(services.offering_archive, offering=offering, actor=coordinator)
    assert "Rouwchat" not in served(MAP)[0]


def test_an_edited_organisation_is_shown_edited_at_the_next_request(
    organisation, coordinator, sector, commit
):
    url = organisation.get_absolute_url()
    assert "Onze nieuwe werking" not in cached(url)
    commit(
        services.organisation_update,
        organisation=organisation,
        actor=coordinator,
        data={"name": organisation.name, "sectors": [sector], "description": "Onze nieuwe werking"},
    )
    assert "Onze nieuwe werking" in served(url)[0]


def test_an_opening_exception_is_shown_at_the_next_request(organisation, coordinator, noon, commit):
    hours = [{"weekday": d, "opens": time(9), "closes": time(17)} for d in range(7)]
    offering = commit(make_offering, organisation, coordinator, name="Rouwchat", hours=hours)
    url = offering.get_absolute_url()
    assert "open-state--open" in cached(url)
    commit(
        services.opening_exception_set,
        offering=offering,
        actor=coordinator,
        day=date(2026, 12, 2),
        closed=True,
    )
    text, status = served(url)
    assert status == "miss"
    assert "open-state--closed" in text


def test_changed_weekly_hours_are_shown_at_the_next_request(organisation, coordinator, commit):
    hours = [{"weekday": 0, "opens": time(9), "closes": time(17)}]
    offering = commit(make_offering, organisation, coordinator, name="Rouwchat", hours=hours)
    url = offering.get_absolute_url()
    assert "09:00\u201317:00" in cached(url)  # an en dash between the times
    new_hours = [{"weekday": 0, "opens": time(10), "closes": time(14)}]
    data = {"name": "Rouwchat", "description": ""}
    update = services.offering_update
    commit(update, offering=offering, actor=coordinator, data=data, hours=new_hours)
    commit(services.offering_submit, offering=offering, actor=coordinator)
    commit(services.offering_publish, offering=offering, actor=coordinator)
    text, status = served(url)
    assert status == "miss"
    assert "10:00\u201314:00" in text


def test_open_now_follows_the_clock_to_the_minute(organisation, coordinator, noon, commit):
    hours = [{"weekday": d, "opens": time(9), "closes": time(12, 1)} for d in range(7)]
    offering = commit(make_offering, organisation, coordinator, name="Rouwchat", hours=hours)
    url = f"{MAP}?nu_open=true"
    assert "Rouwchat" in cached(url)
    assert "open-state--open" in cached(offering.get_absolute_url())
    noon["now"] = NOON + timedelta(minutes=1)  # 12:01: closed
    assert "Rouwchat" not in served(url)[0]
    assert "open-state--open" not in served(offering.get_absolute_url())[0]


def closed_this_week(commit, offering, coordinator) -> None:
    """The coordinator puts a notice on the offering: closed this week."""
    commit(
        services.offering_notice_set,
        offering=offering,
        actor=coordinator,
        text="Deze week gesloten",
        until=date(2026, 12, 6),
    )


def rendering_elsewhere(url) -> None:
    """Another request has started rendering ``url`` for the current stamp."""
    from django.core.cache import cache
    from django.test import RequestFactory

    from aanspreekpunt.core import pagecache

    request = RequestFactory().get(url)
    policy = pagecache.policy_for_path(request.path_info)
    key = pagecache.page_key(request)
    *versions, _ = pagecache.data_versions(policy.versions, also=[key])
    cache.add(f"{key}:rendering:{pagecache.page_stamp(policy, versions)}", 1)


def test_at_the_turn_of_the_minute_the_last_copy_is_served_while_one_request_renders(
    organisation, coordinator, noon, commit, monkeypatch
):
    from aanspreekpunt.core import pagecache

    monkeypatch.setattr(pagecache, "RENDER_WAIT_SECONDS", 0.05)
    hours = [{"weekday": d, "opens": time(9), "closes": time(12, 1)} for d in range(7)]
    offering = commit(make_offering, organisation, coordinator, name="Rouwchat", hours=hours)
    url = offering.get_absolute_url()
    at_noon = cached(url)
    assert "open-state--open" in at_noon
    noon["now"] = NOON + timedelta(minutes=1)  # 12:01, and another request renders it
    rendering_elsewhere(url)
    response = Client().get(url)
    assert response["X-Page-Cache"] == "stale"
    assert response.content.decode() == at_noon
    assert response["X-Accel-Expires"] == "0"  # the edge never keeps it

    # A change of data is never answered with the last copy: the request waits for the
    # new one, and renders it itself when it does not come.
    closed_this_week(commit, offering, coordinator)
    rendering_elsewhere(url)
    text, status = served(url)
    assert status == "miss"
    assert "Deze week gesloten" in text
    assert "open-state--open" not in text


def test_an_htmx_request_gets_its_own_copy_of_the_results(organisation, coordinator, commit):
    commit(make_offering, organisation, coordinator, name="Rouwchat")
    page = cached(MAP)
    results, _ = served(MAP, HTTP_HX_REQUEST="true")
    again, status = served(MAP, HTTP_HX_REQUEST="true")
    assert status == "hit"
    assert again == results != page
    assert "<html" in page
    assert "<html" not in results


def test_reloaded_reference_data_is_shown_at_the_next_request(commit):
    from django.core.cache import cache

    from socialekaart.models import Municipality

    commit(call_command, "load_reference_data", verbosity=0)
    # Changed behind the platform's back (no signal, no version): the old page stays.
    Municipality.objects.filter(name="Gent").update(name="Oude gemeentenaam")
    cache.clear()
    assert "Oude gemeentenaam" in cached(MAP)
    commit(call_command, "load_reference_data", verbosity=0)
    text, status = served(MAP)
    assert status == "miss"
    assert 'value="Gent"' in text
    assert "Oude gemeentenaam" not in text


def test_a_published_wagtail_page_is_shown_at_the_next_request(commit):
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert "Welkom bij het aanspreekpunt" not in cached("/")
    home.title = "Welkom bij het aanspreekpunt"
    commit(lambda: home.save_revision().publish())
    text, status = served("/")
    assert status == "miss"
    assert "Welkom bij het aanspreekpunt" in text


def test_an_unpublished_wagtail_page_is_gone_at_the_next_request(commit):
    from aanspreekpunt.pages.models import StandardPage

    home = Site.objects.get(is_default_site=True).root_page.specific
    page = home.add_child(instance=StandardPage(title="Chathulp", slug="chathulp"))
    commit(lambda: page.save_revision().publish())
    assert "Chathulp" in cached("/chathulp/")
    commit(page.unpublish)
    assert Client().get("/chathulp/").status_code == 404


def test_the_sector_page_and_the_api_follow_the_data(organisation, coordinator, commit):
    cached("/sociale-kaart/sectoren/")
    assert "Rouwchat" not in cached("/api/v1/services")
    commit(make_offering, organisation, coordinator, name="Rouwchat")
    assert served("/sociale-kaart/sectoren/")[1] == "miss"
    assert "Rouwchat" in served("/api/v1/services")[0]


def test_logged_in_visitors_share_the_fragments_that_follow_the_data(
    client, member, organisation, coordinator, chat, commit
):
    client.force_login(member)
    assert 'id="f-modaliteit-chat"' not in client.get(MAP).content.decode()
    figures = client.get("/sociale-kaart/sectoren/").content.decode()
    commit(make_offering, organisation, coordinator, name="Rouwchat", modalities=[chat])
    assert 'id="f-modaliteit-chat"' in client.get(MAP).content.decode()
    assert client.get("/sociale-kaart/sectoren/").content.decode() != figures


def test_a_cached_map_carries_no_form_that_posts(organisation, coordinator, commit):
    commit(make_offering, organisation, coordinator, name="Rouwchat")
    for url in (MAP, "/sociale-kaart/sectoren/", "/"):
        text = cached(url)
        assert 'method="post"' not in text
        assert "csrfmiddlewaretoken" not in text


def test_the_apis_kept_count_follows_the_data(client, member, organisation, coordinator, commit):
    client.force_login(member)  # no page cache: the count itself is what is kept
    commit(make_offering, organisation, coordinator, name="Rouwchat")
    assert client.get("/api/v1/services").json()["total_items"] == 1
    commit(make_offering, organisation, coordinator, name="Rouwlijn")
    assert client.get("/api/v1/services").json()["total_items"] == 2


def test_a_members_api_answer_is_kept_by_data_and_minute(
    client, member, organisation, coordinator, noon, commit, django_assert_max_num_queries
):
    hours = [{"weekday": d, "opens": time(9), "closes": time(12, 1)} for d in range(7)]
    commit(make_offering, organisation, coordinator, name="Rouwchat", hours=hours)
    client.force_login(member)
    url = "/api/v1/services?full=true"
    first = client.get(url)
    with django_assert_max_num_queries(2):  # the session's member only
        again = client.get(url)
    assert again.content == first.content
    assert again["Content-Type"] == "application/json"
    assert again["Access-Control-Allow-Origin"] == "*"
    assert [s["x_staffed_now"] for s in again.json()["contents"]] == [True]
    commit(make_offering, organisation, coordinator, name="Rouwlijn")
    assert [s["name"] for s in client.get(url).json()["contents"]] == ["Rouwchat", "Rouwlijn"]
    noon["now"] = NOON + timedelta(minutes=1)  # 12:01: nobody answers the chat any more
    assert client.get(url).json()["contents"][0]["x_staffed_now"] is False
    assert client.get("/api/v1/services?per_page=0").status_code == 422  # a bad query


def test_logged_in_visitors_see_changes_and_the_clock_at_once(
    client, member, organisation, coordinator, noon, commit
):
    client.force_login(member)  # no page cache, but the results and the offering are kept
    hours = [{"weekday": d, "opens": time(9), "closes": time(12, 1)} for d in range(7)]
    offering = commit(make_offering, organisation, coordinator, name="Rouwchat", hours=hours)
    assert "open-state--open" in client.get(MAP).content.decode()
    assert "open-state--open" in client.get(offering.get_absolute_url()).content.decode()
    commit(make_offering, organisation, coordinator, name="Rouwlijn")
    assert "Rouwlijn" in client.get(MAP).content.decode()
    noon["now"] = NOON + timedelta(minutes=1)  # 12:01: closed
    assert "open-state--open" not in client.get(MAP).content.decode()
    assert "open-state--open" not in client.get(offering.get_absolute_url()).content.decode()


def test_a_members_filtered_map_is_read_from_the_cache_below_the_header(
    client, member, organisation, coordinator, chat, commit, django_assert_max_num_queries
):
    """The map below the menu is kept per address and minute: a member's second request does
    not read the filters or count the results again, and the menu stays the member's own."""
    commit(
        make_offering,
        organisation,
        coordinator,
        name="Rouwchat",
        modalities=[chat],
        always_available=True,
    )
    url = f"{MAP}?modaliteit=chat&nu_open=true"
    client.force_login(member)
    first = client.get(url).content.decode()
    with django_assert_max_num_queries(1):  # the member, from the session
        again = client.get(url).content.decode()
    assert again.split("<main", 1)[1] == first.split("<main", 1)[1]
    assert "Rouwchat" in first
    other_client = Client()
    other_client.force_login(UserFactory())
    theirs = other_client.get(url).content.decode()
    assert theirs.split("<main", 1)[1] == first.split("<main", 1)[1]  # the same map
    # under their own menu: a log-out form with their own session's token
    assert theirs.split("<main", 1)[0] != first.split("<main", 1)[0]


def test_a_members_offering_page_is_read_from_the_cache_but_their_bookmark_is_their_own(
    client, member, organisation, coordinator, noon, commit, django_assert_max_num_queries
):
    """The offering page below the menu is kept per minute for members too; the bookmark
    button in it (a form with the member's own token, saved or not) is never kept."""
    from aanspreekpunt.bookmarks.services import bookmark_add

    form = re.compile(r'<form class="bookmark".*?</form>', re.S)
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')

    def main_without_button(html):
        return form.sub("", html.split("<main", 1)[1])

    offering = commit(make_offering, organisation, coordinator, name="Rouwchat")
    url = offering.get_absolute_url()
    bookmark_add(user=member, kind="aanbod", object_id=str(offering.pk))
    client.force_login(member)
    first = client.get(url).content.decode()
    with django_assert_max_num_queries(2):  # the member, and whether they saved it
        again = client.get(url).content.decode()
    assert main_without_button(again) == main_without_button(first)
    assert "<title>Rouwchat" in first

    other_client = Client()
    other_client.force_login(UserFactory())
    theirs = other_client.get(url).content.decode()
    mine, their = form.search(first).group(0), form.search(theirs).group(0)
    assert 'value="remove"' in mine
    assert 'value="remove"' not in their
    assert token.search(mine).group(0) != token.search(their).group(0)
    assert main_without_button(theirs) == main_without_button(first)

    closed_this_week(commit, offering, coordinator)
    assert "Deze week gesloten" in client.get(url).content.decode()


def test_at_a_new_minute_only_who_is_reachable_now_is_counted_again(
    client, member, organisation, coordinator, chat, noon, commit
):
    """The counts per sector, channel, group and theme do not change with the clock: at a
    new minute only the two "reachable now" counts are made again, unless a filter on the
    clock decides the list."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from socialekaart.selectors import FACETS

    hours = [{"weekday": d, "opens": time(9), "closes": time(12, 1)} for d in range(7)]
    commit(
        make_offering, organisation, coordinator, name="Rouwchat", modalities=[chat], hours=hours
    )
    client.force_login(member)

    def counted(url):
        with CaptureQueriesContext(connection) as captured:
            body = client.get(url).content.decode()
        return body, len(captured.captured_queries)

    at_noon, noon_queries = counted(f"{MAP}?modaliteit=chat")
    assert 'id="f-bereikbaar-bemand"' in at_noon
    assert re.search(r"nu bemand <span class=\"count\">\(1\)", at_noon)
    noon["now"] = NOON + timedelta(minutes=1)  # 12:01: nobody answers any more
    later, later_queries = counted(f"{MAP}?modaliteit=chat")
    assert re.search(r"nu bemand <span class=\"count\">\(0\)", later)
    assert 'Chat <span class="count">(1)</span>' in later
    assert later_queries <= noon_queries - len(FACETS)

    # With "open now" chosen the list itself follows the clock: everything is counted again.
    counted(f"{MAP}?modaliteit=chat&nu_open=true")
    noon["now"] = NOON + timedelta(minutes=2)
    _, open_later = counted(f"{MAP}?modaliteit=chat&nu_open=true")
    assert open_later >= len(FACETS)


# --- issue 16: the notice, a handled report and the coordinators' archive ---------------------


def test_a_notice_is_shown_at_the_next_request_and_gone_when_removed(
    organisation, coordinator, noon, commit
):
    offering = commit(make_offering, organisation, coordinator, name="Rouwchat")
    url = offering.get_absolute_url()
    assert "Deze week gesloten" not in cached(url)
    assert "Deze week gesloten" not in cached(MAP)
    closed_this_week(commit, offering, coordinator)
    text, status = served(url)
    assert status == "miss"
    assert "Deze week gesloten" in text
    assert "Deze week gesloten" in served(MAP)[0]
    cached(url)
    commit(services.offering_notice_set, offering=offering, actor=coordinator, text="", until=None)
    assert "Deze week gesloten" not in served(url)[0]


def test_a_corrected_report_shows_the_new_checked_date_at_the_next_request(
    organisation, coordinator, noon, commit
):
    from socialekaart.models import Offering

    offering = commit(make_offering, organisation, coordinator, name="Rouwchat")
    Offering.objects.filter(pk=offering.pk).update(last_reviewed_at=None)
    commit(services.offering_notice_set, offering=offering, actor=coordinator, text="", until=None)
    url = offering.get_absolute_url()
    assert "2 december 2026" not in cached(url)
    report = commit(services.correction_report, offering=offering, text="Verkeerde uren")
    assert served(url)[1] == "hit"  # a report alone changes nothing visitors see
    commit(services.correction_handle, report=report, actor=coordinator, outcome="corrected")
    text, status = served(url)
    assert status == "miss"
    assert "2 december 2026" in text


def test_an_archived_offering_leaves_its_organisations_page_at_the_next_request(
    organisation, coordinator, commit
):
    offering = commit(make_offering, organisation, coordinator, name="Rouwchat")
    url = organisation.get_absolute_url()
    assert "Rouwchat" in cached(url)
    commit(services.offering_archive, offering=offering, actor=coordinator, note="Gestopt")
    assert "Rouwchat" not in served(url)[0]
