"""The step plan: the public guide, an organisation's walk, the sector figures without
exposure, the indicator for the policy tracker, and the stuck list."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.models import AuditEntry
from aanspreekpunt.stepplan import selectors, services
from aanspreekpunt.stepplan.models import Step, StepProgress
from socialekaart.models import Offering, Organisation, Representation, Sector
from tests.factories import UserFactory
from tests.sessions import login

pytestmark = pytest.mark.django_db
DONE = StepProgress.State.DONE


@pytest.fixture
def sector(db):
    return Sector.objects.create(name="Jeugdhulp", slug="jeugdhulp", organisation_count=156)


def on_map(count, sector, prefix="Org"):
    """``count`` organisations of ``sector``, each with one public offering."""
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"{prefix} {n}", slug=f"{prefix.lower()}-{n}") for n in range(count)
    )
    Organisation.sectors.through.objects.bulk_create(
        Organisation.sectors.through(organisation=o, sector=sector) for o in organisations
    )
    Offering.objects.bulk_create(
        Offering(
            organisation=o,
            name=f"Chat {o.slug}",
            slug=f"chat-{o.slug}",
            is_public=True,
            moderation_state=Offering.Moderation.PUBLISHED,
        )
        for o in organisations
    )
    return organisations


def finish(organisations, number=1, state=DONE, since=None):
    step = Step.objects.get(number=number)
    StepProgress.objects.bulk_create(
        StepProgress(organisation=o, step=step, state=state, state_since=since or timezone.now())
        for o in organisations
    )


@pytest.fixture
def representative_client(sector):
    [organisation] = on_map(1, sector, prefix="Eigen")
    user = UserFactory(first_name="Rita")
    Representation.objects.create(
        user=user, organisation=organisation, status=Representation.Status.APPROVED
    )
    user.groups.add(Group.objects.get(name=roles.REPRESENTATIVES))
    client = Client()
    client.force_login(user)
    client.organisation = organisation
    client.user = user
    return client


def test_the_fourteen_steps_come_from_the_source_with_their_questions():
    steps = list(selectors.steps())
    assert [s.number for s in steps] == list(range(1, 15))
    assert steps[0].name == "Visie"
    assert "Hoe communiceert onze doelgroep (ook online)?" in steps[0].questions
    assert steps[13].name == "Intervisie en supervisie"
    assert steps[10].topic.slug == "deontologie-en-privacy"


def test_the_guide_shows_every_step_with_what_the_platform_offers(client):
    body = client.get("/stappenplan/").content.decode()
    assert "Stap 1: Visie" in body
    assert "Stap 14: Intervisie en supervisie" in body
    assert "Chattool selecteren" in body
    assert "/zoeken/?onderwerp=implementeren" in body
    assert "/vraag/stellen/" in body
    assert "Implementeren van onlinehulp (2019)" in body


def guide_knowledge(sessions: int = 1):
    """An article, a practice and ``sessions`` coming sessions on step 11's topic."""
    from wagtail.models import Site

    from aanspreekpunt.pages.models import ArticlePage, PracticePage
    from tests.knowledge.conftest import publish
    from tests.vorming.factories import make_session

    topic = Step.objects.get(number=11).topic
    home = Site.objects.get(is_default_site=True).root_page.specific
    publish(home, ArticlePage(title="Privacy in de chat", slug="privacy-chat"), topics=[topic])
    publish(
        home,
        PracticePage(title="Zo bewaart Tele-Onthaal chats", slug="bewaren", organisation_name="X"),
        topics=[topic],
    )
    for n in range(sessions):
        make_session(title=f"Vormingsdag privacy {n}").topics.set([topic])
    make_session(title="Vormingsdag zonder onderwerp")


def test_the_guide_lists_the_articles_practices_and_sessions_on_each_steps_topic(client):
    guide_knowledge()
    body = client.get("/stappenplan/").content.decode()
    step_11 = body[body.index('id="stap-11"') : body.index('id="stap-12"')]
    assert "Privacy in de chat</a>" in step_11
    assert "Zo bewaart Tele-Onthaal chats</a>" in step_11
    assert "Vormingsdag privacy 0, " in step_11
    assert "Vormingsdag zonder onderwerp" not in body
    step_1 = body[body.index('id="stap-1"') : body.index('id="stap-2"')]
    assert "Privacy in de chat" not in step_1


@pytest.mark.parametrize("sessions", [1, 12])
def test_the_guide_costs_the_same_queries_however_many_pages_and_sessions(
    client, django_assert_max_num_queries, sessions
):
    guide_knowledge(sessions)
    with django_assert_max_num_queries(16):
        body = client.get("/stappenplan/").content.decode()
    step_11 = body[body.index('id="stap-11"') : body.index('id="stap-12"')]
    assert step_11.count("Vormingsdag privacy") == min(sessions, selectors.GUIDE_ITEMS)


def test_a_new_session_on_a_steps_topic_renews_the_cached_guide(
    client, page_cache, django_capture_on_commit_callbacks
):
    from tests.vorming.factories import make_session

    client.get("/stappenplan/")
    assert client.get("/stappenplan/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        make_session(title="Vormingsdag nieuw").topics.set([Step.objects.get(number=11).topic])
    response = client.get("/stappenplan/")
    assert response["X-Page-Cache"] != "hit"
    assert "Vormingsdag nieuw" in response.content.decode()


def test_the_guide_is_cached_and_a_step_marked_done_renews_it(
    client, page_cache, sector, django_capture_on_commit_callbacks
):
    organisations = on_map(5, sector)
    client.get("/stappenplan/")
    assert client.get("/stappenplan/")["X-Page-Cache"] == "hit"
    actor = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.step_progress_set(
            organisation=organisations[0],
            step=Step.objects.get(number=1),
            actor=actor,
            data={"state": DONE},
        )
    response = client.get("/stappenplan/")
    assert response["X-Page-Cache"] != "hit"
    assert "20&nbsp;%" in response.content.decode()


def test_a_representative_walks_the_plan_with_a_dated_note(representative_client):
    client, organisation = representative_client, representative_client.organisation
    page = client.get(f"/stappenplan/organisatie/{organisation.slug}/").content.decode()
    assert "Volgende stap: 1. Visie" in page
    assert "Vormingsdagen en teasers voor Jeugdhulp" in page
    response = client.post(
        f"/stappenplan/organisatie/{organisation.slug}/stap/1/",
        {
            "step1-state": "done",
            "step1-note_date": "2026-03-02",
            "step1-note": "Visie besproken op de teamdag",
            "step1-link": "https://intranet.example.org/visie",
        },
    )
    assert response.status_code == 302
    progress = StepProgress.objects.get(organisation=organisation, step__number=1)
    assert (progress.state, progress.note_date) == (DONE, date(2026, 3, 2))
    assert progress.updated_by == client.user
    page = client.get(response["Location"]).content.decode()
    assert "Volgende stap: 2. Positioneren" in page
    entry = AuditEntry.objects.get(action="stepplan.progress.updated")
    assert entry.changes["state"] == "done"


def test_the_next_step_names_a_training_day_of_the_sector_a_teaser_an_article_and_a_category(
    representative_client, sector, django_assert_max_num_queries
):
    from wagtail.models import Site

    from aanspreekpunt.forum.models import Category, WorkingGroup
    from aanspreekpunt.pages.models import ArticlePage
    from aanspreekpunt.topics.models import Topic
    from tests.knowledge.conftest import publish
    from tests.vorming.factories import make_session, platform_with_meetings
    from vorming.models import Session

    client, organisation = representative_client, representative_client.organisation
    topic = Topic.objects.get(slug="chathulp")
    Step.objects.filter(number=1).update(topic=topic)
    other_sector = Sector.objects.create(name="Ouderenzorg", slug="ouderenzorg-t")
    make_session(title="Vormingsdag voor een andere sector", sector=other_sector)
    make_session(title="Vormingsdag chat in de jeugdhulp", sector=sector).topics.set([topic])
    start = (timezone.now() + timedelta(days=10)).replace(microsecond=0)
    make_session(
        title="Teaser chathulp",
        sector=sector,
        kind=Session.Kind.TEASER,
        meeting=platform_with_meetings(sector=sector).meetings.first(),
        start=start,
        end=start + timedelta(hours=1),
    )
    home = Site.objects.get(is_default_site=True).root_page.specific
    publish(home, ArticlePage(title="Een visie op chathulp", slug="visie-chat"), topics=[topic])
    Category.topics.through.objects.all().delete()  # the categories the platform starts with
    group = WorkingGroup.objects.create(name="Werkgroep chat")
    Category.objects.create(name="Besloten chatgroep", slug="besloten", working_group=group)
    Category.objects.create(name="Chathulp in de praktijk", slug="chat-praktijk").topics.set(
        [topic]
    )

    with django_assert_max_num_queries(40):
        page = client.get(f"/stappenplan/organisatie/{organisation.slug}/").content.decode()
    offers = page[page.index('id="next-step"') :]
    assert "Vormingsdag: Vormingsdag chat in de jeugdhulp" in offers
    assert "andere sector" not in offers
    assert "Teaser: Teaser chathulp" in offers
    assert "Artikel: Een visie op chathulp" in offers
    assert 'href="/forum/chat-praktijk/"' in offers
    assert "Besloten chatgroep" not in offers  # not the representative's working group
    assert "Vormingsdagen en teasers voor Jeugdhulp" in offers  # and the general links


def test_without_sessions_pages_or_categories_the_next_step_keeps_the_general_links(
    representative_client,
):
    from aanspreekpunt.forum.models import Category

    Category.topics.through.objects.all().delete()
    organisation = representative_client.organisation
    step, sector = Step.objects.get(number=1), organisation.sectors.first()
    offers = selectors.next_step_offers(step=step, sector=sector)
    assert offers == selectors.offers_for_step(step=step, sector=sector)


@pytest.mark.parametrize(
    "data",
    [
        {"step1-state": "gedaan"},
        {"step1-state": "done", "step1-link": "geen link"},
        {"step1-state": "done", "step1-note": "x" * 2001},
        {"step1-state": "done", "step1-note_date": "32-13-2026"},
    ],
)
def test_bad_input_keeps_the_text_and_says_what_is_wrong(representative_client, data):
    client, organisation = representative_client, representative_client.organisation
    response = client.post(f"/stappenplan/organisatie/{organisation.slug}/stap/1/", data)
    assert response.status_code == 400
    assert "form-errors" in response.content.decode()
    assert not StepProgress.objects.exists()


def test_an_unknown_step_or_another_organisation_is_a_404(representative_client, sector):
    client, organisation = representative_client, representative_client.organisation
    data = {"step1-state": "done"}
    assert (
        client.post(f"/stappenplan/organisatie/{organisation.slug}/stap/99/", data).status_code
        == 404
    )
    assert (
        client.post(
            f"/stappenplan/organisatie/{organisation.slug}/stap/99999999/", data
        ).status_code
        == 404
    )
    [other] = on_map(1, sector, prefix="Ander")
    assert client.get(f"/stappenplan/organisatie/{other.slug}/").status_code == 404
    assert client.post(f"/stappenplan/organisatie/{other.slug}/stap/1/", data).status_code == 404


def test_saving_twice_keeps_one_row_and_dates_the_state_change(representative_client):
    organisation, user = representative_client.organisation, representative_client.user
    step = Step.objects.get(number=2)
    first = services.step_progress_set(
        organisation=organisation, step=step, actor=user, data={"state": "busy"}
    )
    since = first.state_since
    second = services.step_progress_set(
        organisation=organisation, step=step, actor=user, data={"state": "busy", "note": "Bezig"}
    )
    assert second.pk == first.pk
    assert second.state_since == since  # the state did not change
    assert StepProgress.objects.count() == 1


# --- figures without exposure ------------------------------------------------------------------


def test_sector_figures_are_hidden_below_five_organisations(sector):
    organisations = on_map(4, sector)
    finish(organisations[:2])
    [coverage] = [c for c in selectors.sector_step_coverage() if c.slug == "jeugdhulp"]
    assert not coverage.shown
    assert all(share.share is None for share in coverage.steps)
    assert selectors.stepplan_indicator()["share"] is None


def test_sector_figures_show_the_share_that_finished_each_step(sector):
    organisations = on_map(8, sector)
    finish(organisations[:2])
    finish(organisations[:1], number=2)
    finish(organisations[2:3], number=3, state=StepProgress.State.BUSY)
    [coverage] = [c for c in selectors.sector_step_coverage() if c.slug == "jeugdhulp"]
    assert coverage.organisations == 8
    assert [s.share for s in coverage.steps[:3]] == [25.0, 12.5, 0.0]
    indicator = selectors.stepplan_indicator()
    assert (indicator["finished"], indicator["organisations"], indicator["share"]) == (2, 8, 25.0)


def test_organisations_without_a_public_offering_do_not_count(sector):
    organisations = on_map(5, sector)
    Offering.objects.filter(organisation=organisations[0]).update(is_public=False)
    [coverage] = [c for c in selectors.sector_step_coverage() if c.slug == "jeugdhulp"]
    assert coverage.organisations == 4
    assert not coverage.shown


def test_the_sector_statistics_page_shows_the_step_plan_figures(client, sector):
    organisations = on_map(5, sector)
    finish(organisations[:1])
    body = client.get("/sociale-kaart/sectoren/").content.decode()
    assert "Het stappenplan per sector" in body
    assert "20&nbsp;%" in body


def test_no_organisations_progress_is_public_unless_it_shares_it(client, representative_client):
    organisation = representative_client.organisation
    finish([organisation])
    assert organisation.name not in client.get("/stappenplan/").content.decode()
    response = representative_client.post(
        f"/stappenplan/organisatie/{organisation.slug}/delen/", {"shares": "on"}
    )
    assert response.status_code == 302
    body = client.get("/stappenplan/").content.decode()
    assert f"{organisation.name}: 1 stap klaar" in body
    representative_client.post(f"/stappenplan/organisatie/{organisation.slug}/delen/", {})
    assert organisation.name not in client.get("/stappenplan/").content.decode()
    assert AuditEntry.objects.filter(action="stepplan.sharing.updated").count() == 2


@pytest.mark.parametrize("count", [10, 500])
def test_the_figures_and_the_guide_cost_the_same_queries_however_many_organisations(
    client, sector, django_assert_max_num_queries, count
):
    organisations = on_map(count, sector)
    finish(organisations[: count // 2])
    with django_assert_max_num_queries(5):
        selectors.sector_step_coverage()
    with django_assert_max_num_queries(16):  # the steps' articles, practices and sessions too
        assert client.get("/stappenplan/").status_code == 200


# --- stuck organisations -----------------------------------------------------------------------


def test_coordinators_see_organisations_busy_on_a_step_for_more_than_six_months(sector):
    stuck, moving = on_map(2, sector)
    finish([stuck], number=3, state="busy", since=timezone.now() - timedelta(days=200))
    finish([moving], number=3, state="busy", since=timezone.now() - timedelta(days=30))
    coordinator = UserFactory(groups=[roles.COORDINATORS], two_factor=True)
    client = Client()
    login(client, coordinator, two_factor=True)
    body = client.get("/stappenplan/vastgelopen/").content.decode()
    assert stuck.name in body
    assert moving.name not in body
    assert list(selectors.stuck_organisations()) == [stuck]
    [row] = selectors.stuck_rows(selectors.stuck_organisations())
    assert (row.step.number, row.busy) == (3, True)


@pytest.fixture
def coordinator_client(db):
    client = Client()
    login(client, UserFactory(groups=[roles.COORDINATORS], two_factor=True), two_factor=True)
    return client


def test_an_organisation_that_never_started_the_next_step_is_stuck_on_it(
    sector, coordinator_client
):
    long_ago = timezone.now() - timedelta(days=200)
    waiting, went_on, all_done, just_done = on_map(4, sector)
    for number in (1, 2):
        finish([waiting, went_on], number=number, since=long_ago)
    finish([went_on], number=3, state="busy", since=timezone.now() - timedelta(days=30))
    for number in range(1, 15):
        finish([all_done], number=number, since=long_ago)
    finish([just_done], number=1, since=timezone.now() - timedelta(days=30))

    assert list(selectors.stuck_organisations()) == [waiting]
    [row] = selectors.stuck_rows(selectors.stuck_organisations())
    assert (row.organisation, row.step.number, row.busy, row.since) == (waiting, 3, False, long_ago)
    body = coordinator_client.get("/stappenplan/vastgelopen/").content.decode()
    assert waiting.name in body
    assert f'{row.step} <span class="help">(niet gestart)</span>' in body
    for organisation in (went_on, all_done, just_done):
        assert organisation.name not in body


def test_a_step_marked_not_applicable_counts_as_finished_for_the_stuck_list(sector):
    long_ago = timezone.now() - timedelta(days=200)
    [organisation] = on_map(1, sector)
    finish([organisation], number=1, since=long_ago)
    finish([organisation], number=2, state=StepProgress.State.NOT_APPLICABLE, since=long_ago)
    [row] = selectors.stuck_rows(selectors.stuck_organisations())
    assert row.step.number == 3


@pytest.mark.parametrize("count", [6, 120])
def test_the_stuck_list_costs_the_same_queries_however_many_organisations(
    sector, coordinator_client, django_assert_max_num_queries, count
):
    long_ago = timezone.now() - timedelta(days=200)
    organisations = on_map(count, sector)
    finish(organisations[: count // 2], number=1, since=long_ago)
    finish(organisations[count // 2 :], number=2, state="busy", since=long_ago)
    with django_assert_max_num_queries(12):
        body = coordinator_client.get("/stappenplan/vastgelopen/").content.decode()
    assert body.count('href="/stappenplan/organisatie/') == min(count, 50)
