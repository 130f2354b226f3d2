"""Point the Celery app at another broker for a test, and run a real worker on it."""

import os
import time
from contextlib import contextmanager

import pytest
from celery.contrib.testing.worker import start_worker

from aanspreekpunt.celery import app as celery_app

CLOSED_PORT_BROKER = "redis://127.0.0.1:9/0"


def real_redis_url() -> str:
    """The Redis of the test run; CI always sets it, locally the test is skipped without it."""
    url = os.environ.get("REDIS_URL", "")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("REDIS_URL must be set in CI: these tests need the real Redis")
        pytest.skip("REDIS_URL is not set: no real Redis to test against")
    return url


@contextmanager
def broker_at(url: str):
    """Publish tasks to ``url`` (not eagerly) until the block ends.

    Under ``pytest -n`` the broker's keys (queues, bindings) carry the worker's name, so
    the real Celery worker of one pytest worker never takes the tasks of another, whose
    test database it cannot see.
    """
    conf = celery_app.conf
    previous = (conf.broker_url, conf.task_always_eager, conf.broker_transport_options)
    conf.broker_url, conf.task_always_eager = url, False
    if worker := os.environ.get("PYTEST_XDIST_WORKER"):
        conf.broker_transport_options = {**previous[2], "global_keyprefix": f"{worker}:"}
    _reset_pools()
    try:
        yield
    finally:
        conf.broker_url, conf.task_always_eager, conf.broker_transport_options = previous
        _reset_pools()


def _reset_pools() -> None:
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextmanager
def running_worker():
    """A real Celery worker consuming from the configured broker, in a thread.

    Tasks that an earlier, interrupted run left in the queue are dropped first, so the
    worker only runs what this test sends.
    """
    celery_app.control.purge()
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield


def wait_for(predicate, *, seconds: float = 15.0) -> bool:
    """Poll ``predicate`` until it holds or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()
