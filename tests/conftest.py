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


@pytest.fixture
def member(db):
    return UserFactory()


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def own_redis():
    """A redis-server of the test's own (never the shared one), stopped after the test."""
    from .redis_servers import RedisServer

    server = RedisServer()
    yield server
    server.stop()
