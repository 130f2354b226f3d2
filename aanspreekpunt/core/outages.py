"""Remember, for a short while and per process, that a service failed.

While Redis is stopped every call to it fails at once, but while it is frozen (or the
network drops its packets) every call waits for its socket timeout. A page makes many cache
calls and a flush hands many tasks to the broker, so one outage would cost seconds per
request. After a failure the caller leaves the service alone for a cool-down of a few
seconds and degrades at once; the first call after the cool-down tries again.
"""

import logging
import threading
import time

logger = logging.getLogger(__name__)

_outages: dict[str, "Outage"] = {}
_outages_lock = threading.Lock()


class Outage:
    """One service's recent failure, shared by every thread of the process."""

    def __init__(self, name: str, *, cooldown: float, consequence: str):
        self.name = name
        self.cooldown = cooldown
        self.consequence = consequence
        self._until = 0.0  # time.monotonic() until which the service is left alone
        self._lock = threading.Lock()

    def active(self) -> bool:
        """True while the service failed less than a cool-down ago: do not call it."""
        return time.monotonic() < self._until

    def begin(self, error: BaseException) -> None:
        """The service just failed: leave it alone for a cool-down. Logged once per cool-down."""
        with self._lock:
            already_down = self.active()
            self._until = time.monotonic() + self.cooldown
        if not already_down:
            logger.warning(
                "%s unavailable (%s: %s); for the next %s s %s",
                self.name,
                type(error).__name__,
                error,
                self.cooldown,
                self.consequence,
            )

    def end(self) -> None:
        """Forget the failure (tests, or a caller that knows the service is back)."""
        self._until = 0.0


def outage_for(key: str, *, name: str, cooldown: float, consequence: str) -> Outage:
    """The process-wide ``Outage`` of the service ``key`` (e.g. its address)."""
    with _outages_lock:
        if key not in _outages:
            _outages[key] = Outage(name, cooldown=cooldown, consequence=consequence)
        return _outages[key]
