"""Reads of the quality of online help (issue 18): the norms, the published answers per
offering, the coordinators' figures per sector and norm, their history month by month,
and the answers as attributes for the HSDS API. Other apps read them through
``socialekaart.selectors``, which re-exports the public names."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from .models import (
    Offering,
    QualityAnswer,
    QualityMonthlyFigure,
    QualityNorm,
    Sector,
)

Status = QualityAnswer.Status

# The map's two quality filters: GET parameter -> the norm whose "met" counts.
QUALITY_FILTERS = {
    "bewaring": "ohup-bewaring-gesprekken",
    "crisis": "ohup-andere-hulp-en-crisis",
}
# The taxonomy the HSDS API can publish the answers under (one term per norm).
QUALITY_TAXONOMY = "ohup-kwaliteitsnormen"

BAR_STEP = 5


def quality_norms() -> list[QualityNorm]:
    return list(QualityNorm.objects.all())


def quality_met_q(norm_code: str) -> Exists:
    """Offerings whose published answer to ``norm_code`` is "met" ("partly" does not count)."""
    return Exists(
        QualityAnswer.objects.filter(offering=OuterRef("pk"), norm_id=norm_code, status=Status.MET)
    )


@dataclass(frozen=True)
class NormAnswer:
    """A norm with the answer visitors see; ``status`` "" means unknown (not answered)."""

    norm: QualityNorm
    status: str = ""
    explanation: str = ""
    link: str = ""

    @property
    def status_label(self) -> str:
        return Status(self.status).label if self.status else ""


@dataclass(frozen=True)
class OfferingQuality:
    answers: list[NormAnswer]

    @property
    def first(self) -> list[NormAnswer]:
        """What visitors see first: who answers, anonymity, storage, limits, crisis."""
        return [a for a in self.answers if a.norm.visitor_facing]

    @property
    def others(self) -> list[NormAnswer]:
        return [a for a in self.answers if not a.norm.visitor_facing]

    @property
    def answered(self) -> int:
        return sum(1 for a in self.answers if a.status)


def quality_for_offering(*, offering_id: int) -> OfferingQuality:
    """The nine norms with the published answers of one offering, in two queries."""
    answers = {
        a.norm_id: a
        for a in QualityAnswer.objects.filter(offering_id=offering_id).exclude(status="")
    }
    rows = []
    for norm in QualityNorm.objects.all():
        answer = answers.get(norm.code)
        rows.append(
            NormAnswer(norm, answer.status, answer.explanation, answer.link)
            if answer
            else NormAnswer(norm)
        )
    return OfferingQuality(rows)


@dataclass(frozen=True)
class WorkspaceAnswer:
    """A norm with what the representative sees: the waiting answer, else the published one."""

    norm: QualityNorm
    status: str
    explanation: str
    link: str
    published_status: str
    waiting: bool


def quality_for_workspace(*, offering: Offering) -> list[WorkspaceAnswer]:
    answers = {a.norm_id: a for a in QualityAnswer.objects.filter(offering=offering)}
    rows = []
    for norm in QualityNorm.objects.all():
        a = answers.get(norm.code)
        if a is None:
            rows.append(WorkspaceAnswer(norm, "", "", "", "", False))
        elif a.pending_since is not None:
            rows.append(
                WorkspaceAnswer(
                    norm, a.pending_status, a.pending_explanation, a.pending_link, a.status, True
                )
            )
        else:
            rows.append(WorkspaceAnswer(norm, a.status, a.explanation, a.link, a.status, False))
    return rows


def quality_pending_for_review(*, offering: Offering) -> list[QualityAnswer]:
    """The answers waiting for a coordinator's review, with their norms."""
    return list(
        QualityAnswer.objects.filter(offering=offering, pending_since__isnull=False)
        .select_related("norm")
        .order_by("norm__number")
    )


# --- Figures per sector and norm ------------------------------------------------------------


def _width(part: int, whole: int) -> int:
    if not whole:
        return 0
    return min(100, BAR_STEP * int(100 * part / whole / BAR_STEP + 0.5))


@dataclass(frozen=True)
class NormFigures:
    code: str
    number: int
    title: str
    offerings: int
    met: int = 0
    partly: int = 0
    not_yet: int = 0
    not_applicable: int = 0

    @property
    def unanswered(self) -> int:
        return max(0, self.offerings - self.met - self.partly - self.not_yet - self.not_applicable)

    @property
    def met_width(self) -> int:
        return _width(self.met, self.offerings)

    @property
    def partly_width(self) -> int:
        return _width(self.partly, self.offerings)

    @property
    def unanswered_width(self) -> int:
        return _width(self.unanswered, self.offerings)


@dataclass(frozen=True)
class SectorQuality:
    """One sector ("" and "all sectors" for the whole map) with its figures per norm."""

    slug: str
    name: str
    offerings: int
    norms: list[NormFigures] = field(default_factory=list)


def quality_figures(*, all_sectors_name: str = "") -> list[SectorQuality]:
    """Per sector, and first for the whole map, how many public offerings meet each norm,
    partly meet it, say "not yet" or "not applicable", or have not answered. A fixed
    number of queries, whatever the number of offerings."""
    norms = quality_norms()
    public = Offering.objects.filter(is_public=True)
    answers = QualityAnswer.objects.filter(offering__is_public=True).exclude(status="")
    total = public.count()
    overall = defaultdict(int)
    for code, status, count in (
        answers.values("norm_id", "status")
        .annotate(n=Count("pk"))
        .values_list("norm_id", "status", "n")
    ):
        overall[(code, status)] = count
    sector_offerings = dict(
        Sector.objects.annotate(
            n=Count(
                "organisation__offerings",
                filter=Q(organisation__offerings__is_public=True),
                distinct=True,
            )
        ).values_list("pk", "n")
    )
    per_sector = defaultdict(int)
    for sector_id, code, status, count in (
        answers.filter(offering__organisation__sectors__isnull=False)
        .values("offering__organisation__sectors", "norm_id", "status")
        .annotate(n=Count("pk", distinct=True))
        .values_list("offering__organisation__sectors", "norm_id", "status", "n")
    ):
        per_sector[(sector_id, code, status)] = count

    def figures(lookup, offerings):
        return [
            NormFigures(
                code=norm.code,
                number=norm.number,
                title=norm.title,
                offerings=offerings,
                met=lookup(norm.code, Status.MET),
                partly=lookup(norm.code, Status.PARTLY),
                not_yet=lookup(norm.code, Status.NOT_YET),
                not_applicable=lookup(norm.code, Status.NOT_APPLICABLE),
            )
            for norm in norms
        ]

    result = [
        SectorQuality("", all_sectors_name, total, figures(lambda c, s: overall[(c, s)], total))
    ]
    for sector in Sector.objects.all():
        count = sector_offerings.get(sector.pk, 0)
        result.append(
            SectorQuality(
                sector.slug,
                sector.name,
                count,
                figures(lambda c, s, pk=sector.pk: per_sector[(pk, c, s)], count),
            )
        )
    return result


@dataclass(frozen=True)
class MonthFigures:
    """One month of kept figures: ``sectors`` as in ``quality_figures`` (slug "" first)."""

    month: date
    sectors: list[SectorQuality]

    def norm(self, code: str, sector_slug: str = "") -> NormFigures | None:
        for sector in self.sectors:
            if sector.slug == sector_slug:
                return next((n for n in sector.norms if n.code == code), None)
        return None


def quality_figures_by_month(
    *, since: date | None = None, sector_slug: str | None = None
) -> list[MonthFigures]:
    """The figures kept month by month (oldest first), for the policy tracker's history;
    ``quality_figures()`` gives the live ones. One query."""
    rows = QualityMonthlyFigure.objects.all()
    if since is not None:
        rows = rows.filter(month__gte=since.replace(day=1))
    if sector_slug is not None:
        rows = rows.filter(sector_slug=sector_slug)
    numbers = {n.code: (n.number, n.title) for n in quality_norms()}
    months: dict[date, dict[str, SectorQuality]] = {}
    for row in rows.order_by("month", "sector_slug", "norm_code"):
        sectors = months.setdefault(row.month, {})
        sector = sectors.get(row.sector_slug)
        if sector is None:
            sector = sectors[row.sector_slug] = SectorQuality(
                row.sector_slug, row.sector_name, row.offerings, []
            )
        number, title = numbers.get(row.norm_code, (0, row.norm_code))
        sector.norms.append(
            NormFigures(
                code=row.norm_code,
                number=number,
                title=title,
                offerings=row.offerings,
                met=row.met,
                partly=row.partly,
                not_yet=row.not_yet,
                not_applicable=row.not_applicable,
            )
        )
    for sectors in months.values():
        for sector in sectors.values():
            sector.norms.sort(key=lambda n: n.number)
    return [MonthFigures(month, list(sectors.values())) for month, sectors in months.items()]


# --- The HSDS API ---------------------------------------------------------------------------


def quality_taxonomy() -> dict:
    """The norms as a taxonomy of their own: one term per norm, keyed by its stable code."""
    norms = quality_norms()
    return {
        "id": QUALITY_TAXONOMY,
        "name": "OHUP-kwaliteitsnormen",
        "description": norms[0].source_title if norms else "",
        "uri": norms[0].source_url if norms else "",
        "terms": [
            {"id": f"{QUALITY_TAXONOMY}:{n.code}", "code": n.code, "name": n.title} for n in norms
        ],
    }


def quality_attributes_for_offerings(*, offering_ids) -> dict[int, list[dict]]:
    """The published answers of these offerings as HSDS service attributes: per offering,
    one attribute per answered norm (``taxonomy_term_id``, ``value``: met, partly,
    not_yet, not_applicable; a norm without an answer has no attribute). One query."""
    attributes: dict[int, list[dict]] = defaultdict(list)
    rows = (
        QualityAnswer.objects.filter(offering_id__in=list(offering_ids), offering__is_public=True)
        .exclude(status="")
        .order_by("offering_id", "norm__number")
        .values_list("offering_id", "norm_id", "status", "link")
    )
    for offering_id, code, status, link in rows:
        attributes[offering_id].append(
            {
                "taxonomy": QUALITY_TAXONOMY,
                "taxonomy_term_id": f"{QUALITY_TAXONOMY}:{code}",
                "value": status,
                "link_entity": "service",
                "label": link,
            }
        )
    return dict(attributes)


def quality_offerings_meeting(*, norm_code: str) -> QuerySet[Offering]:
    """Public offerings that meet ``norm_code``: for an API filter on a norm."""
    return Offering.objects.filter(is_public=True).filter(quality_met_q(norm_code))
