"""The service map as read-only JSON: Open Referral's HSDS 3.0 (services, organizations,
taxonomies, taxonomy terms, service at locations), with a sync feed.

Only what visitors may see is served: the organisations, and the offerings (HSDS services)
that are on the public map. Fields of our own, without an HSDS equivalent, start with
``x_``. ``query`` checks the parameters, ``hsds`` builds the objects, ``schemas`` describes
them in the OpenAPI document, ``endpoints`` are the paths; ``router`` is mounted by
aanspreekpunt/api.py.
"""

from .endpoints import router  # noqa: F401
