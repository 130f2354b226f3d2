"""What each app contributes to the platform-wide commands.

Core knows no domain app. Each app registers, from its ``AppConfig.ready()``, the functions
that load its reference data and seed its demo content. ``load_reference_data`` and
``seed_demo`` run what is registered, in ``order``; an app added later plugs in without a
change to core.

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
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

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
