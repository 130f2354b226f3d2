"""The page cache: public pages for anonymous visitors from the shared cache, never stale.

A public view says what it shows, and the middleware does the rest:

    @public_page("map", "reference", clock=MINUTE)
    def offering_list_view(request): ...

- **Data versions** are named counters in the cache (``map``, ``pages``, ``reference``, ...).
  Every write that changes what a page shows bumps the versions it touches once its
  transaction commits: models are tied to versions with ``watch_models`` (saves, deletes
  and many-to-many links), anything else calls ``data_changed``. A stored page carries the
  versions it was rendered under and is served only while they are current, so the
  request after a commit renders afresh: invalidation is exact, not a timeout.
- **The clock**: a page that shows "open now" is served only within the minute it was
  rendered in (``MINUTE``), one that shows what turns stale on a date within its day
  (``DAY``). At the turn of the minute (or day), while one request renders the new copy,
  the others get the last one (``X-Page-Cache: stale``, never kept at the edge) instead of
  waiting: for the fraction of a second the render takes, and only when no data changed.
- **Who gets a cached copy**: GET requests without a session or flash-message cookie
  (anonymous visitors; a CSRF or language cookie makes no difference). Logged-in visitors
  always get a fresh render, and nothing is stored from a response that set a cookie,
  used a CSRF token (a POST form: such forms live on pages of their own), showed a flash
  message, is not a 200, or is marked private.

Views of libraries (Wagtail's pages, the API) are declared by URL name or namespace with
``public_route``. The middleware also writes the HTTP caching headers: a public page may be
kept by shared caches for ``PAGE_CACHE_EDGE_SECONDS`` (the nginx micro-cache in front) and
is revalidated by browsers on every visit (ETag, 304); everything else is private.
"""

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import (
    cc_delim_re,
    patch_cache_control,
    set_response_etag,
)

MINUTE = "minute"
DAY = "day"
CLOCK_FORMATS = {MINUTE: "%Y%m%d%H%M", DAY: "%Y%m%d"}
# Request headers a cached page may vary on besides the cookie; each is part of the key.
KEY_HEADERS = ("HX-Request",)
ALLOWED_VARY = {"cookie", *(header.lower() for header in KEY_HEADERS)}
# Every page depends on the deployed code: `migrate`, run by every deploy, bumps it.
DEPLOY = "deploy"
# Every page carries the site's layout (the footer's links to the site pages): it changes
# when those pages are published, renamed, moved or deleted (pages.signals).
LAYOUT = "layout"
STATUS_HEADER = "X-Page-Cache"
# nginx (deploy/nginx) takes a copy's lifetime from this header before Cache-Control, and
# counts whole seconds: "@<epoch second>" keeps it until that second ends.
EDGE_EXPIRY_HEADER = "X-Accel-Expires"
# While one request renders a page (the first after a change, or of a new minute), the
# others wait this long for its copy instead of rendering it too.
RENDER_WAIT_SECONDS = 2.0
RENDER_LOCK_SECONDS = 10


# --- Data versions ------------------------------------------------------------------------


def version_key(name: str) -> str:
    return f"data-version:{name}"


def data_versions(names, *, also=()) -> list:
    """The current value of each named version, in one round trip when they exist; the
    values of the cache keys ``also`` follow them, read in the same round trip."""
    keys = [version_key(name) for name in names]
    found = cache.get_many([*keys, *also])
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            # A counter that vanished (eviction, restart) starts again at the clock, never
            # at a value it had before: no page stored under an older value comes back.
            cache.add(key, time.time_ns(), None)
        found.update(cache.get_many(missing))
    # The cache is down: a value no other request has, so nothing is shared or stale.
    return [found.get(key) or time.time_ns() for key in keys] + [found.get(key) for key in also]


def data_version(name: str) -> int:
    return data_versions([name])[0]


def cached_by_versions(name: str, versions, compute, timeout: int | None = None):
    """``compute()``, kept in the cache until one of ``versions`` changes (or ``timeout``
    seconds pass, for values whose name holds the minute)."""
    if not settings.PAGE_CACHE_ENABLED:
        return compute()
    # Stored in a one-tuple, so that a computed None is kept too.
    key = f"by-versions:{name}:" + ".".join(str(value) for value in data_versions(versions))
    stored = cache.get(key)
    if stored is not None:
        return stored[0]
    # One request computes; the others that ask meanwhile wait for its value (as for pages),
    # so a change of data or of the minute does not have every thread compute the same.
    lock = f"{key}:computing"
    held = cache.add(lock, 1, RENDER_LOCK_SECONDS)
    if not held:
        stored = wait_for(key, lambda stored: True, lock=lock)
        if stored is not None:
            return stored[0]
    try:
        value = compute()
        cache.set(key, (value,), timeout or settings.PAGE_CACHE_SECONDS)
    finally:
        if held:
            cache.delete(lock)
    return value


def bump(*names: str) -> None:
    """Move the named versions on now; prefer ``data_changed`` inside a transaction."""
    for name in names:
        key = version_key(name)
        try:
            cache.incr(key)
        except ValueError:  # not there: any fresh value is newer than every stored key
            cache.set(key, time.time_ns(), None)


def data_changed(*names: str) -> None:
    """Bump the named versions once the current transaction commits (at once outside one).

    A request that reads after the commit sees the new versions; one that read the old
    versions before can only store its page under the old key. Within one savepoint a
    version is queued once, however many rows change.
    """
    connection = transaction.get_connection()
    current = set(connection.savepoint_ids)
    # Already queued in the same savepoint: a rollback drops both or neither.
    # (Tests run callbacks without taking them off the list: hence ``done``.)
    for savepoints, func, _robust in connection.run_on_commit:
        if isinstance(func, Bump) and (func.names, savepoints, func.done) == (
            names,
            current,
            False,
        ):
            return
    transaction.on_commit(Bump(names), robust=True)


class Bump:
    """The callback ``data_changed`` queues; known by its names, so it is queued once."""

    def __init__(self, names: tuple[str, ...]):
        self.names = names
        self.done = False

    def __call__(self) -> None:
        self.done = True
        bump(*self.names)


def watch_models(name: str, *models) -> None:
    """Changes to rows of ``models``, and to their many-to-many links, bump ``name``."""

    def changed(sender, **kwargs):
        data_changed(name)

    watch_models.receivers.append(changed)  # signals hold receivers weakly
    for model in models:
        uid = f"pagecache:{name}:{model._meta.label}"
        post_save.connect(changed, sender=model, dispatch_uid=uid)
        post_delete.connect(changed, sender=model, dispatch_uid=uid)
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                changed, sender=field.remote_field.through, dispatch_uid=f"{uid}:{field.name}"
            )


watch_models.receivers = []


# --- Which pages ------------------------------------------------------------------------


@dataclass(frozen=True)
class PagePolicy:
    versions: tuple[str, ...] = ()
    clock: str | None = None


ROUTES: dict[str, PagePolicy] = {}


def public_page(*versions: str, clock: str | None = None):
    """Mark a view as a public page, cached for anonymous visitors by ``versions``."""
    policy = PagePolicy(versions=(DEPLOY, LAYOUT, *versions), clock=clock)

    def decorator(view):
        view.page_policy = policy
        return view

    return decorator


def public_route(name: str, *versions: str, clock: str | None = None) -> None:
    """Like ``public_page``, for a view of a library: by URL name, or a whole namespace."""
    ROUTES[name] = PagePolicy(versions=(DEPLOY, LAYOUT, *versions), clock=clock)


def public_route_lazy(name: str, versions: "Callable[[], tuple[tuple[str, ...], str | None]]"):
    """Like ``public_route``, with the versions and clock from ``versions()``, asked at the first
    request: for pages that show what other apps register after this one is ready."""

    def policy() -> PagePolicy:
        names, clock = versions()
        return PagePolicy(versions=(DEPLOY, LAYOUT, *dict.fromkeys(names)), clock=clock)

    ROUTES[name] = policy


@lru_cache(maxsize=4096)
def policy_for_path(path: str) -> PagePolicy | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    policy = getattr(match.func, "page_policy", None)
    if policy is None:
        policy = ROUTES.get(match.view_name) or ROUTES.get(":".join(match.namespaces))
    if callable(policy):  # computed once every app is ready (public_route_lazy)
        policy = policy()
    return policy


@receiver(setting_changed)
def _urlconf_changed(*, setting, **kwargs) -> None:
    if setting == "ROOT_URLCONF":
        policy_for_path.cache_clear()


def is_anonymous_request(request) -> bool:
    """No session, no flash messages waiting, no credentials: any visitor's copy will do."""
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and CookieStorage.cookie_name not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
    )


def page_key(request) -> str:
    """One entry per address and HX-Request header: the page last stored for it."""
    headers = "|".join(request.headers.get(header, "") for header in KEY_HEADERS)
    url = hashlib.sha1(request.build_absolute_uri().encode()).hexdigest()
    return f"page:{headers}:{url}"


def clock_stamp(clock: str | None, now=None) -> str:
    """The minute (``MINUTE``) or day (``DAY``) in Brussels that something showing the time
    is kept for, as part of a key; "" for what does not show the time."""
    return timezone.localtime(now).strftime(CLOCK_FORMATS[clock]) if clock else ""


def page_stamp(policy: PagePolicy, versions, now=None) -> str:
    """What a stored page must have been rendered under to be served: the same data
    versions and, for pages that show the time, the same minute or day."""
    return ".".join(str(value) for value in versions) + ":" + clock_stamp(policy.clock, now)


def same_data(stamp: str, other: str) -> bool:
    """Whether two stamps name the same data versions (their clocks may differ)."""
    return stamp.rpartition(":")[0] == other.rpartition(":")[0]


def page_lifetime(policy: PagePolicy, now=None) -> int:
    """Seconds to keep a page: never past the end of its minute or day."""
    longest = settings.PAGE_CACHE_SECONDS
    if policy.clock is None:
        return longest
    now = timezone.localtime(now)
    if policy.clock == MINUTE:
        end = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
    else:
        end = timezone.make_aware(
            now.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None) + timedelta(days=1)
        )
    return max(1, min(longest, int((end - now).total_seconds()) + 1))


def is_storable(request, response) -> bool:
    """Only what any anonymous visitor may see: nothing personal, nothing one-off."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # a CSRF token is on the page
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v}
    return vary <= ALLOWED_VARY


def mark_public(response) -> None:
    patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_EDGE_SECONDS)


def mark_edge_expiry(response) -> None:
    """Let nginx keep the page until the end of this second (of the last of
    ``PAGE_CACHE_EDGE_SECONDS``): with ``s-maxage=1`` alone it would keep it up to two
    seconds, since it rounds to whole seconds."""
    last_second = int(time.time()) + settings.PAGE_CACHE_EDGE_SECONDS - 1
    response[EDGE_EXPIRY_HEADER] = f"@{last_second}"


def mark_private(response) -> None:
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, max_age=0)


def wait_for(key: str, ready, lock: str | None = None):
    """What another request is computing under ``key``, once it is stored and ``ready``
    says it is the one awaited (None: not in time, or ``lock`` let go without a value, as
    when the computation failed)."""
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.01)
        if lock is None:
            stored = cache.get(key)
        else:
            found = cache.get_many([key, lock])
            stored = found.get(key)
            if stored is None and lock not in found:
                return None
        if stored is not None and ready(stored):
            return stored
    return None


def wait_for_render(key: str, stamp: str) -> tuple | None:
    """The page another request is rendering, once it is stored (None: not in time)."""
    return wait_for(key, lambda stored: stored[0] == stamp)


def freeze(response, stamp: str) -> tuple:
    headers = [(k, v) for k, v in response.items() if k not in (STATUS_HEADER, EDGE_EXPIRY_HEADER)]
    return (stamp, response.status_code, headers, response.content)


def thaw(stored) -> HttpResponse:
    _stamp, status, headers, content = stored
    return HttpResponse(content, status=status, headers=dict(headers))


class PageCacheMiddleware:
    """Serve and store public pages for anonymous visitors; set the caching headers.

    It comes after ``ConditionalGetMiddleware`` (which answers 304 from the stored ETag)
    and before everything else, so a hit costs one round trip to the cache (the data
    versions and the stored page together) and no other middleware. The versions are read
    before the page is rendered: one rendered while the data changed is stored with the
    old versions, and the next request renders afresh.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        policy = None
        if settings.PAGE_CACHE_ENABLED and request.method == "GET":
            policy = policy_for_path(request.path_info)
        # Wagtail renders an editor's preview through the middleware on a request without
        # cookies that it marks ``is_dummy``: a draft is never served from, nor stored in,
        # the cache.
        if (
            policy is None
            or getattr(request, "is_dummy", False)
            or not is_anonymous_request(request)
        ):
            response = self.get_response(request)
            mark_private(response)
            return response
        now = timezone.now()
        key = page_key(request)
        *versions, stored = data_versions(policy.versions, also=[key])
        stamp = page_stamp(policy, versions, now)
        lock = f"{key}:rendering:{stamp}"
        if (stored is None or stored[0] != stamp) and not cache.add(lock, 1, RENDER_LOCK_SECONDS):
            if stored is not None and stored[1] is not None and same_data(stored[0], stamp):
                # Only the minute (or day) moved on, and another request renders the new
                # copy: the last one meanwhile, a fraction of a second, and never at the edge.
                response = thaw(stored)
                response[STATUS_HEADER] = "stale"
                response[EDGE_EXPIRY_HEADER] = "0"
                return response
            stored = wait_for_render(key, stamp) or stored
        if stored is not None and stored[0] == stamp:
            if stored[1] is None:  # this page, rendered for this stamp, was not storable
                return self.render(request)
            response = thaw(stored)
            response[STATUS_HEADER] = "hit"
            mark_edge_expiry(response)
            return response
        try:
            return self.render(request, policy, key, stamp, now)
        finally:
            cache.delete(lock)

    def render(self, request, policy=None, key=None, stamp=None, now=None):
        """Render the page and store it under ``key``, or, when it may not be stored, that it
        was not: requests waiting for it, and the next ones, render it themselves."""
        response = self.get_response(request)
        if key is None or not is_storable(request, response):
            if key is not None:
                cache.set(key, (stamp, None), page_lifetime(policy, now))
            mark_private(response)
            return response
        mark_public(response)
        set_response_etag(response)
        cache.set(key, freeze(response, stamp), page_lifetime(policy, now))
        response[STATUS_HEADER] = "miss"
        mark_edge_expiry(response)
        return response
