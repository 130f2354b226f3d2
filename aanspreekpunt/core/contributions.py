"""What each app contributes to the platform-wide commands and privacy services.

Core knows no domain app. Each app registers, from its ``AppConfig.ready()``, the functions
that load its reference data, seed its demo content, and export and erase a member's
personal data. ``load_reference_data``, ``seed_demo`` and the account services
(``accounts.services.account_export`` and ``account_delete``) run what is registered, in
``order``; an app added later plugs in without a change to core.

The signatures, per registry:

``reference_data``
    ``load(*, warn) -> str``: load the app's reference data, safe to repeat; returns a
    short summary for the command's output ("304 gemeenten", or "") and calls
    ``warn(text)`` for what a person should act on.
``demo_seeders``
    ``seed() -> list[str]``: add the app's demo content if it is missing (idempotent),
    creating whatever else it needs itself, so each app can be seeded on its own; returns
    lines to show under the registration's ``title``. A seeder that cannot run raises
    ``ValueError`` with the reason.
``personal_records``
    ``records(user) -> Iterable[QuerySet]``: the app's rows that are *about* the member
    (their user row, profile, requests ...). The audit entries about those rows belong to
    the member's export, and lose every personal detail when the account is deleted.
``personal_data_exporters``
    ``export(subject) -> JSON-serialisable``: the member's data the app holds; the export
    has one section per registration ``name``.
``personal_data_erasers``
    ``erase(subject) -> dict[str, int]``: remove or anonymise the member's data the app
    holds, inside the deletion's transaction; returns what it did, in counts, for the
    deletion's audit entry. Erasers run in ``order``; the account itself goes last.
``policy_indicators``
    ``measure() -> list[dict] | None``: figures the app measures for a policy action that
    the platform itself carries out (the tracker, beleidsacties, shows them beside the
    action's updates and keeps their monthly values). ``name`` is
    ``"<plan slug>/<action number>/<key>"``, ``title`` the indicator's label. Each figure
    is ``{"label": str, "value": number, "target": number | None, "unit": "" | "%"}``;
    ``None`` (or ``[]``) while the app has no data: the tracker then shows nothing, not 0.
    The app reads its own data only; it never imports the tracker.

A test (tests/accounts/test_privacy.py) creates every kind of personal data the registered
exporters name, and fails for an exporter it has no example data for: a new app that
holds personal data adds its example there and is checked like the others.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Contribution:
    app: str  # the contributing app's label
    name: str  # unique within one registry
    order: int
    run: Callable
    title: str = ""


class Registry:
    """The contributions of one kind, in ``order`` (then app and name)."""

    def __init__(self, kind: str):
        self.kind = kind
        self._by_name: dict[str, Contribution] = {}

    def register(self, *, app: str, name: str, order: int, run: Callable, title: str = "") -> None:
        """Add ``run`` under ``name``; registering the same function again changes nothing."""
        contribution = Contribution(app=app, name=name, order=order, run=run, title=title)
        existing = self._by_name.get(name)
        if existing is not None and existing != contribution:
            raise ImproperlyConfigured(
                f"Two {self.kind}s are registered as {name!r}: by {existing.app} and by {app}."
            )
        self._by_name[name] = contribution

    def __iter__(self) -> Iterator[Contribution]:
        return iter(sorted(self._by_name.values(), key=lambda c: (c.order, c.app, c.name)))

    def __len__(self) -> int:
        return len(self._by_name)

    def for_app(self, app: str) -> list[Contribution]:
        return [contribution for contribution in self if contribution.app == app]

    def apps(self) -> list[str]:
        return list(dict.fromkeys(contribution.app for contribution in self))


reference_data = Registry("reference data loader")
demo_seeders = Registry("demo seeder")
personal_records = Registry("personal records provider")
personal_data_exporters = Registry("personal data exporter")
personal_data_erasers = Registry("personal data eraser")
policy_indicators = Registry("policy indicator")

# What is left where a member who deleted their account was, followed by "#" and a random
# token that is the same for all of their entries.
DELETED_MEMBER = "verwijderd lid"


@dataclass(frozen=True)
class DataSubject:
    """The member whose data is exported or erased, and what identifies them.

    Everything here is read before the first eraser runs, so the later erasers still know
    the addresses and rows that the earlier ones have removed or anonymised.
    """

    user: object
    emails: tuple[str, ...]  # every address of the account, in lower case
    names: tuple[str, ...]  # the full name, when the account has one
    pseudonym: str = ""  # "verwijderd lid #1a2b3c4d"; empty for an export
    records: tuple[tuple[str, str], ...] = field(default=())  # (model label, pk) about them

    @property
    def identifiers(self) -> tuple[str, ...]:
        """The texts that identify the member in free text: their addresses and full name."""
        return self.emails + self.names
