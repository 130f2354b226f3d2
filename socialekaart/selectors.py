"""Reads on the service map: the public list with its filters and facets, scoped getters."""

import hashlib
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from aanspreekpunt.accounts import roles
from aanspreekpunt.core import pagecache

from .models import (
    Modality,
    Offering,
    OpeningException,
    OpeningHours,
    Organisation,
    Representation,
    Sector,
    TargetGroup,
    Theme,
)
from .opening import local_now, open_now_q, open_state


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
    """Open now, opens later today, closed, or unknown (no hours), from prefetched hours."""
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


def open_alternatives(*, offering: Offering, limit: int = 5) -> list[Offering]:
    """Other public offerings open now for the same target group and modality."""
    target_groups = [t.pk for t in offering.target_groups.all()]
    modalities = [m.pk for m in offering.modalities.all()]
    if not target_groups or not modalities:
        return []
    candidates = (
        Offering.objects.filter(is_public=True)
        .exclude(pk=offering.pk)
        .filter(open_now_q())
        .filter(target_groups__in=target_groups)
        .filter(modalities__in=modalities)
        .select_related("organisation")
        .distinct()
        .order_by("name")
    )
    return list(candidates[:limit])


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
MAP_VERSION_KEY = pagecache.version_key("map")


def map_version() -> int:
    """Changes whenever what visitors see on the map changes (see ``map_changed``)."""
    return pagecache.data_version("map")


def map_changed() -> None:
    """Forget cached figures and pages of the map: an offering was published, changed or
    archived. Callers run it once their transaction commits."""
    pagecache.bump("map")


def offering_facets(*, results: QuerySet[Offering], filters_key: str) -> dict[str, dict]:
    """Counts per facet value for ``results`` and their ``total``, cached per filter
    combination and map version."""
    digest = hashlib.sha1(filters_key.encode()).hexdigest()
    key = f"socialekaart:facets:v2:{map_version()}:{digest}"
    counts = cache.get(key)
    if counts is None:
        ids = results.order_by().values("pk")
        counts = {
            name: facet_counts(Offering.objects.filter(pk__in=ids), path)
            for name, path in FACETS.items()
        }
        counts["total"] = results.order_by().count()
        cache.set(key, counts, FACET_CACHE_SECONDS)
    return counts


# --- The API's reads ----------------------------------------------------------------------

# What the API's ``service_areas`` reads of an organisation.
AREA_RELATIONS = ("provinces", "municipalities__postal_codes")


def organisations_for_api(
    *, sectors: list[str] | None = None, q: str | None = None
) -> QuerySet[Organisation]:
    """Organisations with what the API shows of them, by name; ``sectors`` (keys) and ``q`` (a
    part of the name) narrow them down."""
    organisations = Organisation.objects.prefetch_related("sectors", *AREA_RELATIONS)
    if sectors:
        organisations = organisations.filter(sectors__slug__in=sectors).distinct()
    if q and q.strip():
        organisations = organisations.filter(name__icontains=q.strip())
    return organisations.order_by("name", "pk")


def offerings_for_api() -> QuerySet[Offering]:
    """Public offerings with everything the API shows, in a fixed number of queries."""
    return public_offerings().prefetch_related(*(f"organisation__{r}" for r in AREA_RELATIONS))


def taxonomy_terms(model) -> QuerySet:
    """Every term of one of the map's vocabularies, in its order."""
    return model.objects.all()


def sector_slugs_known(*, slugs) -> set[str]:
    return set(Sector.objects.filter(slug__in=list(slugs)).values_list("slug", flat=True))


def public_opening_hours(*, offering_id: int | None = None) -> QuerySet[OpeningHours]:
    """The weekly hours of public offerings (of one, with ``offering_id``)."""
    rows = OpeningHours.objects.filter(offering__in=public_offerings()).select_related(
        "offering__hours_modality"
    )
    if offering_id is not None:
        rows = rows.filter(offering_id=offering_id)
    return rows.order_by("offering__name", "offering_id", "weekday", "opens", "pk")


def organisations_with_areas(*, organisation_id: int | None = None) -> QuerySet[Organisation]:
    """Organisations that name an area they serve, with their provinces and municipalities."""
    organisations = Organisation.objects.filter(
        Q(serves_all_flanders=True)
        | Q(serves_brussels=True)
        | Q(provinces__isnull=False)
        | Q(municipalities__isnull=False)
    )
    if organisation_id is not None:
        organisations = organisations.filter(pk=organisation_id)
    return organisations.distinct().prefetch_related(*AREA_RELATIONS).order_by("name", "pk")


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
