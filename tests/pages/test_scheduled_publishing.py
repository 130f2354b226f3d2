from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from wagtail.models import Revision, Site

from aanspreekpunt.celery import app as celery_app
from aanspreekpunt.pages.models import StandardPage
from aanspreekpunt.pages.tasks import publish_scheduled_pages

pytestmark = pytest.mark.django_db


def scheduled_page(*, go_live_at, expire_at=None) -> StandardPage:
    """A draft page an editor scheduled to go live at ``go_live_at``."""
    home = Site.objects.get(is_default_site=True).root_page
    page = home.add_child(
        instance=StandardPage(title="Gepland bericht", slug="gepland-bericht", live=False)
    )
    page.go_live_at = go_live_at
    page.expire_at = expire_at
    page.save_revision().publish()  # with go_live_at ahead: approved, not yet live
    page.refresh_from_db()
    assert not page.live
    return page


def test_a_page_whose_scheduled_time_has_passed_goes_live_when_the_task_runs(client):
    page = scheduled_page(go_live_at=timezone.now() + timedelta(hours=1))
    # An hour later, as the database then looks: the scheduled moment lies in the past.
    past = timezone.now() - timedelta(minutes=1)
    revision = Revision.objects.get(object_id=str(page.pk), approved_go_live_at__isnull=False)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    assert client.get("/gepland-bericht/").status_code == 404

    publish_scheduled_pages.delay()

    page.refresh_from_db()
    assert page.live
    assert client.get("/gepland-bericht/").status_code == 200


def test_a_page_scheduled_for_later_stays_a_draft_when_the_task_runs():
    page = scheduled_page(go_live_at=timezone.now() + timedelta(hours=1))

    publish_scheduled_pages.delay()

    page.refresh_from_db()
    assert not page.live


def test_celery_beat_runs_scheduled_publishing_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["publish-scheduled-pages"]
    assert entry["schedule"] == 60.0
    assert entry["task"] == publish_scheduled_pages.name
    assert entry["task"] in celery_app.tasks
