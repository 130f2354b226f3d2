"""Checks behind /health/: database, cache and broker, each with a short timeout."""

from django.core.cache import cache
from django.db import connection

from aanspreekpunt.celery import app as celery_app

OK = "ok"
DOWN = "down"


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        return {"status": DOWN, "error": type(error).__name__}
    return {"status": OK}


def check_cache() -> dict:
    try:
        client = getattr(cache, "client", None)
        if client is not None:  # Redis: ask the server itself, not the forgiving cache API
            client.get_client(write=True).ping()
        else:
            cache.set("health-check", "1", 5)
            if cache.get("health-check") != "1":
                return {"status": DOWN, "error": "read-back failed"}
    except Exception as error:
        return {"status": DOWN, "error": type(error).__name__}
    return {"status": OK}


def check_broker() -> dict:
    if celery_app.conf.task_always_eager:
        return {"status": OK, "mode": "eager"}
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as error:
        return {"status": DOWN, "error": type(error).__name__}
    return {"status": OK}


def health_report() -> tuple[bool, dict]:
    """Run every check; the platform is healthy when all of them are."""
    checks = {"database": check_database(), "cache": check_cache(), "broker": check_broker()}
    healthy = all(check["status"] == OK for check in checks.values())
    return healthy, {"status": OK if healthy else DOWN, "checks": checks}
