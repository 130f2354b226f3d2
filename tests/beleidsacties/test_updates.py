"""Progress updates: the action follows the latest; history is never rewritten; bad input
saves nothing; only coordinators write."""

from datetime import date, timedelta

import pytest

from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.models import AuditEntry
from beleidsacties import services
from beleidsacties.models import Action, AppendOnly, ProgressUpdate, Status
from tests.factories import UserFactory
from tests.sessions import login

pytestmark = pytest.mark.django_db

URL = "/beleidsacties/plannen/bouwstenen-2014/6/update/"


def post_data(**changes):
    data = {
        "text": "Overleg met de koepels gestart.",
        "happened_on": "2026-01-10",
        "precision": "day",
        "status_after": "ongoing",
        "progress_after": "30",
        "evidence_url": "https://example.org/verslag",
        "evidence_source": "Verslag van het overleg",
    }
    data.update(changes)
    return data


def add(action, actor, **data):
    data.setdefault("text", "Stap gezet.")
    return services.update_add(action=action, actor=actor, data=data)


def test_the_action_follows_the_latest_update_and_the_audit_names_old_and_new(
    priority_action, coordinator
):
    first = add(priority_action, coordinator, status_after="in_preparation", progress_after=10)
    second = add(priority_action, coordinator, progress_after=25)
    priority_action.refresh_from_db()
    assert priority_action.status == Status.IN_PREPARATION  # the second left it as it was
    assert priority_action.progress == 25
    assert priority_action.last_update == second
    assert (second.status_before, second.progress_before) == ("in_preparation", 10)
    entry = AuditEntry.objects.filter(action="beleidsacties.update.added").first()
    assert entry.actor == coordinator
    assert entry.changes == {"progress": "10 → 25"}
    assert first.progress_changed
    assert second.progress_changed


def test_a_correction_is_a_new_entry_that_names_what_it_corrects(priority_action, coordinator):
    wrong = add(priority_action, coordinator, progress_after=80)
    fix = add(priority_action, coordinator, progress_after=40, corrects=wrong, text="Was 40 %.")
    assert ProgressUpdate.objects.filter(action=priority_action).count() == 2
    wrong.refresh_from_db()
    assert wrong.progress_after == 80  # the wrong entry stays as it was
    assert list(wrong.corrections.all()) == [fix]
    priority_action.refresh_from_db()
    assert priority_action.progress == 40


def test_an_update_is_never_changed_or_deleted(priority_action, coordinator):
    update = add(priority_action, coordinator, progress_after=10)
    update.text = "Herschreven"
    with pytest.raises(AppendOnly):
        update.save()
    with pytest.raises(AppendOnly):
        update.delete()
    assert ProgressUpdate.objects.get(pk=update.pk).text == "Stap gezet."


def test_a_correction_must_name_an_update_of_the_same_action(priority_action, coordinator):
    other = Action.objects.get(plan=priority_action.plan, number=1)
    elsewhere = add(other, coordinator)
    with pytest.raises(DomainError):
        add(priority_action, coordinator, corrects=elsewhere)


@pytest.mark.parametrize(
    "data",
    [
        {"progress_after": 101},
        {"progress_after": -1},
        {"status_after": "half-af"},
        {"happened_on": date.today() + timedelta(days=2)},
        {"text": "   "},
    ],
)
def test_bad_input_to_the_service_saves_nothing(priority_action, coordinator, data):
    with pytest.raises(DomainError):
        add(priority_action, coordinator, **data)
    assert not priority_action.updates.exists()
    priority_action.refresh_from_db()
    assert priority_action.status == Status.UNKNOWN


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"progress_after": "150"}, "De voortgang is een percentage tussen 0 en 100."),
        ({"progress_after": "-5"}, "De voortgang is een percentage tussen 0 en 100."),
        ({"status_after": "half-af"}, "Selecteer een geldige keuze"),
        ({"evidence_url": "geen adres"}, "Voer een geldige URL in"),
        ({"happened_on": "2999-01-01"}, "kan niet in de toekomst"),
        ({"happened_on": "31-31-2020"}, "Voer een geldige datum in"),
        ({"corrects": "999999"}, "Selecteer een geldige keuze"),
        ({"text": "x\x00y"}, "Null"),
    ],
)
def test_the_form_refuses_bad_input_in_dutch_and_saves_nothing(
    coordinator_client, priority_action, changes, message
):
    response = coordinator_client.post(URL, post_data(**changes))
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "Verbeter de gemarkeerde velden" in body or 'class="form-errors"' in body
    assert not priority_action.updates.exists()


def test_a_coordinator_posts_an_update_and_the_action_page_shows_it(
    coordinator_client, priority_action
):
    response = coordinator_client.post(URL, post_data())
    assert response.status_code == 302
    assert response["Location"] == "/beleidsacties/6/"
    body = coordinator_client.get("/beleidsacties/6/").content.decode()
    assert "Overleg met de koepels gestart." in body
    assert "onbekend → <strong>lopend</strong>" in body
    assert "onbekend → <strong>30&nbsp;%</strong>" in body
    assert "https://example.org/verslag" in body
    assert "10 januari 2026" in body


def test_the_timeline_is_newest_first(priority_action, coordinator, client):
    add(priority_action, coordinator, text="Eerste stap.")
    add(priority_action, coordinator, text="Tweede stap.")
    body = client.get("/beleidsacties/6/").content.decode()
    assert body.index("Tweede stap.") < body.index("Eerste stap.")


def test_members_and_visitors_cannot_add_updates(client, priority_action):
    assert client.post(URL, post_data()).status_code == 302  # to the login page
    member = UserFactory()
    client.force_login(member)
    assert client.post(URL, post_data()).status_code == 403
    assert client.get(URL).status_code == 403
    assert not priority_action.updates.exists()


def test_a_coordinator_without_a_two_factor_session_is_sent_to_that_step(
    client, coordinator, priority_action
):
    login(client, coordinator, two_factor=False)
    response = client.post(URL, post_data())
    assert response.status_code == 302
    assert not priority_action.updates.exists()


def test_an_action_number_outside_its_plan_is_not_found(coordinator_client):
    assert (
        coordinator_client.get("/beleidsacties/plannen/bouwstenen-2014/45/update/").status_code
        == 404
    )
    assert (
        coordinator_client.get("/beleidsacties/plannen/ministeriele-acties-2015/11/").status_code
        == 404
    )
    assert coordinator_client.get("/beleidsacties/plannen/bestaat-niet/1/").status_code == 404


def test_a_coordinator_fills_in_an_open_slot_and_the_audit_shows_old_and_new(
    coordinator_client, open_slot, report
):
    strategy = report.strategies.get(number=3)
    response = coordinator_client.post(
        "/beleidsacties/plannen/bouwstenen-2014/20/bewerken/",
        {"title": "Tekst uit het rapport", "report_number": "3.2", "strategy": strategy.pk},
    )
    assert response.status_code == 302
    open_slot.refresh_from_db()
    assert (open_slot.title, open_slot.report_number, open_slot.strategy) == (
        "Tekst uit het rapport",
        "3.2",
        strategy,
    )
    assert not open_slot.strategy_inferred
    entry = AuditEntry.objects.get(action="beleidsacties.action.updated")
    assert entry.changes["title"] == "— → Tekst uit het rapport"
    body = coordinator_client.get("/beleidsacties/20/").content.decode()
    assert "het rapport nummert deze actie 3.2" in body
    # the public history of the description shows what changed, old → new
    assert "Wijzigingen aan de beschrijving van deze actie" in body
    assert "Titel: — → Tekst uit het rapport" in body


def test_the_edit_form_refuses_a_strategy_of_another_plan(coordinator_client, minister, open_slot):
    from beleidsacties.models import Strategy

    foreign = Strategy.objects.create(plan=minister, number=1, title="Andere")
    response = coordinator_client.post(
        "/beleidsacties/plannen/bouwstenen-2014/20/bewerken/", {"strategy": foreign.pk}
    )
    assert response.status_code == 400
    open_slot.refresh_from_db()
    assert open_slot.strategy is None


def test_the_admin_cannot_rewrite_an_update_not_even_for_an_administrator(
    priority_action, coordinator, client
):
    update = add(priority_action, coordinator)
    administrator = UserFactory(is_superuser=True, is_staff=True, two_factor=True)
    login(client, administrator, two_factor=True)
    assert client.get(f"/admin/progressupdate/inspect/{update.pk}/").status_code == 200
    for view in ("edit", "delete"):
        for send in (client.get, client.post):
            response = send(f"/admin/progressupdate/{view}/{update.pk}/", {"text": "Anders"})
            # Wagtail answers a refusal with its "permission denied" redirect
            assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert ProgressUpdate.objects.get(pk=update.pk).text == "Stap gezet."


def test_an_update_added_in_the_admin_goes_through_the_service(priority_action, client):
    administrator = UserFactory(is_superuser=True, is_staff=True, two_factor=True)
    login(client, administrator, two_factor=True)
    response = client.post(
        "/admin/progressupdate/new/",
        {
            "action": priority_action.pk,
            "happened_on": "2026-02-01",
            "precision": "month",
            "text": "Via de beheeromgeving.",
            "status_after": "ongoing",
            "progress_after": "20",
        },
    )
    assert response.status_code == 302
    priority_action.refresh_from_db()
    assert (priority_action.status, priority_action.progress) == ("ongoing", 20)
    assert AuditEntry.objects.filter(action="beleidsacties.update.added").exists()


def test_an_update_stays_with_a_pseudonym_when_its_author_is_erased(priority_action, client):
    from aanspreekpunt.accounts.services import account_delete

    author = UserFactory(first_name="Wim", last_name="Weg")
    update = add(priority_action, author, text="Geschreven door een lid.")
    account_delete(user=author, actor=author)
    update.refresh_from_db()
    assert update.author is None
    assert update.author_pseudonym.startswith("verwijderd lid #")
    body = client.get("/beleidsacties/6/").content.decode()
    assert "Geschreven door een lid." in body
    assert update.author_pseudonym in body
    assert "Weg" not in body


def test_a_coordinators_name_stays_with_their_updates_after_deletion(priority_action, coordinator):
    from aanspreekpunt.accounts.services import account_delete

    update = add(priority_action, coordinator)
    account_delete(user=coordinator, actor=coordinator)  # staff: deactivated, not erased
    update.refresh_from_db()
    assert update.author == coordinator


def test_a_document_as_evidence_is_linked_and_visitors_may_download_it(
    coordinator_client, priority_action, settings, tmp_path, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile
    from django.test import Client
    from wagtail.documents import get_document_model

    settings.MEDIA_ROOT = tmp_path
    document = get_document_model()(title="Verslag van de stuurgroep")
    document.file.save("verslag.pdf", ContentFile(b"%PDF-1.4 verslag"), save=False)
    document.save()
    assert Client().get(document.url).status_code == 404  # not used by anything public yet
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(URL, post_data(evidence_document=document.pk))
    assert response.status_code == 302
    update = priority_action.updates.get()
    assert update.evidence_document == document
    body = Client().get("/beleidsacties/6/").content.decode()
    assert f'href="{document.url}"' in body
    assert "Verslag van de stuurgroep" in body
    assert Client().get(document.url).status_code == 200


def test_the_edit_form_cannot_set_status_or_progress(coordinator_client, open_slot):
    response = coordinator_client.post(
        "/beleidsacties/plannen/bouwstenen-2014/20/bewerken/",
        {"title": "Tekst", "status": "realised", "progress": "100", "last_update": "1"},
    )
    assert response.status_code == 302
    open_slot.refresh_from_db()
    assert (open_slot.status, open_slot.progress, open_slot.last_update) == (
        Status.UNKNOWN,
        None,
        None,
    )


def test_a_correction_is_shown_with_what_it_corrects(priority_action, coordinator, client):
    wrong = add(priority_action, coordinator, text="Verkeerd cijfer.", progress_after=80)
    add(priority_action, coordinator, text="Juist cijfer.", progress_after=40, corrects=wrong)
    body = client.get("/beleidsacties/6/").content.decode()
    assert "Corrigeert de update van" in body
    assert "Gecorrigeerd door een latere update." in body
    assert f'href="#update-{wrong.pk}"' in body
    assert "Verkeerd cijfer." in body  # the corrected entry stays visible


def test_an_edit_in_the_admin_is_in_the_public_history_old_and_new(
    coordinator_client, open_slot, report
):
    from beleidsacties.models import Actor

    strategy = report.strategies.get(number=2)
    actor = Actor.objects.order_by("pk").first()
    url = f"/admin/action/edit/{open_slot.pk}/"
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(
        url,
        {
            "plan": report.pk,
            "number": "20",
            "report_number": "2.4",
            "title": "Titel via het beheer",
            "description": "",
            "strategy": strategy.pk,
            "actors": [actor.pk],
            "is_priority": "on",
            "owner": "",
            "target_date": "",
            "source": "Bouwstenen (2014)",
        },
    )
    assert response.status_code == 302
    open_slot.refresh_from_db()
    assert (open_slot.title, open_slot.strategy, open_slot.is_priority) == (
        "Titel via het beheer",
        strategy,
        True,
    )
    assert list(open_slot.actors.all()) == [actor]
    entry = AuditEntry.objects.get(action="beleidsacties.action.admin_updated")
    assert entry.changes["title"] == "— → Titel via het beheer"
    assert entry.changes["report_number"] == "— → 2.4"
    assert entry.changes["strategy"] == f"— → {strategy}"
    assert entry.changes["actors"] == f"— → {actor}"
    assert entry.changes["is_priority"] == "nee → ja"
    assert "number" not in entry.changes  # unchanged fields are not listed
    from wagtail.models import ModelLogEntry

    assert ModelLogEntry.objects.filter(object_id=str(open_slot.pk), action="wagtail.edit").exists()
    body = coordinator_client.get("/beleidsacties/20/").content.decode()
    assert "Titel: — → Titel via het beheer" in body
    assert "Titel via het beheer" in body

    # a second edit names the old value it replaces
    response = coordinator_client.post(
        url,
        {
            "plan": report.pk,
            "number": "20",
            "report_number": "2.4",
            "title": "Betere titel",
            "strategy": strategy.pk,
            "actors": [actor.pk],
            "is_priority": "on",
            "source": "Bouwstenen (2014)",
        },
    )
    assert response.status_code == 302
    latest = AuditEntry.objects.filter(action="beleidsacties.action.admin_updated").latest("pk")
    assert latest.changes == {"title": "Titel via het beheer → Betere titel"}
    assert (
        "Titel: Titel via het beheer → Betere titel"
        in coordinator_client.get("/beleidsacties/20/").content.decode()
    )
