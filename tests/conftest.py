import pytest
from django.core.cache import cache

from aanspreekpunt.celery import app as celery_app

from .factories import UserFactory


@pytest.fixture(autouse=True)
def _celery_eager(request):
    """Tasks run in the test's own thread, unless the test is about the real broker."""
    if request.node.get_closest_marker("redis"):
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached pages do not leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Tests change data behind the platform's back (``update()``, no commit): they see
    fresh renders. The page cache's own tests switch it on (``page_cache`` fixture)."""
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def member(db):
    return UserFactory()


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client
