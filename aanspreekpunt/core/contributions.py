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

The knowledge site (``aanspreekpunt.pages``, ``search``, ``bookmarks``) ties the apps together
through five more registries. The ``run`` of each returns one of the small value types at the
end of this module; ``name`` is the kind's key (used in addresses, such as ``?soort=aanbod``)
and ``title`` its Dutch label (plural for search and sitemap, a heading for blocks).

``search_sources``
    ``source() -> SearchSource``: the public objects of one kind for the site search (``/zoeken/``):
    a queryset of what any visitor may see, the fields that hold the title, the body text
    (searched and cut into highlighted snippets) and the date, how to build an object's URL,
    and optionally the many-to-many field of its topics (``?onderwerp=``). The search ranks with
    Dutch stemming on PostgreSQL and falls back to ``icontains`` on SQLite; it never writes.
    Registering one from an app's ``ready()``::

        contributions.search_sources.register(
            app="vorming", name="sessies", order=30, title=_("Sessions"),
            run=lambda: contributions.SearchSource(
                queryset=selectors.sessions_public(), title="title",
                body=("description",), date="starts_at",
                url=lambda obj: obj.get_absolute_url()),
            versions=("vorming",),
        )
``topic_sections``
    ``section(*, topics, themes, limit) -> Section | None``: what a topic page (a ``ThemePage`` of
    the knowledge site) shows of the app for its ``topics.Topic`` (``topics``, a list of one) and
    the map's themes an editor linked to it (``themes``, a list of theme pks): at most ``limit``
    items, or None (then nothing is shown). An article shows the same sections, for its own
    topics and themes, as its "Gerelateerde activiteiten". For example::

        def sessions_section(*, topics, themes, limit):
            found = [s for t in topics for s in selectors.sessions_upcoming(limit=limit, topic=t)]
            if not found:
                return None
            items = [Item(title=s.title, url=s.get_absolute_url()) for s in found[:limit]]
            return contributions.Section(title=_("Upcoming sessions"), items=items)

        contributions.topic_sections.register(app="vorming", name="sessies", order=30,
            run=sessions_section, versions=("vorming",), clock=pagecache.DAY)
``home_blocks``
    ``block(*, limit) -> Section | None``: a block of the home page (the latest news, upcoming
    sessions, the progress of the policy actions ...): None, or a section without items and
    without ``template``, leaves the block out.
``bookmark_kinds``
    ``kind() -> BookmarkKind``: how "Mijn kennisplein" loads bookmarked objects of one kind:
    ``load(ids, user) -> dict[str, Item]`` answers only the ids (strings) the member may still
    see (published, public); a bookmark of anything else is not shown and cannot be added.
``sitemap_sections``
    ``items() -> Iterable[tuple[str, datetime | None]]``: (path, last modified) of every public
    object of the app, for ``/sitemap.xml`` (the public site URL is put in front).

A registration in these five names the page-cache ``versions`` of the data it shows, and its
``clock`` when it shows the time (``core.pagecache``): the knowledge site's cached pages (home,
topic pages, articles) are keyed by them, so a change to a session renders them afresh.

A test (tests/accounts/test_privacy.py) creates every kind of personal data the registered
exporters name, and fails for an exporter it has no example data for: a new app that
holds personal data adds its example there and is checked like the others.
"""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Contribution:
    app: str  # the contributing app's label
    name: str  # unique within one registry
    order: int
    run: Callable
    title: str = ""
    # The page-cache versions of the data it shows, and the clock (core.pagecache), for the
    # registries whose output goes into cached pages (topic_sections, home_blocks ...).
    versions: tuple[str, ...] = ()
    clock: str | None = None


class Registry:
    """The contributions of one kind, in ``order`` (then app and name)."""

    def __init__(self, kind: str):
        self.kind = kind
        self._by_name: dict[str, Contribution] = {}

    def register(
        self,
        *,
        app: str,
        name: str,
        order: int,
        run: Callable,
        title: str = "",
        versions: tuple[str, ...] = (),
        clock: str | None = None,
    ) -> None:
        """Add ``run`` under ``name``; registering the same function again changes nothing."""
        contribution = Contribution(
            app=app, name=name, order=order, run=run, title=title, versions=versions, clock=clock
        )
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
search_sources = Registry("search source")
topic_sections = Registry("topic section")
home_blocks = Registry("home block")
bookmark_kinds = Registry("bookmark kind")
sitemap_sections = Registry("sitemap section")

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


# --- The knowledge site's value types -----------------------------------------------------


@dataclass(frozen=True)
class SearchSource:
    """One kind of public object for the site search (registry ``search_sources``)."""

    queryset: Any  # QuerySet of what any visitor may see
    title: str  # field name of the title
    url: Callable[[Any], str]  # object -> its public path
    body: Sequence[str] = ()  # field names of the text that is searched and quoted
    date: str | None = None  # field name of the date shown (and the newest-first order)
    topics: str | None = None  # many-to-many field to topics.Topic, for ?onderwerp=
    # PostgreSQL: a stored tsvector ('dutch') of title and body, used instead of computing one
    vector: str | None = None
    # The body's markup (Markdown, say) to the plain text a snippet quotes; None: it is plain
    plain: Callable[[str], str] | None = None


def _plain_strings(obj, *names) -> None:
    """Translations made lazily (``gettext_lazy``) become plain strings: sections and items
    are kept in the cache, and unpickling a lazy string builds a class anew, about a
    millisecond each time."""
    for name in names:
        value = getattr(obj, name)
        if value is not None and not isinstance(value, str):
            object.__setattr__(obj, name, str(value))


@dataclass(frozen=True)
class Item:
    """One line of a section or of "Mijn kennisplein"."""

    title: str
    url: str
    meta: str = ""  # a date, an organisation ... shown beside the title
    summary: str = ""

    def __post_init__(self):
        _plain_strings(self, "title", "meta", "summary")


@dataclass(frozen=True)
class Section:
    """A block of the home page or of a topic page (``home_blocks``, ``topic_sections``)."""

    title: str
    items: Sequence[Item] = ()
    more_url: str = ""
    more_label: str = ""
    template: str = ""  # a template of its own instead of the list of items
    context: dict = field(default_factory=dict)  # for ``template``

    def __post_init__(self):
        _plain_strings(self, "title", "more_label")


@dataclass(frozen=True)
class BookmarkKind:
    """How "Mijn kennisplein" finds the objects of one kind (registry ``bookmark_kinds``)."""

    label: str  # the heading of the group, plural
    load: Callable[[Sequence[str], Any], dict]  # (ids, user) -> {id: Item} still visible
