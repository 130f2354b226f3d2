"""How often questions may be sent: per address and per client address (IP).

The counters are allauth's (the same cache, the same client address behind the trusted
proxies as the login limits); when the cache is down they let everyone through."""

from allauth.core.internal import ratelimit

RATES = {
    # per client address, and per e-mail address of the asker
    "desk_question": "10/h/ip,3/h/key",
    # more information through a signed link: per client address
    "desk_reply": "20/h/ip",
}


def allowed(request, action: str, *, key: str | None = None) -> bool:
    return bool(
        ratelimit.consume(
            request, app="desk", action=action, config=RATES, key=(key or "").lower() or None
        )
    )
