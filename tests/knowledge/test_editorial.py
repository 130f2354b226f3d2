"""Editors' ways of publishing, end to end on the knowledge site: the moderation workflow
(submit, approve, publish), scheduled publishing, and a publication's document that visitors
may download only while the published page uses it."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.functional import empty
from wagtail.documents import get_document_model
from wagtail.models import Revision, Workflow

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.documents import private_storage
from aanspreekpunt.pages import models as m
from aanspreekpunt.pages.tasks import publish_scheduled_pages
from tests.factories import UserFactory

from .conftest import publish

pytestmark = pytest.mark.django_db


def test_an_article_goes_through_submit_and_approve_to_published(client, theme_page, topic):
    editor = UserFactory(groups=[roles.EDITORS])
    approver = UserFactory(groups=[roles.EDITORS])  # another editor, no superuser
    article = m.ArticlePage(title="Ter goedkeuring", slug="ter-goedkeuring", live=False)
    theme_page.add_child(instance=article)
    article.save_revision(user=editor)
    workflow = article.get_workflow() or Workflow.objects.filter(active=True).first()
    assert workflow is not None, "the moderation workflow is there"

    state = workflow.start(article, editor)  # submit
    article.refresh_from_db()
    assert not article.live
    assert client.get("/chathulp/ter-goedkeuring/").status_code == 404

    task_state = state.current_task_state
    task = task_state.task.specific
    assert "approve" in [name for name, *_ in task.get_actions(article, approver)]
    task.on_action(task_state, user=approver, action_name="approve")
    article.refresh_from_db()
    assert article.live
    assert "Ter goedkeuring" in client.get(theme_page.url).content.decode()


def test_a_news_item_scheduled_by_an_editor_appears_in_the_list_when_its_time_comes(
    client, news_index
):
    page = m.NewsPage(title="Gepland nieuws", slug="gepland-nieuws", live=False)
    news_index.add_child(instance=page)
    page.go_live_at = timezone.now() + timedelta(hours=1)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    assert "Gepland nieuws" not in client.get("/nieuws/").content.decode()

    past = timezone.now() - timedelta(minutes=1)
    revision = Revision.objects.get(object_id=str(page.pk), approved_go_live_at__isnull=False)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    publish_scheduled_pages.delay()

    assert "Gepland nieuws" in client.get("/nieuws/").content.decode()
    assert "Gepland nieuws" in client.get("/").content.decode()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    private_storage._wrapped = empty
    yield
    private_storage._wrapped = empty


def test_a_publications_document_is_downloadable_while_the_page_is_published(
    client, home, media, django_capture_on_commit_callbacks
):
    document = get_document_model()(title="Bouwstenen")
    document.file.save("bouwstenen.pdf", ContentFile(b"%PDF-1.4 rapport"), save=False)
    document.save()
    url = f"/documenten/{document.pk}/{document.filename}"
    assert client.get(url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(
            home,
            m.PublicationPage(
                title="Bouwstenen",
                slug="bouwstenen",
                document=document,
                citation="Bocklandt (2014)",
            ),
        )
    html = client.get(page.url).content.decode()
    assert url in html
    assert "Zo verwijst u ernaar" in html
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert client.get(url).status_code == 404
