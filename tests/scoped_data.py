"""Rows built once for a whole test module (or session) instead of once per test."""

from collections.abc import Callable, Iterator
from typing import TypeVar

from django.db import transaction

T = TypeVar("T")


def rows_for_scope(django_db_blocker, build: Callable[[], T]) -> Iterator[T]:
    """Run ``build()`` once, keep its rows for the scope's tests, then roll them back.

    For a module- or session-scoped generator fixture::

        @pytest.fixture(scope="module")
        def demo(django_db_setup, django_db_blocker):
            yield from rows_for_scope(django_db_blocker, seed)

    The rows are written in a transaction that stays open until the fixture ends; each
    test (marked ``django_db``) runs in a savepoint inside it, so what a test changes is
    still undone after it, on SQLite and PostgreSQL alike. Under ``pytest -n`` each worker
    that runs some of the module's tests builds the rows in its own database. Only for
    tests that use ``db``: a transactional test (``transaction=True``, ``live_server``)
    cannot run inside the open transaction.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = build()
        except BaseException as error:
            atomic.__exit__(type(error), error, error.__traceback__)
            raise
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
