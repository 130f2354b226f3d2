"""Figures per sector: how much of each sector is on the map, and which track it gets.

The Basisvorming-nota (2015) plans teasers at management meetings (track 1) for sectors
where fewer than half of the organisations take part, and training days (track 2) for the
others. Taking part is measured here as having at least one offering on the public map;
the number of organisations per sector comes from the same document and is unknown for
some sectors.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from .models import Modality, Offering, Sector
from .selectors import public_offerings

BAR_STEP = 5  # chart bars are drawn in steps of 5 %


class Track(models.IntegerChoices):
    TEASERS = 1, _("teasers")
    TRAINING_DAYS = 2, _("training days")


def percentage(part: int, whole: int | None) -> float | None:
    """``part`` as a percentage of ``whole``; None when the whole is unknown."""
    if not whole:
        return None
    return 100 * part / whole


def bar_width(percent: float | None) -> int:
    """The chart width class for ``percent``: a multiple of 5 from 0 to 100."""
    if percent is None:
        return 0
    steps = int(percent / BAR_STEP + 0.5)  # half up: 12.5 % is drawn as 15 %, not 10 %
    return min(100, BAR_STEP * steps)


class ShareWidths:
    """Chart widths of the three shares a sector's figures and the benchmark both have."""

    @property
    def share_on_map_width(self) -> int:
        return bar_width(self.share_on_map)

    @property
    def share_realised_width(self) -> int:
        return bar_width(self.share_realised)

    @property
    def share_planned_width(self) -> int:
        return bar_width(self.share_planned)


@dataclass(frozen=True)
class ModalityFigures:
    name: str
    slug: str
    offerings: int
    share: float  # of the sector's public offerings; an offering may have several modalities

    @property
    def share_width(self) -> int:
        return bar_width(self.share)


@dataclass(frozen=True)
class SectorFigures(ShareWidths):
    name: str
    slug: str
    # organisations in Flanders (Basisvorming-nota (2015)); None: unknown
    organisation_count: int | None
    on_map: int  # organisations with at least one public offering
    realised: int  # ... of which at least one is realised
    planned: int  # ... of which at least one is planned or a pilot
    offerings: int  # public offerings in the sector
    modality_mix: list[ModalityFigures] = field(default_factory=list)

    @property
    def share_on_map(self) -> float | None:
        return percentage(self.on_map, self.organisation_count)

    @property
    def share_realised(self) -> float | None:
        return percentage(self.realised, self.organisation_count)

    @property
    def share_planned(self) -> float | None:
        return percentage(self.planned, self.organisation_count)

    @property
    def track(self) -> Track | None:
        """Teasers below half of the sector on the map, training days from half on."""
        if not self.organisation_count:
            return None
        # Integers, so exactly half is never lost to rounding.
        if 2 * self.on_map < self.organisation_count:
            return Track.TEASERS
        return Track.TRAINING_DAYS


@dataclass(frozen=True)
class Benchmark(ShareWidths):
    """The average of the sectors' shares, each sector counting once."""

    sectors: int  # sectors with a known number of organisations
    share_on_map: float | None
    share_realised: float | None
    share_planned: float | None


def sector_statistics() -> list[SectorFigures]:
    """Every sector's figures, in sector order, in four queries whatever the data."""
    public = public_offerings().order_by()
    organisations = Count("organisation", distinct=True)
    in_progress = [Offering.Status.PLANNED, Offering.Status.PILOT]
    rows = public.values("organisation__sectors").annotate(
        on_map=organisations,
        realised=Count("organisation", distinct=True, filter=Q(status=Offering.Status.REALISED)),
        planned=Count("organisation", distinct=True, filter=Q(status__in=in_progress)),
        offerings=Count("pk", distinct=True),
    )
    totals = {row.pop("organisation__sectors"): row for row in rows}
    mix = modality_mix(public)
    empty = {"on_map": 0, "realised": 0, "planned": 0, "offerings": 0}
    figures = []
    for sector in Sector.objects.all():
        counts = totals.get(sector.pk, empty)
        figures.append(
            SectorFigures(
                name=sector.name,
                slug=sector.slug,
                organisation_count=sector.organisation_count or None,
                modality_mix=[
                    ModalityFigures(
                        name=m.name,
                        slug=m.slug,
                        offerings=n,
                        share=percentage(n, counts["offerings"]) or 0,
                    )
                    for m, n in mix.get(sector.pk, [])
                ],
                **counts,
            )
        )
    return figures


def modality_mix(public) -> dict[int, list[tuple[Modality, int]]]:
    """Per sector id: (modality, number of public offerings), most offerings first."""
    rows = (
        public.filter(modalities__isnull=False, organisation__sectors__isnull=False)
        .values_list("organisation__sectors", "modalities")
        .annotate(total=Count("pk", distinct=True))
    )
    modalities = {m.pk: m for m in Modality.objects.all()}
    mix = defaultdict(list)
    for sector_id, modality_id, total in rows:
        mix[sector_id].append((modalities[modality_id], total))
    for pairs in mix.values():
        pairs.sort(key=lambda pair: (-pair[1], pair[0].sort_order, pair[0].name))
    return mix


def sector_benchmark(figures: list[SectorFigures]) -> Benchmark:
    """The average share over the sectors whose number of organisations is known."""
    known = [f for f in figures if f.organisation_count]

    def average(shares):
        return sum(shares) / len(known) if known else None

    return Benchmark(
        sectors=len(known),
        share_on_map=average(f.share_on_map for f in known),
        share_realised=average(f.share_realised for f in known),
        share_planned=average(f.share_planned for f in known),
    )
