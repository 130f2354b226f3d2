"""Site search: one query across everything the apps register (contributions.search_sources).

On PostgreSQL every source is searched with Dutch stemming (``websearch_to_tsquery`` in the
"dutch" configuration, so "hulpverleners" finds "hulpverlening"; quotes and operators in the
input are read as words, never as syntax) plus a plain match on the title, ranked, with
snippets from ``ts_headline``. On SQLite each word must occur in the title or the body
(``icontains``). Both only read: a search writes nothing.

The results of all sources form one list, best first, paged without loading more than the
requested page's rows from each source: two queries per source, whatever the number of rows.
"""

import re
from dataclasses import dataclass
from functools import cached_property

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F, FloatField, Q, TextField, Value
from django.db.models.functions import Cast, Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from aanspreekpunt.core import contributions

QUERY_MAX_LENGTH = 200
MAX_WORDS = 8
PAGE_SIZE = 20
MAX_PAGES = 50  # deeper pages would load PAGE_SIZE * page rows of every source
SNIPPET_CHARS = 220
# ts_headline marks the words found with these; the rest is escaped, then they become <mark>.
MARK_START, MARK_STOP = "\x02", "\x03"
MARKED = re.compile(f"{MARK_START}(.*?){MARK_STOP}")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_query(query: str) -> str:
    """The query as searched: control characters out, spaces folded, at most 200 characters."""
    return " ".join(CONTROL.sub(" ", query or "").split())[:QUERY_MAX_LENGTH].strip()


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


@dataclass
class Hit:
    kind: str
    kind_label: str
    title: str
    url: str
    snippet: SafeString
    date: object
    rank: float
    pk: object
    text: str = ""  # the plain body, when the source's body has markup (SearchSource.plain)


@dataclass
class Kind:
    name: str
    label: str
    count: int


def highlight(text: str, words: list[str]) -> SafeString:
    """A window of ``text`` around the first of ``words`` it holds, escaped, with the words
    marked."""
    text = " ".join((text or "").split())
    lowered = text.lower()
    positions = [lowered.find(word.lower()) for word in words if word and word.lower() in lowered]
    start = max(0, min(positions) - 60) if positions else 0
    window = text[start : start + SNIPPET_CHARS]
    if start:
        window = "… " + window
    if start + SNIPPET_CHARS < len(text):
        window += " …"
    html = escape(window)
    for word in sorted({w for w in words if w}, key=len, reverse=True):
        html = re.sub(
            re.escape(escape(word)), lambda m: f"<mark>{m.group(0)}</mark>", html, flags=re.I
        )
    return mark_safe(html)  # escaped above, only <mark> added


def headline_html(text: str) -> SafeString:
    html = escape(" ".join((text or "").split()))
    html = html.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    return mark_safe(html)  # escaped above, only <mark> added


def field_value(obj, path: str):
    """``obj``'s value at a field path such as ``organisation__name``."""
    for name in path.split("__"):
        obj = getattr(obj, name, None)
        if obj is None:
            return ""
    return obj


def stem_prefix_query(words: list[str]):
    """PostgreSQL: a query for the Dutch stem of each word as a prefix, shortened by two letters
    when it is long, so related forms meet: "hulpverleners" (stem "hulpverlener") finds
    "hulpverlening" (stem "hulpverlen"). None when no word has a stem (stop words only)."""
    words = [word for word in words if WORD.fullmatch(word)][:MAX_WORDS]
    if not words:
        return None
    with connection.cursor() as cursor:  # a read: the dictionary's stems
        cursor.execute(
            "SELECT (ts_lexize('dutch_stem', w))[1] FROM unnest(%s::text[]) AS w", [words]
        )
        stems = [row[0] for row in cursor.fetchall() if row[0]]
    prefixes = []
    for stem in stems:
        stem = "".join(WORD_CHARACTER.findall(stem.lower()))
        if len(stem) > 7:
            stem = stem[:-2]
        if len(stem) >= 3:
            prefixes.append(f"{stem}:*")
    if not prefixes:
        return None
    return SearchQuery(" & ".join(prefixes), config="simple", search_type="raw")


WORD = re.compile(r"\w{2,60}")
WORD_CHARACTER = re.compile(r"\w")


class SourceSearch:
    """The matches of one registered source for a query."""

    def __init__(self, contribution, query: str, topic=None, prefix_query=None):
        self.prefix_query = prefix_query
        self.name = contribution.name
        self.label = str(contribution.title)
        self.source: contributions.SearchSource = contribution.run()
        self.query = query
        self.words = query.replace('"', " ").split()[:MAX_WORDS]
        queryset = self.source.queryset.prefetch_related(None)
        if topic is not None:
            if self.source.topics is None:
                queryset = queryset.none()
            else:
                queryset = queryset.filter(**{self.source.topics: topic}).distinct()
        self.queryset = self.matching(queryset)

    def body_expression(self):
        fields = [Cast(F(name), TextField()) for name in self.source.body]
        if not fields:
            return Value("", output_field=TextField())
        if len(fields) == 1:
            return fields[0]
        parts = []
        for field in fields:
            parts += [field, Value(" ", output_field=TextField())]
        return Concat(*parts[:-1], output_field=TextField())

    def matching(self, queryset):
        title = self.source.title
        if is_postgresql():
            self.search_query = SearchQuery(self.query, config="dutch", search_type="websearch")
            if self.prefix_query is not None:
                self.search_query = self.search_query | self.prefix_query
            if self.source.vector:  # stored: read, not computed
                vector = F(self.source.vector)
            else:
                vector = SearchVector(title, weight="A", config="dutch")
                for name in self.source.body:
                    vector += SearchVector(name, weight="B", config="dutch")
            # The stems as prefixes (stem_prefix_query) find "chathulp" for "chat" too.
            return queryset.annotate(search_match=vector).filter(search_match=self.search_query)
        condition = Q()
        for word in self.words:
            either = Q(**{f"{title}__icontains": word})
            for name in self.source.body:
                either |= Q(**{f"{name}__icontains": word})
            condition &= either
        if not self.words:
            return queryset.none()
        return queryset.filter(condition)

    @cached_property
    def count(self) -> int:
        return self.queryset.count()

    def top(self, limit: int) -> list[Hit]:
        if limit <= 0 or not self.count:
            return []
        rows = self.queryset
        date = self.source.date
        if is_postgresql():
            rows = rows.annotate(
                search_rank=SearchRank(F("search_match"), self.search_query)
            ).order_by("-search_rank", *([f"-{date}"] if date else []), "pk")
        else:
            rows = rows.annotate(search_rank=Value(0.0, output_field=FloatField())).order_by(
                *([f"-{date}"] if date else []), "pk"
            )
        hits = []
        for obj in rows[:limit]:
            title = str(field_value(obj, self.source.title))
            body = " ".join(str(field_value(obj, name) or "") for name in self.source.body)
            if self.source.plain:
                body = self.source.plain(body)
            if is_postgresql():
                rank = float(obj.search_rank or 0)
            else:
                rank = float(sum(word.lower() in title.lower() for word in self.words))
            hits.append(
                Hit(
                    kind=self.name,
                    kind_label=self.label,
                    title=title,
                    url=self.source.url(obj),
                    snippet=highlight(body, self.words),
                    date=getattr(obj, date) if date else None,
                    rank=rank,
                    pk=obj.pk,
                    text=body if self.source.plain else "",
                )
            )
        return hits

    def add_headlines(self, hits: list[Hit]) -> None:
        """PostgreSQL: the snippets of ``hits`` (this source's, on the page shown) from
        ts_headline, which marks the stemmed forms too; computed for these rows only."""
        if not hits or not is_postgresql() or not self.source.body:
            return
        headlines = dict(
            self.source.queryset.prefetch_related(None)
            .filter(pk__in=[hit.pk for hit in hits])
            .annotate(
                search_snippet=SearchHeadline(
                    self.body_expression(),
                    self.search_query,
                    config="dutch",
                    start_sel=MARK_START,
                    stop_sel=MARK_STOP,
                    max_words=35,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                )
            )
            .values_list("pk", "search_snippet")
        )
        for hit in hits:
            headline = headlines.get(hit.pk) or ""
            if MARK_START not in headline:
                continue
            if self.source.plain:
                # A fragment of markup cannot be read as such (a link cut in half): the
                # words PostgreSQL marked, stemmed forms too, are marked in the plain text.
                hit.snippet = highlight(hit.text, MARKED.findall(headline))
            else:
                hit.snippet = headline_html(headline[:1000])


class MergedHits:
    """The hits of all sources as one list for Django's Paginator: ``count()`` adds the
    sources' counts; a slice loads the first rows of each source and merges them."""

    def __init__(self, searches: list[SourceSearch]):
        self.searches = searches

    def count(self) -> int:
        return sum(search.count for search in self.searches)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        stop = index.stop if index.stop is not None else self.count()
        hits = []
        for search in self.searches:
            hits += search.top(stop)
        hits.sort(key=lambda hit: -hit.rank)  # stable: each source's order stays
        shown = hits[index.start or 0 : stop]
        for search in self.searches:
            search.add_headlines([hit for hit in shown if hit.kind == search.name])
        return shown


@dataclass
class SearchResults:
    query: str
    kind: str
    kinds: list[Kind]
    page: object  # django.core.paginator.Page of Hit, or None without a query
    total: int


def site_search(*, query: str, kind: str = "", topic=None, page_number=1) -> SearchResults:
    """One page of the hits of ``query`` in every registered source (or in the ``kind``
    only), with the count per kind; nothing is searched for an empty query."""
    query = clean_query(query)
    if not query:
        return SearchResults(query="", kind="", kinds=[], page=None, total=0)
    prefix_query = None
    if is_postgresql():
        prefix_query = stem_prefix_query(re.findall(r"\w+", query))
    searches = [
        SourceSearch(contribution, query, topic=topic, prefix_query=prefix_query)
        for contribution in contributions.search_sources
    ]
    kinds = [Kind(name=s.name, label=s.label, count=s.count) for s in searches]
    total = sum(k.count for k in kinds)
    chosen = [s for s in searches if s.name == kind] if kind else []
    if not chosen:
        kind = ""
        chosen = searches
    paginator = Paginator(MergedHits(chosen), PAGE_SIZE)
    number = page_number
    try:
        number = min(max(1, int(number)), MAX_PAGES, paginator.num_pages)
    except (TypeError, ValueError):
        number = 1
    return SearchResults(
        query=query, kind=kind, kinds=kinds, page=paginator.get_page(number), total=total
    )
