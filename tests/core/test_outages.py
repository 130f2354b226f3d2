"""A Redis that is stopped or frozen never locks anyone out and never stalls a page.

Each test starts a redis-server of its own, points the cache at it and then stops it or
pauses it (SIGSTOP). "Never stalls" is shown without timing: after the first failed call,
no further call of the request reaches the Redis client.
"""

import logging
from datetime import timedelta

import pytest
import redis
import redis.client
from django.core import mail
from django.core.cache import cache

from aanspreekpunt.core.cache import redis_cache
from aanspreekpunt.core.models import OutboundEmail
from aanspreekpunt.core.services import emails_flush_pending
from tests.brokers import broker_at
from tests.factories import PASSWORD
from tests.redis_servers import needs_redis_server

pytestmark = [pytest.mark.django_db, needs_redis_server]

OUTAGES = ["stopped", "frozen"]


def cache_settings(url: str) -> dict:
    # The platform's own settings; a long cool-down, so a slow machine cannot end it mid-test.
    return {"default": redis_cache(url, outage_cooldown=60)}


@pytest.fixture
def redis_calls(monkeypatch, own_redis):
    """The commands the request sends to the test's own Redis (calls into the client)."""
    calls = []

    def counting(method, name):
        def wrapper(self, *args, **kwargs):
            if self.connection_pool.connection_kwargs.get("port") == own_redis.port:
                calls.append(name or args[0])
            return method(self, *args, **kwargs)

        return wrapper

    monkeypatch.setattr(redis.Redis, "execute_command", counting(redis.Redis.execute_command, ""))
    monkeypatch.setattr(
        redis.client.Pipeline, "execute", counting(redis.client.Pipeline.execute, "PIPELINE")
    )
    return calls


@pytest.fixture
def cache_at_own_redis(settings, own_redis):
    settings.CACHES = cache_settings(own_redis.url)
    return own_redis


def take_away(server, outage: str) -> None:
    if outage == "stopped":
        server.stop()
    else:
        server.freeze()


@pytest.mark.parametrize("outage", OUTAGES)
def test_login_succeeds_while_the_cache_is_down(client, member, cache_at_own_redis, outage):
    take_away(cache_at_own_redis, outage)
    response = client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


@pytest.mark.parametrize("outage", OUTAGES)
def test_signup_succeeds_while_the_cache_is_down(
    client, cache_at_own_redis, outage, django_capture_on_commit_callbacks
):
    take_away(cache_at_own_redis, outage)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/signup/",
            {"email": "nieuw@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["nieuw@example.org"]]


@pytest.mark.parametrize("outage", OUTAGES)
def test_password_reset_succeeds_while_the_cache_is_down(
    client, member, cache_at_own_redis, outage, django_capture_on_commit_callbacks
):
    take_away(cache_at_own_redis, outage)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[member.email]]


@pytest.mark.parametrize("outage", OUTAGES)
def test_a_page_tries_a_missing_cache_once_and_then_goes_on_without_it(
    client, cache_at_own_redis, redis_calls, outage, caplog
):
    assert client.get("/sociale-kaart/").status_code == 200
    assert len(redis_calls) > 1  # the map uses the cache several times per request
    take_away(cache_at_own_redis, outage)
    redis_calls.clear()
    with caplog.at_level(logging.WARNING, logger="aanspreekpunt.core.outages"):
        assert client.get("/sociale-kaart/").status_code == 200
        assert client.get("/sociale-kaart/").status_code == 200
    assert len(redis_calls) == 1
    [warning] = [r for r in caplog.records if r.name == "aanspreekpunt.core.outages"]
    assert "rate limits" in warning.getMessage()
    assert f":{cache_at_own_redis.port}/" in warning.getMessage()


def test_the_cache_is_used_again_once_redis_is_back(settings, own_redis):
    settings.CACHES = {"default": redis_cache(own_redis.url, outage_cooldown=0)}
    cache.set("kaart", "vol")
    own_redis.freeze()
    assert cache.get("kaart") is None
    assert cache.add("slot", 1) is True  # as on an empty cache: nobody is locked out
    with pytest.raises(ValueError, match="not found"):
        cache.incr("teller")
    own_redis.thaw()
    assert cache.get("kaart") == "vol"
    assert cache.add("kaart", "ander") is False


def test_a_failed_login_is_still_counted_while_redis_is_up(client, member, settings, own_redis):
    settings.CACHES = cache_settings(own_redis.url)
    for _ in range(5):
        client.post("/accounts/login/", {"login": member.email, "password": "fout"})
    response = client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


# --- The broker ---------------------------------------------------------------------------


@pytest.mark.parametrize("outage", OUTAGES)
def test_a_flush_tries_a_missing_broker_once_and_keeps_every_email(own_redis, redis_calls, outage):
    ids = [
        OutboundEmail.objects.create(to=["a@example.org"], subject=str(n), body="-").pk
        for n in range(3)
    ]
    with broker_at(own_redis.url):
        take_away(own_redis, outage)
        assert emails_flush_pending(older_than=timedelta(0)) == 0
    assert len(redis_calls) == 1
    assert set(OutboundEmail.objects.filter(pk__in=ids).values_list("status", flat=True)) == {
        OutboundEmail.Status.PENDING
    }
