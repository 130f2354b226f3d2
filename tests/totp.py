"""The code an authenticator app shows, for tests that sign in with two-factor authentication."""

import base64
import hashlib
import hmac
import struct
import time

# A fixed secret for test users made with UserFactory(two_factor=True).
TEST_TOTP_SECRET = base64.b32encode(b"aanspreekpunt-test-key").decode()


# The platform accepts the code of the current 30 seconds only: a code asked for in the last
# seconds of its period would be stale by the time the browser submits it.
MARGIN_SECONDS = 4


def totp_code(secret: str, *, at: float | None = None, period: int = 30, digits: int = 6) -> str:
    """The code of a TOTP authenticator app (RFC 6238, HMAC-SHA1) at ``at``, or now; now, it
    waits for the next period when this one has less than ``MARGIN_SECONDS`` left."""
    if at is None:
        at = time.time()
        left = period - at % period
        if left < MARGIN_SECONDS:
            time.sleep(left + 0.05)
            at = time.time()
    counter = int(at // period)
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**digits:0{digits}d}"
