import os

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import override_settings
from django_redis.util import CacheKey

from aanspreekpunt.celery import app as celery_app

from .factories import UserFactory

# With `pytest -n` (pytest-xdist) each worker process is named gw0, gw1 ...; pytest-django
# already gives each its own test database (test_<name>_gw0 ...). Empty in a serial run.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")

# Django's default hasher (PBKDF2, a million iterations) takes a third of a second per
# password, and the suite sets hundreds. Logins still check the password through a hasher.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _caches_of_this_worker() -> dict:
    """The configured caches, with the worker's name in their key prefix."""
    if not WORKER:
        return django_settings.CACHES
    return {
        alias: {**config, "KEY_PREFIX": "-".join(filter(None, [config.get("KEY_PREFIX"), WORKER]))}
        for alias, config in django_settings.CACHES.items()
    }


@pytest.fixture(scope="session", autouse=True)
def _test_settings():
    """Settings of the test run, in force before any fixture (of any scope) writes data.

    Fast password hashing, and cache keys that parallel workers sharing one Redis database
    do not see of each other (rate-limit counters, cached pages and counts).
    """
    with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS, CACHES=_caches_of_this_worker()):
        yield


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


def _clear_cache() -> None:
    if hasattr(cache, "delete_pattern"):
        # Redis: this worker's keys of every version (Wagtail uses version 2). `clear()`
        # would empty the whole database, with the other workers' keys and queues in it.
        cache.delete_pattern(CacheKey(f"{cache.key_prefix}:*"))
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached pages do not leak from one test into the next."""
    _clear_cache()
    yield
    _clear_cache()


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Tests change data behind the platform's back (``update()``, no commit): they see
    fresh renders. The page cache's own tests switch it on (``page_cache`` fixture)."""
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def page_cache(settings, frozen_clock):
    """The page cache on, on a clock that stands still: a page kept "to the minute" must not
    miss between two requests of one test because a minute ended in between. A test that
    moves the clock patches ``timezone.now`` again after this."""
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def frozen_clock(monkeypatch):
    """The clock stands still from the test's start: pages kept "to the minute" stay in the
    cache between a test's requests however long they take on a busy machine."""
    from django.utils import timezone

    start = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: start)
    return start


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


@pytest.fixture
def role_groups_restored(transactional_db):
    """Transactional tests run on a flushed database: the role groups the migrations made
    come back (tests/threads.py)."""
    from .threads import role_groups

    role_groups()
