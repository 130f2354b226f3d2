"""The service map as read-only JSON, with the names of Open Referral HSDS 3.0.

Only what visitors may see is served: the organisations, and the offerings (HSDS
services) that are on the public map. Fields of our own, without an HSDS equivalent,
start with ``x_``. Identifiers are strings, as in HSDS.

Schemas, query parameters and endpoints each have a module; ``router`` is mounted by
aanspreekpunt/api.py.
"""

from .endpoints import router  # noqa: F401
