"""What the platform reads of a request, the same way everywhere."""


def client_address(request) -> str:
    """The visitor's address as allauth reads it (behind the trusted proxies), for limits and
    counters; never stored."""
    from allauth.core.internal.httpkit import get_client_ip

    return get_client_ip(request) or "unknown"
