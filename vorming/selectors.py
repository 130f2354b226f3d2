"""Reads of the training app: the only door other apps (the knowledge site, search, the
home page, bookmarks) and the views use."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.http import Http404
from django.utils import timezone

from socialekaart import selectors as map_selectors
from socialekaart.models import Sector

from .models import Meeting, Platform, Registration, Session, TrainingDayPlan

VISIBLE = [
    Session.Status.PLANNED,
    Session.Status.CONFIRMED,
    Session.Status.HELD,
    Session.Status.CANCELLED,
]


def sessions_public() -> QuerySet[Session]:
    """Sessions a visitor may see (every status: a cancelled one says so), each with
    ``get_absolute_url``, the places taken (``taken``) and what the list shows."""
    return (
        Session.objects.filter(status__in=VISIBLE)
        .select_related("sector", "meeting__platform")
        .prefetch_related("topics")
        .annotate(
            taken=Count(
                "registrations",
                filter=Q(registrations__status__in=Registration.TAKING_PLACE),
                distinct=True,
            )
        )
    )


def sessions_upcoming(*, limit: int, topic=None) -> list[Session]:
    """The next sessions that are not cancelled, soonest first; ``topic`` a Topic or slug."""
    sessions = sessions_public().filter(
        start__gte=timezone.now(), status__in=[Session.Status.PLANNED, Session.Status.CONFIRMED]
    )
    if topic is not None:
        sessions = sessions.filter(topics__slug=getattr(topic, "slug", topic))
    return list(sessions.order_by("start", "pk")[:limit])


def session_get_public_or_404(pk_or_slug) -> Session:
    """One public session by its number or its key."""
    sessions = sessions_public().prefetch_related("elements")
    text = str(pk_or_slug)
    lookup = {"pk": int(text)} if text.isdigit() else {"slug": text}
    try:
        return sessions.get(**lookup)
    except Session.DoesNotExist:
        raise Http404 from None


def free_places(session: Session) -> int:
    return max(0, session.capacity - session.taken)


def registrations_for_user(*, user) -> QuerySet[Registration]:
    """The member's active registrations: made while signed in, or with one of their
    verified addresses."""
    from allauth.account.models import EmailAddress

    addresses = EmailAddress.objects.filter(user=user, verified=True).values_list(
        "email", flat=True
    )
    mine = Q(user=user)
    for address in addresses:
        mine |= Q(email__iexact=address)
    return (
        Registration.objects.filter(mine, status__in=Registration.ACTIVE)
        .select_related("session")
        .order_by("session__start")
    )


def session_registrations(*, session: Session) -> QuerySet[Registration]:
    """A session's registrations for its coordinators: places first, then the waiting list."""
    return session.registrations.order_by("status", "waiting_number", "created_at", "pk")


# --- The outreach pipeline -------------------------------------------------------------


@dataclass
class Progress:
    label: str
    meetings: int
    given: int
    counts: dict

    @property
    def percent(self) -> int:
        return round(100 * self.given / self.meetings) if self.meetings else 0


def platforms_with_meetings() -> list[Platform]:
    meetings = Meeting.objects.order_by("number").prefetch_related(
        Prefetch("sessions", queryset=Session.objects.order_by("start"))
    )
    return list(
        Platform.objects.select_related("sector", "subsector").prefetch_related(
            Prefetch("meetings", queryset=meetings)
        )
    )


def pipeline_progress(platforms: list[Platform]) -> dict:
    """Teasers given at meetings, per platform, per sector and in all (from the prefetched
    meetings of ``platforms``)."""

    def progress(label, meetings) -> Progress:
        counts = dict.fromkeys(Meeting.State.values, 0)
        for meeting in meetings:
            counts[meeting.state] += 1
        return Progress(label, len(meetings), counts[Meeting.State.GIVEN], counts)

    per_platform = {p.pk: progress(p.via, list(p.meetings.all())) for p in platforms}
    for platform in platforms:
        platform.progress = per_platform[platform.pk]
    sectors: dict = {}
    for platform in platforms:
        sectors.setdefault(platform.sector, []).extend(platform.meetings.all())
    return {
        "platforms": per_platform,
        "sectors": [progress(str(sector), meetings) for sector, meetings in sectors.items()],
        "total": progress("", [m for p in platforms for m in p.meetings.all()]),
    }


def meeting_choices() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("platform__sector").exclude(state=Meeting.State.GIVEN)


# --- Planning --------------------------------------------------------------------------


def planning(*, year: int) -> dict:
    """The year's sessions per sector and month, the plan per sector against the training
    days scheduled and held, and each sector's track: from the 2015 survey and from the
    live map (the service map's participation rule, read through its selectors)."""
    sessions = list(
        Session.objects.filter(start__year=year)
        .exclude(status=Session.Status.CANCELLED)
        .select_related("sector")
        .order_by("start")
    )
    plan = {p.sector_id: p for p in TrainingDayPlan.objects.filter(year=year)}
    figures = {f.slug: f for f in map_selectors.sector_statistics()}
    rows = []
    for sector in Sector.objects.all():
        mine = [s for s in sessions if s.sector_id == sector.pk]
        months = [[s for s in mine if timezone.localtime(s.start).month == m] for m in range(1, 13)]
        days = [s for s in mine if s.kind == Session.Kind.TRAINING_DAY]
        live = figures.get(sector.slug)
        rows.append(
            {
                "sector": sector,
                "months": months,
                "planned_days": plan[sector.pk].days if sector.pk in plan else None,
                "plan_note": plan[sector.pk].note if sector.pk in plan else "",
                "scheduled_days": len([s for s in days if s.status != Session.Status.HELD]),
                "held_days": len([s for s in days if s.status == Session.Status.HELD]),
                "survey_track": 2 if sector.survey_response_over_half else 1,
                "live_track": live.track if live else None,
            }
        )
    intersectoral = [s for s in sessions if s.sector_id is None]
    return {
        "rows": rows,
        "intersectoral": intersectoral,
        "plan_total": sum(p.days for p in plan.values()),
    }


# --- Budget ----------------------------------------------------------------------------


def budget(*, year: int) -> dict:
    """Planned against spent per category for ``year`` (Basisvorming-nota (2015) §7.4)."""
    from django.db.models import Sum

    from .models import BudgetYear, Spending

    planned = BudgetYear.objects.filter(year=year).first()
    spent = dict(
        Spending.objects.filter(on__year=year)
        .values_list("category")
        .annotate(total=Sum("amount"))
        .values_list("category", "total")
    )
    rows = []
    for category, label in Spending.Category.choices:
        plan = getattr(planned, category) if planned else None
        used = spent.get(category) or 0
        rows.append(
            {
                "category": label,
                "planned": plan,
                "spent": used,
                "remaining": plan - used if plan is not None else None,
                "overspent": plan is not None and used > plan,
            }
        )
    total_plan = planned.total if planned else None
    total_spent = sum(row["spent"] for row in rows)
    return {
        "year": year,
        "planned": planned,
        "rows": rows,
        "total_planned": total_plan,
        "total_spent": total_spent,
        "total_remaining": total_plan - total_spent if total_plan is not None else None,
        "entries": Spending.objects.filter(on__year=year).select_related("created_by")[:200],
    }


# --- Evaluations ------------------------------------------------------------------------


def _row(label, average, count):
    average = round(average, 1) if average is not None else None
    return {
        "label": label,
        "average": average,
        "count": count,
        # chart bars in steps of 5 % (charts.css), 5 = 100 %
        "width": min(100, 5 * round(average * 4)) if average else 0,
    }


def evaluation_results() -> dict:
    """Average scores per session, per sector and per ingredient or angle, in a fixed
    number of queries."""
    from django.db.models import Avg

    from .models import ElementScore, Evaluation

    evaluations = Evaluation.objects.all()
    per_session = (
        evaluations.values("registration__session", "registration__session__title")
        .annotate(average=Avg("overall"), count=Count("pk"))
        .order_by("registration__session__start")
    )
    per_sector = (
        evaluations.values("registration__session__sector__name")
        .annotate(average=Avg("overall"), count=Count("pk"))
        .order_by("registration__session__sector__sort_order")
    )
    per_element = (
        ElementScore.objects.values("element__kind", "element__name")
        .annotate(average=Avg("score"), count=Count("pk"))
        .order_by("element__kind", "element__sort_order")
    )
    return {
        "sessions": [
            _row(r["registration__session__title"], r["average"], r["count"]) for r in per_session
        ],
        "sectors": [
            _row(
                r["registration__session__sector__name"] or "intersectoraal",
                r["average"],
                r["count"],
            )
            for r in per_sector
        ],
        "ingredients": [
            _row(r["element__name"], r["average"], r["count"])
            for r in per_element
            if r["element__kind"] == "ingredient"
        ],
        "angles": [
            _row(r["element__name"], r["average"], r["count"])
            for r in per_element
            if r["element__kind"] != "ingredient"
        ],
        "comments": list(
            evaluations.exclude(comment="")
            .select_related("registration__session")
            .order_by("-created_at")[:50]
        ),
    }


# --- Materials --------------------------------------------------------------------------


def materials_public():
    from .models import Material

    return Material.objects.filter(is_public=True, session__status__in=VISIBLE).select_related(
        "session"
    )


# --- Reports ----------------------------------------------------------------------------


def reports() -> dict:
    """Participants (attended) per sector and function, organisations reached against the
    number in the sector, and platforms reached, in a fixed number of queries."""
    from django.db.models.functions import Lower

    attended = Registration.objects.filter(attended=True)
    by_function = attended.values("session__sector", "function").annotate(n=Count("pk")).order_by()
    organisations = (
        attended.annotate(org=Lower("organisation"))
        .values("session__sector")
        .annotate(n=Count("org", distinct=True))
        .order_by()
    )
    counts: dict = {}
    for row in by_function:
        counts.setdefault(row["session__sector"], {})[row["function"]] = row["n"]
    reached = {row["session__sector"]: row["n"] for row in organisations}
    rows = []
    for sector in [*Sector.objects.all(), None]:
        key = sector.pk if sector else None
        per_function = counts.get(key, {})
        if sector is None and not per_function:
            continue
        total_orgs = sector.organisation_count if sector else None
        reached_orgs = reached.get(key, 0)
        rows.append(
            {
                "sector": sector,
                "functions": [per_function.get(f, 0) for f in Registration.Function.values],
                "participants": sum(per_function.values()),
                "organisations": reached_orgs,
                "organisation_count": total_orgs,
                "share": round(100 * reached_orgs / total_orgs, 1) if total_orgs else None,
            }
        )
    platforms_reached = (
        Platform.objects.filter(meetings__state=Meeting.State.GIVEN).distinct().count()
    )
    return {
        "rows": rows,
        "functions": Registration.Function.labels,
        "platforms_reached": platforms_reached,
        "platforms": Platform.objects.count(),
    }


@dataclass(frozen=True)
class TeaserFigures:
    given: int  # teasers given at management meetings
    meetings: int  # meetings in the pipeline
    target: int  # Basisvorming-nota (2015) §4.3


def teaser_progress() -> TeaserFigures | None:
    """The teasers given against the target, for the policy tracker; None while the
    pipeline holds no meeting. One query."""
    from .reference import target_teasers

    counts = dict(
        Meeting.objects.order_by().values("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    meetings = sum(counts.values())
    if not meetings:
        return None
    return TeaserFigures(
        given=counts.get(Meeting.State.GIVEN, 0), meetings=meetings, target=target_teasers()
    )


@dataclass(frozen=True)
class TrainingDayFigures:
    held: int  # training days held in the years that have a plan
    planned: int  # the training days planned for those years (training_day_plan)
    first_year: int
    last_year: int


def training_days_against_plan() -> TrainingDayFigures | None:
    """The training days held against the plan, for the policy tracker: over the years that
    have a plan (Basisvorming-nota (2015) §5.4 gives 2016 and 2017); None without a plan.
    One query."""
    held_in_year = (
        Session.objects.filter(
            kind=Session.Kind.TRAINING_DAY,
            status=Session.Status.HELD,
            start__year=OuterRef("year"),
        )
        .order_by()
        .values("kind")
        .annotate(n=Count("pk"))
        .values("n")
    )
    years = list(
        TrainingDayPlan.objects.order_by("year")
        .values("year")
        .annotate(planned=Sum("days"), held=Subquery(held_in_year))
    )
    if not years or not sum(row["planned"] for row in years):
        return None
    return TrainingDayFigures(
        held=sum(row["held"] or 0 for row in years),
        planned=sum(row["planned"] for row in years),
        first_year=years[0]["year"],
        last_year=years[-1]["year"],
    )
