"""Reads on the service map: the public list with its filters and facets, scoped getters."""

import hashlib
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from aanspreekpunt.accounts import roles
from aanspreekpunt.core import pagecache

from .models import (
    CorrectionReport,
    Modality,
    Offering,
    OpeningException,
    Organisation,
    Representation,
    Sector,
    TargetGroup,
    Theme,
)
from .opening import (
    NOT_REACHABLE_STATUSES,
    OpenState,
    always_available_now_q,
    local_now,
    open_now_q,
    open_state,
    staffed_now_q,
)


def public_offerings(*, for_cards: bool = False) -> QuerySet[Offering]:
    """Offerings visitors may see, with what list and detail pages show, in a fixed query count.

    ``for_cards``: only what a card of the list shows (no target groups and themes)."""
    today = local_now().date()
    relations = [
        "modalities",
        "opening_hours",
        Prefetch(
            "opening_exceptions",
            # from yesterday: a closed yesterday ends an overnight window in the small hours
            queryset=OpeningException.objects.filter(date__gte=today - timedelta(days=1)),
        ),
    ]
    if not for_cards:
        relations += ["target_groups", "themes"]
    return (
        Offering.objects.filter(is_public=True)
        .select_related("organisation", "hours_modality")
        .prefetch_related(*relations)
    )


def offering_open_state(offering: Offering, at=None):
    """Open now, opens later today, closed, or unknown (no hours), from prefetched hours;
    an offering closed for a while says so whatever its hours."""
    if offering.status == Offering.Status.TEMPORARILY_CLOSED:
        return OpenState(OpenState.TEMPORARILY_CLOSED)
    return open_state(
        always_available=offering.always_available,
        rules=list(offering.opening_hours.all()),
        exceptions=list(offering.opening_exceptions.all()),
        at=at,
    )


def offering_get_public_or_404(*, slug: str) -> Offering:
    try:
        return public_offerings().prefetch_related("organisation__sectors").get(slug=slug)
    except Offering.DoesNotExist as error:
        raise Http404 from error


def offerings_in_list_order(queryset: QuerySet[Offering], *, query: str = "") -> QuerySet:
    """The list's order: by relevance to ``query`` when there is one, otherwise what a person
    answers right now first; then by name as a Fleming expects it (``sort_key``)."""
    query = (query or "").strip()
    if query:
        relevance = Case(
            When(name__iexact=query, then=Value(0)),
            When(name__icontains=query, then=Value(1)),
            When(organisation__name__icontains=query, then=Value(2)),
            When(target_group_note__icontains=query, then=Value(3)),
            default=Value(4),
            output_field=IntegerField(),
        )
        return queryset.annotate(relevance=relevance).order_by("relevance", "sort_name", "pk")
    staffed_first = Case(
        When(staffed_now_q(), then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return queryset.annotate(staffed_first=staffed_first).order_by(
        "staffed_first", "sort_name", "pk"
    )


def _terms_shared(relation, terms) -> Coalesce:
    """How many of ``terms`` an offering carries in ``relation``, as a subquery."""
    through = relation.through
    column = relation.field.m2m_reverse_field_name()
    shared = (
        through.objects.filter(offering=OuterRef("pk"), **{f"{column}__in": terms})
        .order_by()
        .values("offering")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(shared, output_field=IntegerField()), Value(0))


def alternative_channels(offering: Offering) -> list:
    """The channel a visitor of ``offering`` is looking at: the one its hours belong to, else
    its real-time channels (chat, phone, video), else all its channels."""
    if offering.hours_modality_id:
        return [offering.hours_modality]
    modalities = list(offering.modalities.all())
    return [m for m in modalities if m.synchronous] or modalities


def open_alternatives(*, offering: Offering, limit: int = 5) -> list[tuple]:
    """Other public offerings reachable now through the channel the visitor looks at, for
    a target group of ``offering``, ranked by the target groups and themes they share.

    For a real-time channel (chat, phone, video) only offerings a person answers right now
    count; each comes with its open state (when it closes) and the channels it shares."""
    target_groups = [t.pk for t in offering.target_groups.all()]
    channels = alternative_channels(offering)
    if not target_groups or not channels:
        return []
    channel_ids = {m.pk for m in channels}
    themes = [t.pk for t in offering.themes.all()]
    modality_links = Offering.modalities.through.objects.filter(
        offering=OuterRef("pk"), modality__in=channel_ids
    )
    group_links = Offering.target_groups.through.objects.filter(
        offering=OuterRef("pk"), targetgroup__in=target_groups
    )
    reachable = staffed_now_q() if any(m.synchronous for m in channels) else open_now_q()
    staffed = Case(
        When(staffed_now_q(), then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    candidates = (
        public_offerings(for_cards=True)
        .exclude(pk=offering.pk)
        .filter(reachable, Exists(modality_links), Exists(group_links))
        .exclude(status__in=NOT_REACHABLE_STATUSES)
        .annotate(
            staffed_first=staffed,
            overlap=_terms_shared(Offering.target_groups, target_groups)
            + _terms_shared(Offering.themes, themes),
        )
        .order_by("staffed_first", "-overlap", "sort_name", "pk")
    )
    found = []
    for other in candidates[:limit]:
        other.shared_channels = [m for m in other.modalities.all() if m.pk in channel_ids]
        found.append((other, offering_open_state(other)))
    return found


def staffed_now(*, limit: int = 5) -> list[tuple]:
    """Offerings a person answers right now, with their open state (an empty list's hint)."""
    offerings = public_offerings(for_cards=True).filter(staffed_now_q()).order_by("sort_name")
    return [(offering, offering_open_state(offering)) for offering in offerings[:limit]]


def organisation_get_public_or_404(*, slug: str) -> Organisation:
    organisation = (
        Organisation.objects.prefetch_related("sectors", "provinces", "municipalities")
        .filter(slug=slug)
        .first()
    )
    if organisation is None:
        raise Http404
    return organisation


def organisations_public() -> QuerySet[Organisation]:
    """Every organisation on the map (their pages are public)."""
    return Organisation.objects.all()


def theme_slugs(*, pks) -> list[str]:
    return list(Theme.objects.filter(pk__in=pks).order_by("name").values_list("slug", flat=True))


def organisations_for_user(*, user, as_coordinator: bool = False) -> QuerySet[Organisation]:
    """The organisations ``user`` may manage: approved representations; all of them when
    the request acts as coordinator (``core.permissions.request_has_role``, which demands
    a session that passed two-factor authentication)."""
    if as_coordinator:
        return Organisation.objects.all()
    return Organisation.objects.filter(
        representations__user=user,
        representations__status=Representation.Status.APPROVED,
    ).distinct()


def organisation_get_for_user_or_404(
    *, user, slug: str, as_coordinator: bool = False
) -> Organisation:
    organisation = (
        organisations_for_user(user=user, as_coordinator=as_coordinator).filter(slug=slug).first()
    )
    if organisation is None:
        raise Http404
    return organisation


def offering_get_for_user_or_404(*, user, slug: str, as_coordinator: bool = False) -> Offering:
    """An offering of one of the user's organisations; any other is a 404, never the form."""
    organisations = organisations_for_user(user=user, as_coordinator=as_coordinator)
    offering = (
        Offering.objects.filter(organisation__in=organisations, slug=slug)
        .select_related("organisation", "hours_modality")
        .prefetch_related("modalities", "target_groups", "themes", "opening_hours")
        .first()
    )
    if offering is None:
        raise Http404
    return offering


def open_corrections(*, organisations=None) -> QuerySet[CorrectionReport]:
    """Reports of errors still to handle, oldest first (of ``organisations`` when given)."""
    reports = (
        CorrectionReport.objects.filter(status=CorrectionReport.Status.OPEN)
        .select_related("offering__organisation")
        .order_by("created_at", "pk")
    )
    if organisations is not None:
        reports = reports.filter(offering__organisation__in=organisations)
    return reports


def correction_get_for_user_or_404(*, user, pk: int, as_coordinator: bool = False):
    """A report on an offering of one of the user's organisations; any other is a 404."""
    organisations = organisations_for_user(user=user, as_coordinator=as_coordinator)
    report = (
        CorrectionReport.objects.filter(pk=pk, offering__organisation__in=organisations)
        .select_related("offering__organisation")
        .first()
    )
    if report is None:
        raise Http404
    return report


def moderation_queue() -> QuerySet[Offering]:
    return (
        Offering.objects.filter(moderation_state=Offering.Moderation.SUBMITTED)
        .select_related("organisation")
        .order_by("submitted_at")
    )


def broken_link_offerings() -> QuerySet[Offering]:
    return (
        Offering.objects.filter(link_status=Offering.LinkStatus.BROKEN)
        .exclude(moderation_state=Offering.Moderation.ARCHIVED)
        .select_related("organisation")
        .order_by("organisation__name", "name")
    )


def pending_representations() -> QuerySet[Representation]:
    return (
        Representation.objects.filter(status=Representation.Status.REQUESTED)
        .select_related("user", "organisation", "proposed_sector")
        .order_by("created_at")
    )


def coordinator_emails() -> list[str]:
    users = get_user_model().objects.filter(is_active=True)
    return sorted(
        users.filter(Q(groups__name=roles.COORDINATORS)).values_list("email", flat=True).distinct()
    )


def representative_emails(*, organisation: Organisation) -> list[str]:
    return sorted(
        Representation.objects.filter(
            organisation=organisation,
            status=Representation.Status.APPROVED,
            user__is_active=True,
        ).values_list("user__email", flat=True)
    )


def taxonomies() -> dict:
    """Every vocabulary of the map, for forms and filters."""
    return {
        "sectors": list(Sector.objects.all()),
        "modalities": list(Modality.objects.all()),
        "target_groups": list(TargetGroup.objects.all()),
        "themes": list(Theme.objects.all()),
    }


def facet_counts(queryset: QuerySet[Offering], relation: str) -> dict[int, int]:
    """How many offerings of ``queryset`` carry each term of ``relation``, in one query."""
    rows = (
        queryset.order_by()
        .values(relation)
        .annotate(total=Count("pk", distinct=True))
        .values_list(relation, "total")
    )
    return {key: total for key, total in rows if key is not None}


FACETS = {
    "sector": "organisation__sectors__slug",
    "modaliteit": "modalities__slug",
    "doelgroep": "target_groups__slug",
    "thema": "themes__slug",
    "anonimiteit": "anonymity",
    "status": "status",
}
# Keyed by the map version, so exact; the lifetime only bounds memory.
FACET_CACHE_SECONDS = 3600
REACHABLE_CACHE_SECONDS = 120  # kept per minute
MAP_VERSION_KEY = pagecache.version_key("map")


def map_version() -> int:
    """Changes whenever what visitors see on the map changes (see ``map_changed``)."""
    return pagecache.data_version("map")


def map_changed() -> None:
    """Forget cached figures and pages of the map: an offering was published, changed or
    archived. Callers run it once their transaction commits."""
    pagecache.bump("map")


def offering_facets(
    *, results: QuerySet[Offering], filters_key: str, minute: str, clock_bound: bool
) -> dict[str, dict]:
    """Counts per facet value for ``results`` and their ``total``, cached per filter
    combination and map version. Who is reachable now changes with the ``minute``: those two
    counts are kept per minute, and so is everything else when a filter on the clock
    (``clock_bound``: "open now", "reachable now") decides which offerings are listed. The
    other counts do not have to be made again every minute at 20,000 offerings."""
    version = map_version()
    scope = f"{filters_key}@{minute}" if clock_bound else filters_key
    key = f"socialekaart:facets:v4:{version}:{_digest(scope)}"
    reach_key = f"socialekaart:reachable:v1:{version}:{_digest(f'{filters_key}@{minute}')}"
    found = cache.get_many([key, reach_key])
    counts, reachable = found.get(key), found.get(reach_key)
    ids = results.order_by().values("pk")
    if counts is None:
        counts = {
            name: facet_counts(Offering.objects.filter(pk__in=ids), path)
            for name, path in FACETS.items()
        }
        counts["total"] = results.order_by().count()
        cache.set(key, counts, FACET_CACHE_SECONDS)
    if reachable is None:
        reachable = Offering.objects.filter(pk__in=ids).aggregate(
            bemand=Count("pk", filter=staffed_now_q()),
            altijd=Count("pk", filter=always_available_now_q()),
        )
        cache.set(reach_key, reachable, REACHABLE_CACHE_SECONDS)
    return {**counts, "bereikbaar": reachable}


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


# --- Sector figures -------------------------------------------------------------------------
# Computed in socialekaart.statistics (which reads public offerings from here); other apps
# (the knowledge site, vorming, beleidsacties) and the views read them through this door.


def sector_statistics():
    """Each sector's figures on the map (``statistics.SectorFigures``), in the sectors' order."""
    from .statistics import sector_statistics as figures

    return figures()


def sector_benchmark(figures):
    """What the sectors' figures add up to (``statistics.Benchmark``)."""
    from .statistics import sector_benchmark as benchmark

    return benchmark(figures)


# --- Reads kept in modules of their own: the HSDS API's (selectors_api) and the quality of
# online help (selectors_quality). Re-exported here, the one door other code reads through.
from .selectors_api import (  # noqa: E402, F401
    DELETED,
    LIVE,
    UNPUBLISHED,
    api_organisation_rows,
    api_organisations,
    api_organisations_services,
    api_public_services,
    api_removed_services,
    api_sector_ids,
    api_service_changes,
    api_service_rows,
    api_terms,
    api_unpublished_services,
)
from .selectors_quality import (  # noqa: E402, F401
    QUALITY_FILTERS,
    QUALITY_TAXONOMY,
    quality_attributes_for_offerings,
    quality_figures,
    quality_figures_by_month,
    quality_for_offering,
    quality_for_workspace,
    quality_met_q,
    quality_norms,
    quality_offerings_meeting,
    quality_pending_for_review,
    quality_taxonomy,
)
