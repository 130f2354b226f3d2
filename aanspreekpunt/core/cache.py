"""The Redis cache: an outage costs one short timeout per cool-down, never a refused request.

django-redis with ``IGNORE_EXCEPTIONS`` turns a failed call into a miss, but it still waits
out the socket timeout on every call while Redis is frozen, and a failed ``cache.add``
answers False. allauth keeps its rate-limit counters with ``cache.add`` (a lock) and
``cache.get``/``cache.set``, and reads a lock it cannot take as "held": everyone got 429 on
login, sign-up and password reset. ``ResilientRedisClient`` answers the way Django's own
``DummyCache`` (a cache that holds nothing) answers instead: rate limits then let everyone
through, which the warning in the log says, and the map computes what it would have read.
"""

from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django_redis.client import DefaultClient
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .outages import outage_for

# What an unreachable, frozen or dropped Redis raises; a ResponseError is not an outage.
NETWORK_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
CONSEQUENCE = (
    "the cache answers as an empty cache: pages compute what they would have read, and the "
    "rate limits of logins, sign-ups and password resets are not enforced"
)


def redis_cache(url: str, *, outage_cooldown: float = 5) -> dict:
    """The ``CACHES`` entry for Redis at ``url``.

    A healthy Redis nearby answers in a millisecond, so half a second means it is gone.
    """
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {
            "CLIENT_CLASS": "aanspreekpunt.core.cache.ResilientRedisClient",
            # Errors the client does not handle itself (say a ResponseError) become misses.
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
            "OUTAGE_COOLDOWN": outage_cooldown,
        },
        "KEY_PREFIX": "aanspreekpunt",
    }


class ResilientRedisClient(DefaultClient):
    """django-redis's client, which leaves Redis alone for a cool-down after it failed.

    After a connection error or a timeout, every call of Django's cache API answers at once,
    without touching the network, for ``OUTAGE_COOLDOWN`` seconds (process-wide): ``get``
    misses, nothing is stored, ``add`` succeeds, ``incr`` finds no key; the first call after
    the cool-down tries Redis again. django-redis's own extra commands (locks, key scans,
    sets) are not guarded; the platform does not use them.
    """

    def __init__(self, server, params, backend):
        super().__init__(server, params, backend)
        self.outage = outage_for(
            "cache:" + ",".join(self._server),
            name="Redis cache at " + ", ".join(_without_credentials(url) for url in self._server),
            cooldown=self._options.get("OUTAGE_COOLDOWN", 5),
            consequence=CONSEQUENCE,
        )

    def get(self, key, default=None, version=None, client=None):
        return self._guarded(
            lambda: default, super().get, key, default=default, version=version, client=client
        )

    def set(
        self, key, value, timeout=DEFAULT_TIMEOUT, version=None, client=None, nx=False, xx=False
    ):
        # ``add`` is ``set(nx=True)``: on an empty cache it succeeds, a plain set stores nothing.
        return self._guarded(
            lambda: nx,
            super().set,
            key,
            value,
            timeout=timeout,
            version=version,
            client=client,
            nx=nx,
            xx=xx,
        )

    def get_many(self, *args, **kwargs):
        return self._guarded(dict, super().get_many, *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._guarded(lambda: None, super().set_many, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._guarded(lambda: 0, super().delete, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._guarded(lambda: 0, super().delete_many, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._guarded(lambda: False, super().has_key, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._guarded(lambda: False, super().touch, *args, **kwargs)

    def ttl(self, *args, **kwargs):
        return self._guarded(lambda: 0, super().ttl, *args, **kwargs)

    def incr(self, key, *args, **kwargs):
        return self._guarded(_missing(key), super().incr, key, *args, **kwargs)

    def decr(self, key, *args, **kwargs):
        return self._guarded(_missing(key), super().decr, key, *args, **kwargs)

    def incr_version(self, key, *args, **kwargs):
        return self._guarded(_missing(key), super().incr_version, key, *args, **kwargs)

    def clear(self, *args, **kwargs):
        return self._guarded(lambda: None, super().clear, *args, **kwargs)

    def _guarded(self, degraded, method, *args, **kwargs):
        """``method(*args, **kwargs)``, or ``degraded()`` while and when Redis is unreachable."""
        if self.outage.active():
            return degraded()
        try:
            return method(*args, **kwargs)
        except (ConnectionInterrupted, *NETWORK_ERRORS) as raised:
            error = raised.__cause__ if isinstance(raised, ConnectionInterrupted) else raised
            if not isinstance(error, NETWORK_ERRORS):
                raise
        self.outage.begin(error)
        return degraded()


def _missing(key):
    def raise_missing():
        raise ValueError(f"Key '{key}' not found")  # as Django's caches say it

    return raise_missing


def _without_credentials(url: str) -> str:
    parts = urlsplit(url)
    return parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()
