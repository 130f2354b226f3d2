"""The question desk in the browser's terms: the form, the signed links, the queue."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from django.utils.functional import empty

from aanspreekpunt.core.documents import private_storage
from aanspreekpunt.core.models import AuditEntry
from aanspreekpunt.desk import services, tokens
from aanspreekpunt.desk.models import Attachment, Question
from tests.factories import PASSWORD, UserFactory

from .conftest import ASKER, ask, confirmed, emails_to, link_in

pytestmark = pytest.mark.django_db
S = Question.Status
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    private_storage._wrapped = empty
    yield tmp_path / "private"
    private_storage._wrapped = empty


def form_data(**changes):
    return {**ASKER, "sector": "", "topic": "", "website": "", **changes}


# --- asking --------------------------------------------------------------------------------


def test_the_intro_page_is_cached_and_links_to_the_form_on_its_own_page(client, page_cache):
    first = client.get("/vraag/")
    body = first.content.decode()
    assert 'href="/vraag/stellen/"' in body
    assert '<form method="post"' not in body
    assert "public" in first["Cache-Control"]
    second = client.get("/vraag/")
    assert second["X-Page-Cache"] == "hit"


def test_the_form_page_is_never_cached(client, page_cache):
    client.get("/vraag/stellen/")
    response = client.get("/vraag/stellen/")
    assert response.get("X-Page-Cache") != "hit"
    assert "public" not in response["Cache-Control"]


def test_a_visitor_asks_confirms_and_follows_the_question(client, coordinator):
    response = client.post("/vraag/stellen/", form_data())
    assert response["Location"] == "/vraag/verstuurd/"
    assert "Kijk in uw mailbox" in client.get("/vraag/verstuurd/").content.decode()
    question = Question.objects.get()
    assert question.status == S.UNCONFIRMED

    confirm = link_in(emails_to(ASKER["email"])[0], "bevestigen")
    page = client.get(confirm)
    assert page.status_code == 200
    assert ">Bevestig</button>" in page.content.decode()
    response = client.post(confirm)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == S.RECEIVED
    page = client.get(response["Location"]).content.decode()
    assert question.reference in page
    assert "ontvangen" in page
    # the link in the e-mail leads to the same page; confirming again changes nothing
    emailed = client.get(link_in(emails_to(ASKER["email"])[1], "opvolgen")).content.decode()
    assert question.reference in emailed
    assert client.get(confirm).status_code == 302
    assert client.post(confirm).status_code == 302
    assert AuditEntry.objects.filter(action="desk.question.confirmed").count() == 1


def test_opening_the_confirmation_link_confirms_nothing_until_the_button_is_pressed(client):
    """A mail scanner or link preview fetches the link with GET (and HEAD): it must not
    confirm the question on the asker's behalf."""
    client.post("/vraag/stellen/", form_data())
    question = Question.objects.get()
    confirm = link_in(emails_to(ASKER["email"])[0], "bevestigen")
    for _ in range(2):
        response = client.get(confirm)
        assert response.status_code == 200
        assert client.head(confirm).status_code == 200
    body = response.content.decode()
    assert "Bevestig uw vraag" in body
    assert ASKER["subject"] in body
    # a plain form that posts back to the same link: no JavaScript needed
    assert '<form method="post">' in body
    assert 'name="csrfmiddlewaretoken"' in body
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
    question.refresh_from_db()
    assert question.status == S.UNCONFIRMED
    assert not AuditEntry.objects.filter(action="desk.question.confirmed").exists()
    assert len(emails_to(ASKER["email"])) == 1  # no "received" e-mail yet


def test_the_confirmation_button_needs_the_form_token():
    client = Client(enforce_csrf_checks=True)
    question = ask()
    confirm = f"/vraag/bevestigen/{tokens.token_for(question, tokens.CONFIRM)}/"
    assert client.post(confirm).status_code == 403  # a forged cross-site post
    question.refresh_from_db()
    assert question.status == S.UNCONFIRMED
    token = client.get(confirm).context["csrf_token"]
    assert client.post(confirm, {"csrfmiddlewaretoken": str(token)}).status_code == 302
    question.refresh_from_db()
    assert question.status == S.RECEIVED


def test_a_member_gets_the_form_pre_filled_and_finds_the_question_under_the_account(client):
    member = UserFactory(first_name="Lotte", last_name="Peeters", email="lotte@example.org")
    client.force_login(member)
    page = client.get("/vraag/stellen/").content.decode()
    assert 'value="Lotte Peeters"' in page
    assert 'value="lotte@example.org"' in page
    response = client.post(
        "/vraag/stellen/", form_data(name="Lotte Peeters", email="lotte@example.org")
    )
    question = Question.objects.get()
    assert response["Location"] == f"/vraag/mijn-vragen/{question.reference}/"
    assert question.reference in client.get("/vraag/mijn-vragen/").content.decode()
    other = UserFactory()
    client.force_login(other)
    assert client.get(f"/vraag/mijn-vragen/{question.reference}/").status_code == 404


BACK_TO_FORM = "next=%2Fvraag%2Fstellen%2F"


def test_the_form_offers_to_log_in_or_sign_up_and_come_back_to_it(client):
    page = client.get("/vraag/stellen/").content.decode()
    assert f'href="/accounts/login/?{BACK_TO_FORM}"' in page
    assert f'href="/accounts/signup/?{BACK_TO_FORM}"' in page
    client.force_login(UserFactory())
    assert BACK_TO_FORM not in client.get("/vraag/stellen/").content.decode()


def test_a_visitor_who_logs_in_from_the_form_is_brought_back_to_it_filled_in(client):
    UserFactory(first_name="Lotte", last_name="Peeters", email="lotte@example.org")
    login_page = client.get(f"/accounts/login/?{BACK_TO_FORM}").content.decode()
    assert 'name="next" value="/vraag/stellen/"' in login_page
    response = client.post(
        f"/accounts/login/?{BACK_TO_FORM}",
        {"login": "lotte@example.org", "password": PASSWORD, "next": "/vraag/stellen/"},
    )
    assert response["Location"] == "/vraag/stellen/"
    assert 'value="Lotte Peeters"' in client.get(response["Location"]).content.decode()


def test_a_visitor_who_signs_up_from_the_form_is_brought_back_to_it(
    client, django_capture_on_commit_callbacks
):
    signup_page = client.get(f"/accounts/signup/?{BACK_TO_FORM}").content.decode()
    assert 'name="next" value="/vraag/stellen/"' in signup_page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/accounts/signup/?{BACK_TO_FORM}",
            {
                "email": "nieuw@zorgpunt.example",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "next": "/vraag/stellen/",
            },
        )
    body = mail.outbox[-1].body
    confirmation = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", body)
    response = client.post(confirmation.group(1))  # confirming the address logs in
    assert response["Location"] == "/vraag/stellen/"
    page = client.get("/vraag/stellen/").content.decode()
    assert 'value="nieuw@zorgpunt.example"' in page


@pytest.mark.parametrize(
    "elsewhere", ["https://elders.example/vraag/", "//elders.example/", "/\\elders.example/"]
)
def test_logging_in_never_leads_off_the_site(client, elsewhere):
    UserFactory(email="lotte@example.org")
    response = client.post(
        "/accounts/login/",
        {"login": "lotte@example.org", "password": PASSWORD, "next": elsewhere},
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/profiel/"


def test_errors_are_dutch_listed_and_keep_what_was_typed(client):
    response = client.post(
        "/vraag/stellen/", form_data(email="geen-adres", body="x" * 10_001, sector="999")
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "form-errors" in body
    assert "Voer een geldig e-mailadres in" in body
    assert "10000" in body or "10.000" in body
    assert "Selecteer een geldige keuze" in body
    assert ASKER["subject"] in body  # kept
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"sector": "99999999999999999999999"},
        {"topic": "-1"},
        {"body": "nul\x00teken"},
        {"name": ""},
    ],
)
def test_bad_input_is_a_form_error_never_a_500(client, changes):
    response = client.post("/vraag/stellen/", form_data(**changes))
    assert response.status_code == 200
    assert "form-errors" in response.content.decode()
    assert not Question.objects.exists()


def test_a_robot_filling_in_the_hidden_field_is_ignored(client):
    response = client.post("/vraag/stellen/", form_data(website="http://spam.example"))
    assert response["Location"] == "/vraag/verstuurd/"
    assert not Question.objects.exists()


def test_questions_are_limited_per_address(client):
    for number in range(3):
        assert client.post("/vraag/stellen/", form_data(subject=f"V{number}")).status_code == 302
    response = client.post("/vraag/stellen/", form_data(subject="Nog een"))
    assert response.status_code == 200
    assert "Wacht een uur" in response.content.decode()
    assert Question.objects.count() == 3
    # another address from the same client still gets through
    assert client.post("/vraag/stellen/", form_data(email="ander@example.org")).status_code == 302


def test_questions_are_limited_per_client_address(client):
    for number in range(10):
        client.post("/vraag/stellen/", form_data(email=f"a{number}@example.org"))
    response = client.post("/vraag/stellen/", form_data(email="a99@example.org"))
    assert "Wacht een uur" in response.content.decode()
    assert Question.objects.count() == 10


def test_a_real_pdf_is_kept_as_a_private_file(client, private_files):
    upload = SimpleUploadedFile("verslag.pdf", PDF, content_type="application/pdf")
    assert client.post("/vraag/stellen/", {**form_data(), "attachment": upload}).status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.file.path.startswith(str(private_files))


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("virus.pdf", b"MZ\x90\x00 not a pdf", "De inhoud van het bestand past niet"),
        ("pagina.html", b"<html>", "alleen een pdf of een afbeelding"),
        ("groot.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), "groter dan 5 MB"),
    ],
)
def test_an_attachment_that_is_not_a_small_pdf_or_image_is_refused(client, name, content, error):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client.post("/vraag/stellen/", {**form_data(), "attachment": upload})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Question.objects.exists()


# --- signed links --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["bevestigen", "opvolgen", "aanvullen"])
def test_a_forged_link_is_a_404(client, kind):
    assert client.get(f"/vraag/{kind}/abc:def/").status_code == 404


def test_a_link_for_one_purpose_does_not_open_another(client):
    question = confirmed()
    follow = tokens.token_for(question, tokens.FOLLOW)
    assert client.get(f"/vraag/aanvullen/{follow}/").status_code == 404
    assert client.get(f"/vraag/bevestigen/{follow}/").status_code == 404


def test_an_expired_link_is_a_404(client, monkeypatch):
    question = confirmed()
    follow = tokens.token_for(question, tokens.FOLLOW)
    monkeypatch.setitem(tokens.MAX_AGE, tokens.FOLLOW, timedelta(seconds=-1))
    assert client.get(f"/vraag/opvolgen/{follow}/").status_code == 404


def test_the_asker_answers_a_request_for_information_through_the_link(client, coordinator):
    question = confirmed()
    services.question_request_info(question=question, actor=coordinator, text="Welke tool?")
    services.question_note(question=question, actor=coordinator, text="GEHEIM-INTERN")
    reply = link_in(emails_to(ASKER["email"])[-1], "aanvullen")
    follow = f"/vraag/opvolgen/{tokens.token_for(question, tokens.FOLLOW)}/"
    status_page = client.get(follow).content.decode()
    assert 'href="/vraag/aanvullen/' in status_page  # signed anew: the time differs
    assert "GEHEIM-INTERN" not in status_page
    page = client.get(reply).content.decode()
    assert "Welke tool?" in page
    assert "GEHEIM-INTERN" not in page
    assert client.post(reply, {"text": ""}).status_code == 200  # an error, nothing sent
    response = client.post(reply, {"text": "Een beveiligde chattool."})
    assert response["Location"].startswith("/vraag/opvolgen/")
    assert "Een beveiligde chattool." in client.get(response["Location"]).content.decode()
    question.refresh_from_db()
    assert question.status == S.IN_PROGRESS
    # once answered, the link leads back to the status page
    assert client.get(reply)["Location"].startswith("/vraag/opvolgen/")


def test_the_answer_is_on_the_status_page_but_never_the_notes(client, coordinator):
    question = confirmed()
    services.question_note(question=question, actor=coordinator, text="GEHEIM-INTERN")
    services.question_answer(question=question, actor=coordinator, text="Het antwoord is ja.")
    page = client.get(f"/vraag/opvolgen/{tokens.token_for(question, tokens.FOLLOW)}/")
    body = page.content.decode()
    assert "Het antwoord is ja." in body
    assert "GEHEIM-INTERN" not in body
    assert "no-store" in page["Cache-Control"] or "private" in page["Cache-Control"]


def test_links_stop_working_once_the_personal_data_are_erased(client, coordinator):
    question = confirmed()
    follow = f"/vraag/opvolgen/{tokens.token_for(question, tokens.FOLLOW)}/"
    services.question_close(question=question, actor=coordinator)
    Question.objects.filter(pk=question.pk).update(closed_at=timezone.now() - timedelta(days=800))
    services.questions_erase_expired()
    assert client.get(follow).status_code == 404


# --- the coordinators --------------------------------------------------------------------------


def test_the_coordinator_works_a_question_from_the_queue(coordinator_client, coordinator):
    question = confirmed()
    queue = coordinator_client.get("/vraag/behandelen/").content.decode()
    assert question.reference in queue
    url = f"/vraag/behandelen/{question.pk}/"
    page = coordinator_client.get(url).content.decode()
    assert ASKER["email"] in page  # coordinators see who asked
    response = coordinator_client.post(
        url, {"action": "assign", "assignee": coordinator.pk, "expected": ""}
    )
    assert response["Location"] == url
    coordinator_client.post(url, {"action": "note", "note-text": "Eerst juridisch nagaan"})
    coordinator_client.post(url, {"action": "answer", "answer-text": "U bent gedekt."})
    question.refresh_from_db()
    assert question.status == S.ANSWERED
    assert question.assignee == coordinator
    page = coordinator_client.get(url).content.decode()
    assert "Eerst juridisch nagaan" in page
    assert "Publiceren als veelgestelde vraag" in page
    # the proposal has the asker's details taken out
    assert "Zorgpunt Oost" not in page.split("h-publish")[1]
    response = coordinator_client.post(
        url,
        {
            "action": "publish",
            "title": "Aansprakelijkheid bij videobellen",
            "question_text": "Zijn wij aansprakelijk voor advies via videobellen?",
            "answer_text": "U bent gedekt.",
        },
    )
    assert response["Location"] == url
    question.refresh_from_db()
    assert question.publication == Question.Publication.DRAFT
    coordinator_client.post(url, {"action": "close"})
    question.refresh_from_db()
    assert question.status == S.CLOSED


def test_a_stale_assignment_tells_who_has_the_question(coordinator_client, colleague):
    question = confirmed()
    services.question_assign(
        question=question, actor=colleague, assignee=colleague, expected_assignee_id=None
    )
    me = coordinator_client.session["_auth_user_id"]
    response = coordinator_client.post(
        f"/vraag/behandelen/{question.pk}/",
        {"action": "assign", "assignee": me, "expected": ""},
    )
    assert response.status_code == 200
    assert "Kobe" in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"action": "answer", "answer-text": ""},
        {"action": "answer", "answer-text": "x" * 10_001},
        {"action": "assign", "assignee": "99999999999999999999999", "expected": ""},
        {"action": "assign", "assignee": "1", "expected": "abc"},
        {"action": "publish", "title": ""},
        {"action": "onbekend"},
    ],
)
def test_bad_coordinator_input_is_an_error_never_a_500(coordinator_client, data):
    question = confirmed()
    response = coordinator_client.post(f"/vraag/behandelen/{question.pk}/", data)
    assert response.status_code == 200
    question.refresh_from_db()
    assert question.status == S.RECEIVED


def test_an_unconfirmed_or_unknown_question_is_not_in_reach(coordinator_client):
    from .conftest import ask

    unconfirmed = ask()
    assert coordinator_client.get(f"/vraag/behandelen/{unconfirmed.pk}/").status_code == 404
    assert coordinator_client.get("/vraag/behandelen/99999999999999999999/").status_code == 404


def test_attachments_are_downloaded_by_coordinators_only(coordinator_client, client):
    question = confirmed()
    attachment = services.attachment_add(
        question=question, upload=ContentFile(PDF, name="verslag.pdf")
    )
    url = f"/vraag/behandelen/{question.pk}/bijlagen/{attachment.pk}/"
    response = coordinator_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "private, no-store"
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


def test_the_queue_shows_how_long_each_question_waited(coordinator_client):
    question = confirmed()
    Question.objects.filter(pk=question.pk).update(
        waiting_since=timezone.now() - timedelta(days=21)
    )
    body = coordinator_client.get("/vraag/behandelen/").content.decode()
    assert '<strong class="error">' in body  # at least 10 working days in three weeks


@pytest.mark.parametrize("count", [10, 500])
def test_the_queue_costs_the_same_queries_however_many_questions(
    coordinator_client, coordinator, sector, topic, django_assert_max_num_queries, count
):
    now = timezone.now()
    Question.objects.bulk_create(
        Question(
            reference=f"AP-T-{n}",
            name="x",
            email="x@example.org",
            subject=f"Vraag {n}",
            body="b",
            status=S.IN_PROGRESS,
            sector=sector,
            topic=topic,
            assignee=coordinator,
            confirmed_at=now,
            waiting_since=now,
        )
        for n in range(count)
    )
    with django_assert_max_num_queries(12):
        response = coordinator_client.get("/vraag/behandelen/?pagina=2")
    assert response.status_code == 200


def test_the_figures_page_shows_the_coordinators_the_numbers(coordinator_client, sector):
    confirmed(sector=sector)
    body = coordinator_client.get("/vraag/behandelen/cijfers/").content.decode()
    assert "Ouderenzorg" in body
    assert "Vragen per maand" in body


def test_the_profile_links_to_the_members_questions(member_client):
    assert 'href="/vraag/mijn-vragen/"' in member_client.get("/accounts/profiel/").content.decode()


def test_the_privacy_page_says_how_long_questions_are_kept(client):
    body = client.get("/privacy/").content.decode()
    assert "24 maanden" in body


def test_the_beat_tasks_run_the_reminders_and_the_erasure():
    from aanspreekpunt.desk import tasks

    assert tasks.remind_waiting_questions() == {"assignees": 0, "coordinators": 0}
    assert tasks.erase_expired_questions() == 0


def test_beat_schedules_both_desk_tasks(settings):
    from aanspreekpunt.celery import app

    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    for name in (
        "aanspreekpunt.desk.tasks.remind_waiting_questions",
        "aanspreekpunt.desk.tasks.erase_expired_questions",
    ):
        assert name in scheduled
        assert name in app.tasks


# --- from answer to public knowledge ---------------------------------------------------------


def test_once_an_editor_publishes_the_draft_the_next_visitor_finds_the_answer_by_search(
    client, coordinator, topic
):
    from aanspreekpunt.pages.models import FAQPage

    question = confirmed(topic=topic)
    services.question_answer(
        question=question, actor=coordinator, text="Met de regels van vandaag bent u gedekt."
    )
    services.question_prepare_publication(
        question=question,
        actor=coordinator,
        title="Aansprakelijkheid bij advies via videobellen",
        question_text="Is een organisatie aansprakelijk voor advies via videobellen?",
        answer_text="Met de regels van vandaag bent u gedekt.",
        topics=[topic],
    )
    question.refresh_from_db()
    faq = FAQPage.objects.get(pk=question.faq_page_id)
    assert list(faq.topics.all()) == [topic]
    assert "Aansprakelijkheid" not in client.get("/zoeken/?q=videobellen").content.decode()

    faq.get_latest_revision().publish()  # what the editor's approval does
    results = client.get("/zoeken/?q=videobellen").content.decode()
    assert "Aansprakelijkheid bij advies via videobellen" in results
    page = client.get(faq.get_url()).content.decode()
    assert "Met de regels van vandaag bent u gedekt." in page
    for personal in (ASKER["name"], ASKER["email"], ASKER["organisation_name"]):
        assert personal not in page
