"""Simultaneous requests in tests: threads that start at the same moment on PostgreSQL."""

import threading
from collections.abc import Callable

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection

from aanspreekpunt.accounts import roles

needs_postgresql = pytest.mark.skipif(
    not settings.DATABASE_IS_POSTGRES,
    reason="SQLite lets one writer in at a time, so writes cannot race on it; "
    "CI runs these tests on PostgreSQL",
)


def run_at_once(func: Callable[[int], object], count: int) -> list:
    """Call ``func(0)`` ... ``func(count - 1)`` in ``count`` threads released together by a
    barrier; returns what each call returned, or the exception it raised."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def work(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = func(index)
        except BaseException as error:  # the test asserts on every outcome, errors included
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread did not finish"
    return results


def role_groups() -> None:
    """The role groups, which a transactional test's flush removes after every test."""
    for name in roles.ALL_GROUPS:
        Group.objects.get_or_create(name=name)
