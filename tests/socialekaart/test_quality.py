"""Quality of online help (issue 18): the OHUP norms, answers and their moderation, the
visitor's block, the map's quality filters, the coordinators' figures and their monthly
record, the one reminder, and the answers for the HSDS API."""

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import Client

from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.models import AuditEntry
from socialekaart import selectors, services, tasks
from socialekaart.models import (
    Offering,
    QualityAnswer,
    QualityMonthlyFigure,
    QualityNorm,
    QualityReminder,
)
from socialekaart.services.quality import QUALITY_FIXTURE, quality_norms_load
from tests.factories import UserFactory
from tests.sessions import login

from .conftest import make_offering
from .factories import OrganisationFactory, bulk_public_offerings

pytestmark = pytest.mark.django_db

STORAGE = "ohup-bewaring-gesprekken"
CRISIS = "ohup-andere-hulp-en-crisis"
WHO = "ohup-wie-antwoordt"
NOW = datetime(2027, 9, 1, 9, 0, tzinfo=ZoneInfo("Europe/Brussels"))


def answer(status="met", explanation="", link=""):
    return {"status": status, "explanation": explanation, "link": link}


def answer_and_publish(offering, representative, coordinator, answers):
    services.quality_answers_save(offering=offering, actor=representative, answers=answers)
    services.offering_submit(offering=offering, actor=representative)
    return services.offering_publish(offering=offering, actor=coordinator)


@pytest.fixture
def published(organisation, coordinator, representative):
    return make_offering(organisation, coordinator, name="Jongerenchat")


@pytest.fixture
def rep_client(representative):
    client = Client()
    client.force_login(representative)
    return client


def quality_url(offering):
    return f"/sociale-kaart/mijn-organisatie/aanbod/{offering.slug}/kwaliteit/"


def form_post(values: dict, **buttons) -> dict:
    """The answers form: every norm empty unless ``values`` (code -> answer) says otherwise."""
    data = {}
    for norm in QualityNorm.objects.all():
        given = values.get(norm.code, {})
        for part in ("status", "explanation", "link"):
            data[f"{norm.code}-{part}"] = given.get(part, "")
    data.update(buttons)
    return data


# --- The norms ------------------------------------------------------------------------------


def test_the_nine_norms_ship_with_their_source_and_stable_codes():
    norms = list(QualityNorm.objects.all())
    assert [n.number for n in norms] == list(range(1, 10))
    assert {STORAGE, CRISIS, WHO} <= {n.code for n in norms}
    assert all(n.source_title == "Onlinehulp-Vlaanderen, OHUP: kwaliteitsnormen" for n in norms)
    assert all("onlinehulp-vlaanderen.be/ohup/" in n.source_url for n in norms)
    assert sum(n.visitor_facing for n in norms) == 5


def test_rewording_a_norm_keeps_the_answers_given_to_it(
    published, representative, coordinator, tmp_path
):
    answer_and_publish(
        published, representative, coordinator, {STORAGE: answer("met", "Dertig dagen.")}
    )
    data = json.loads(QUALITY_FIXTURE.read_text(encoding="utf-8"))
    for row in data["norms"]:
        if row["code"] == STORAGE:
            row["title"] = "Bewaren van gesprekken"
            row["visitor_question"] = "Wat gebeurt er met uw gesprek?"
    reworded = tmp_path / "norms.json"
    reworded.write_text(json.dumps(data), encoding="utf-8")

    assert quality_norms_load(reworded) == 9

    assert QualityNorm.objects.count() == 9
    kept = QualityAnswer.objects.get(offering=published, norm_id=STORAGE)
    assert kept.status == "met"
    assert kept.norm.title == "Bewaren van gesprekken"
    body = Client().get(published.get_absolute_url()).content.decode()
    assert "Wat gebeurt er met uw gesprek?" in body
    assert "Dertig dagen." in body


def test_the_norms_page_says_it_is_a_paraphrase_and_names_its_source(client):
    body = client.get("/sociale-kaart/kwaliteitsnormen/").content.decode()
    assert "parafrase in onze eigen woorden" in body
    assert "Onlinehulp-Vlaanderen, OHUP: kwaliteitsnormen" in body
    assert body.count("<li><strong>") == 9


# --- Answers and their moderation -----------------------------------------------------------


def test_answers_wait_for_review_and_are_shown_once_published(
    published, representative, coordinator, rep_client, client
):
    response = rep_client.post(
        quality_url(published),
        form_post(
            {
                STORAGE: answer(
                    "met", "Gesprekken worden na dertig dagen gewist.", "https://x.be/p"
                ),
                CRISIS: answer("partly", "Wij verwijzen naar de zelfmoordlijn."),
            },
            submit="1",
        ),
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.moderation_state == Offering.Moderation.SUBMITTED
    assert published.is_public  # the published version stays on the map meanwhile
    before = client.get(published.get_absolute_url()).content.decode()
    assert "dertig dagen gewist" not in before
    assert "Onbekend: nog niet beantwoord." in before

    review = Client()
    login(review, coordinator, two_factor=True)
    page = review.get(f"/sociale-kaart/moderatie/aanbod/{published.pk}/").content.decode()
    assert "Voorgestelde antwoorden op de kwaliteitsnormen" in page
    assert "dertig dagen gewist" in page
    review.post(f"/sociale-kaart/moderatie/aanbod/{published.pk}/", {"publish": "1", "note": ""})

    after = client.get(published.get_absolute_url()).content.decode()
    assert "Gesprekken worden na dertig dagen gewist." in after
    assert 'href="https://x.be/p"' in after
    assert "Gedeeltelijk" in after
    stored = QualityAnswer.objects.get(offering=published, norm_id=STORAGE)
    assert (stored.status, stored.pending_since) == ("met", None)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "socialekaart.offering.quality_proposed",
        "socialekaart.offering.quality_published",
    } <= actions


def test_a_new_offering_publishes_its_answers_with_its_first_publication(
    organisation, representative, coordinator
):
    offering = make_offering(organisation, representative, publish=False, name="Nieuw")
    services.quality_answers_save(
        offering=offering, actor=representative, answers={WHO: answer("met")}
    )
    assert not selectors.quality_for_offering(offering_id=offering.pk).answered
    services.offering_submit(offering=offering, actor=representative)
    services.offering_publish(offering=offering, actor=coordinator)
    assert selectors.quality_for_offering(offering_id=offering.pk).answered == 1


def test_sending_back_keeps_the_answers_waiting(published, representative, coordinator):
    services.quality_answers_save(
        offering=published, actor=representative, answers={WHO: answer("met")}
    )
    services.offering_submit(offering=published, actor=representative)
    services.offering_send_back(offering=published, actor=coordinator, note="Welke opleiding?")
    waiting = QualityAnswer.objects.get(offering=published, norm_id=WHO)
    assert waiting.pending_status == "met"
    assert waiting.status == ""
    # and they can be submitted again on their own
    services.offering_submit(offering=published, actor=representative)


def test_an_unchanged_answer_leaves_nothing_to_submit(published, representative, coordinator):
    answer_and_publish(published, representative, coordinator, {WHO: answer("met")})
    services.quality_answers_save(
        offering=published, actor=representative, answers={WHO: answer("met")}
    )
    assert not services.quality_has_pending(published)
    with pytest.raises(DomainError):
        services.offering_submit(offering=published, actor=representative)


def test_answers_cannot_change_while_under_review(published, representative):
    services.quality_answers_save(
        offering=published, actor=representative, answers={WHO: answer("met")}
    )
    services.offering_submit(offering=published, actor=representative)
    with pytest.raises(DomainError):
        services.quality_answers_save(
            offering=published, actor=representative, answers={WHO: answer("partly")}
        )


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (answer("excellent"), "geldige keuze"),
        (answer("", "Uitleg zonder antwoord"), "Kies een antwoord"),
        (answer("met", "x" * 601), "600"),
        (answer("met", "", "javascript:alert(1)"), "URL"),
        (answer("met", "nul\x00teken"), "teken"),
    ],
)
def test_bad_answers_are_refused_with_a_dutch_message_never_a_500(
    published, rep_client, given, message
):
    response = rep_client.post(quality_url(published), form_post({STORAGE: given}, save="1"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "form-errors" in body
    assert message in body
    assert not QualityAnswer.objects.filter(offering=published).exists()


def test_the_service_refuses_an_unknown_norm_and_an_archived_offering(
    published, representative, coordinator
):
    with pytest.raises(DomainError):
        services.quality_answers_save(
            offering=published, actor=representative, answers={"no-such-norm": answer()}
        )
    services.offering_archive(offering=published, actor=coordinator)
    with pytest.raises(DomainError):
        services.quality_answers_save(
            offering=published, actor=representative, answers={WHO: answer()}
        )


def test_another_organisations_representative_gets_a_404(published):
    other = UserFactory()
    client = Client()
    client.force_login(other)
    assert client.get(quality_url(published)).status_code == 404
    assert client.post(quality_url(published), form_post({WHO: answer()})).status_code == 404
    assert not QualityAnswer.objects.exists()


def test_the_workspace_links_to_the_answers(published, rep_client):
    body = rep_client.get("/sociale-kaart/mijn-organisatie/").content.decode()
    assert quality_url(published) in body
    form = rep_client.get(quality_url(published)).content.decode()
    assert form.count('<fieldset class="quality-norm"') == 9


# --- What visitors see ------------------------------------------------------------------------


def test_unanswered_norms_read_unknown_never_failed(published, client):
    body = client.get(published.get_absolute_url()).content.decode()
    assert body.count("Onbekend: nog niet beantwoord.") == 9
    assert "Nog niet." not in body
    assert "Hoe worden gesprekken bewaard?" in body
    assert "Waar kunt u terecht in een crisis?" in body


def test_the_map_filters_count_only_met(organisation, coordinator, representative, client):
    stored = make_offering(organisation, coordinator, name="Bewaarchat")
    partly = make_offering(organisation, coordinator, name="Halfchat")
    crisis = make_offering(organisation, coordinator, name="Crisischat")
    answer_and_publish(stored, representative, coordinator, {STORAGE: answer("met")})
    answer_and_publish(partly, representative, coordinator, {STORAGE: answer("partly")})
    answer_and_publish(crisis, representative, coordinator, {CRISIS: answer("met")})

    body = client.get("/sociale-kaart/?bewaring=true").content.decode()
    assert "Bewaarchat" in body
    assert "Halfchat" not in body
    assert "Crisischat" not in body
    body = client.get("/sociale-kaart/?crisis=true").content.decode()
    assert "Crisischat" in body
    assert "Bewaarchat" not in body
    body = client.get("/sociale-kaart/?bewaring=true&crisis=true").content.decode()
    assert "Bewaarchat" not in body
    assert "Crisischat" not in body
    assert 'id="id_bewaring"' in body


@pytest.mark.parametrize("value", ["banaan", "", "true%00", "1" * 300])
def test_a_bad_quality_filter_is_never_a_500(client, published, value):
    assert client.get(f"/sociale-kaart/?bewaring={value}&crisis={value}").status_code == 200


# --- The page cache -----------------------------------------------------------------------------


@pytest.mark.usefixtures("page_cache")
def test_a_published_answer_renews_the_cached_offering_page_and_map(
    published, representative, coordinator, django_capture_on_commit_callbacks
):
    page = published.get_absolute_url()
    filtered = "/sociale-kaart/?bewaring=true"
    for url in (page, filtered):
        Client().get(url)
        assert Client().get(url)["X-Page-Cache"] == "hit"
    assert "Jongerenchat" not in Client().get(filtered).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        answer_and_publish(
            published, representative, coordinator, {STORAGE: answer("met", "Na dertig dagen.")}
        )

    response = Client().get(page)
    assert response["X-Page-Cache"] == "miss"
    assert "Na dertig dagen." in response.content.decode()
    response = Client().get(filtered)
    assert response["X-Page-Cache"] == "miss"
    assert "Jongerenchat" in response.content.decode()


@pytest.mark.usefixtures("page_cache")
def test_a_saved_answer_waiting_for_review_changes_no_public_page(
    published, representative, django_capture_on_commit_callbacks
):
    page = published.get_absolute_url()
    Client().get(page)
    with django_capture_on_commit_callbacks(execute=True):
        services.quality_answers_save(
            offering=published, actor=representative, answers={WHO: answer("met")}
        )
    assert Client().get(page)["X-Page-Cache"] == "hit"


# --- Query counts -------------------------------------------------------------------------------


def bulk_answers(offerings, codes=(STORAGE, CRISIS, WHO)):
    QualityAnswer.objects.bulk_create(
        QualityAnswer(offering=o, norm_id=code, status="met" if i % 2 else "partly")
        for i, o in enumerate(offerings)
        for code in codes
    )


@pytest.mark.parametrize("count", [10, 500])
def test_query_counts_do_not_grow_with_the_offerings(
    client, django_assert_max_num_queries, organisation, coordinator, count
):
    offerings = bulk_public_offerings(count, organisations=[organisation])
    bulk_answers(offerings)
    with django_assert_max_num_queries(14):
        assert client.get(offerings[-1].get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(22):
        assert client.get("/sociale-kaart/?bewaring=true&crisis=true").status_code == 200
    staff = Client()
    login(staff, coordinator, two_factor=True)
    with django_assert_max_num_queries(22):
        assert staff.get("/sociale-kaart/kwaliteit/").status_code == 200


# --- Coordinators' figures and their monthly record ---------------------------------------------


def test_figures_per_sector_and_norm(organisation, coordinator, representative, sector):
    met = make_offering(organisation, coordinator, name="A")
    part = make_offering(organisation, coordinator, name="B")
    make_offering(organisation, coordinator, name="C")
    answer_and_publish(met, representative, coordinator, {STORAGE: answer("met")})
    answer_and_publish(part, representative, coordinator, {STORAGE: answer("partly")})

    figures = selectors.quality_figures(all_sectors_name="Alle")
    overall, youth = figures[0], next(f for f in figures if f.slug == sector.slug)
    for row in (overall, youth):
        storage = next(n for n in row.norms if n.code == STORAGE)
        assert (row.offerings, storage.met, storage.partly, storage.unanswered) == (3, 1, 1, 1)
        who = next(n for n in row.norms if n.code == WHO)
        assert who.unanswered == 3


def test_the_figures_page_is_for_coordinators_with_a_chart_and_its_table(
    published, coordinator, rep_client
):
    assert rep_client.get("/sociale-kaart/kwaliteit/").status_code == 403
    staff = Client()
    login(staff, coordinator, two_factor=True)
    body = staff.get("/sociale-kaart/kwaliteit/").content.decode()
    assert 'class="bar-chart"' in body
    assert "<table" in body
    assert "Alle sectoren" in body
    assert "<script" not in body.split("<main", 1)[-1].split("</main>", 1)[0]


def test_months_are_kept_for_the_policy_tracker(
    organisation, coordinator, representative, published
):
    services.quality_figures_keep_month(today=date(2027, 1, 31))
    answer_and_publish(published, representative, coordinator, {STORAGE: answer("met")})
    services.quality_figures_keep_month(today=date(2027, 2, 3))
    services.quality_figures_keep_month(today=date(2027, 2, 4))  # the same month, updated

    months = selectors.quality_figures_by_month()
    assert [m.month for m in months] == [date(2027, 1, 1), date(2027, 2, 1)]
    assert months[0].norm(STORAGE).met == 0
    assert months[1].norm(STORAGE).met == 1
    assert months[1].norm(STORAGE).offerings == 1
    assert QualityMonthlyFigure.objects.filter(month=date(2027, 2, 1), sector_slug="").count() == 9
    assert [m.month for m in selectors.quality_figures_by_month(since=date(2027, 2, 15))] == [
        date(2027, 2, 1)
    ]


# --- The reminder -------------------------------------------------------------------------------


@pytest.fixture
def launched():
    QualityNorm.objects.update(created_at=datetime(2026, 12, 1, tzinfo=ZoneInfo("UTC")))


def test_one_reminder_six_months_after_launch_exactly_once(
    published, representative, launched, django_capture_on_commit_callbacks
):
    Offering.objects.filter(pk=published.pk).update(
        published_at=datetime(2025, 1, 1, tzinfo=NOW.tzinfo)
    )
    too_early = datetime(2027, 5, 20, tzinfo=NOW.tzinfo)  # under six months after the launch
    assert services.quality_remind_unanswered(now=too_early) == 0

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.quality_daily.delay().get()["reminded"] == 0  # today: before the launch + 6
        assert services.quality_remind_unanswered(now=NOW) == 1
        assert services.quality_remind_unanswered(now=NOW) == 0
        assert services.quality_remind_unanswered(now=NOW + timedelta(days=60)) == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [representative.email]
    assert "Jongerenchat" in mail.outbox[0].subject
    assert quality_url(published) in mail.outbox[0].body
    assert QualityReminder.objects.filter(offering=published).count() == 1


def test_an_organisation_gets_one_reminder_naming_all_its_unanswered_offerings(
    organisation, coordinator, representative, launched, django_capture_on_commit_callbacks
):
    offerings = [make_offering(organisation, coordinator, name=n) for n in ("Chat A", "Mail B")]
    Offering.objects.filter(pk__in=[o.pk for o in offerings]).update(
        published_at=datetime(2026, 1, 1, tzinfo=NOW.tzinfo)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.quality_remind_unanswered(now=NOW) == 1
        assert services.quality_remind_unanswered(now=NOW + timedelta(days=1)) == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "“Chat A”, “Mail B”" in message.subject
    assert "Deze aanbiedingen van" in message.body
    for offering in offerings:
        assert quality_url(offering) in message.body
    assert QualityReminder.objects.count() == 2


def test_no_reminder_for_an_answered_or_recent_offering(
    organisation, coordinator, representative, launched
):
    answered = make_offering(organisation, coordinator, name="Beantwoord")
    services.quality_answers_save(
        offering=answered, actor=representative, answers={WHO: answer("met")}
    )  # waiting for review counts as answered
    recent = make_offering(organisation, coordinator, name="Recent")
    Offering.objects.filter(pk=answered.pk).update(
        published_at=datetime(2026, 1, 1, tzinfo=NOW.tzinfo)
    )
    Offering.objects.filter(pk=recent.pk).update(published_at=NOW - timedelta(days=30))
    assert services.quality_remind_unanswered(now=NOW) == 0


def test_no_reminder_without_a_representative_until_one_is_approved(coordinator, launched):
    lonely = make_offering(OrganisationFactory(), coordinator, name="Zonder")
    Offering.objects.filter(pk=lonely.pk).update(
        published_at=datetime(2026, 1, 1, tzinfo=NOW.tzinfo)
    )
    assert services.quality_remind_unanswered(now=NOW) == 0
    assert not QualityReminder.objects.exists()


# --- The HSDS API's door ------------------------------------------------------------------------


def test_answers_as_service_attributes_of_a_taxonomy_of_their_own(
    published, representative, coordinator
):
    answer_and_publish(
        published, representative, coordinator, {STORAGE: answer("met"), WHO: answer("partly")}
    )
    taxonomy = selectors.quality_taxonomy()
    assert taxonomy["id"] == selectors.QUALITY_TAXONOMY
    assert len(taxonomy["terms"]) == 9
    attributes = selectors.quality_attributes_for_offerings(offering_ids=[published.pk])
    values = {a["taxonomy_term_id"].split(":")[1]: a["value"] for a in attributes[published.pk]}
    assert values == {STORAGE: "met", WHO: "partly"}
    assert list(selectors.quality_offerings_meeting(norm_code=STORAGE)) == [published]
    assert not selectors.quality_offerings_meeting(norm_code=WHO).exists()
