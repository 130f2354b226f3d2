"""Reads of the step plan, the only door other apps use: the steps, an organisation's walk,
the sector figures (``sector_step_coverage``) and the live indicator for the policy tracker
(``stepplan_indicator``)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Max, Min, Q, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from socialekaart.models import Organisation, Sector
from socialekaart.selectors import public_offerings

from .models import OrganisationPlan, Step, StepProgress

# Figures about fewer organisations than this are not shown: they would expose them.
MIN_ORGANISATIONS = 5
STUCK_AFTER = timedelta(days=182)  # six months


def steps() -> QuerySet[Step]:
    return Step.objects.select_related("topic").order_by("number")


def step_by_number_or_none(number: int) -> Step | None:
    if number > 32767:
        return None
    return steps().filter(number=number).first()


@dataclass(frozen=True)
class StepRow:
    step: Step
    progress: StepProgress | None

    @property
    def state(self) -> str:
        return self.progress.state if self.progress else StepProgress.State.NOT_STARTED

    @property
    def state_label(self) -> str:
        return StepProgress.State(self.state).label


def organisation_walk(*, organisation: Organisation) -> list[StepRow]:
    """The 14 steps with the organisation's progress on each: two queries."""
    progress = {
        p.step_id: p
        for p in StepProgress.objects.filter(organisation=organisation).select_related("updated_by")
    }
    return [StepRow(step=step, progress=progress.get(step.pk)) for step in steps()]


def next_step(rows: list[StepRow]) -> StepRow | None:
    """The first step that is neither done nor not applicable."""
    return next((row for row in rows if row.state not in StepProgress.FINISHED), None)


def organisation_shares_progress(*, organisation: Organisation) -> bool:
    return OrganisationPlan.objects.filter(organisation=organisation, shares_progress=True).exists()


@dataclass(frozen=True)
class Offer:
    label: str
    url: str


def offers_for_step(*, step: Step, sector: Sector | None = None) -> list[Offer]:
    """What the platform offers for a step: articles on its topic, training days and teasers
    (of the organisation's sector), the forum, and the question desk."""
    offers = []
    if step.topic is not None:
        offers.append(
            Offer(
                _("Articles and practices on “%(topic)s”") % {"topic": step.topic.name},
                step.topic.get_absolute_url(),
            )
        )
    training = reverse("vorming:session_list")
    if sector is not None:
        offers.append(
            Offer(
                _("Training days and teasers for %(sector)s") % {"sector": sector.name},
                f"{training}?sector={sector.slug}",
            )
        )
    else:
        offers.append(Offer(_("Training days and teasers"), training))
    offers.append(Offer(_("Ask other practitioners in the forum"), reverse("forum:category_list")))
    offers.append(Offer(_("Ask the contact point a question"), reverse("desk:ask")))
    return offers


GUIDE_ITEMS = 3  # of each kind per step on the public guide
GUIDE_SCAN = 300  # the newest pages or sessions of all the steps' topics read for the guide


@dataclass(frozen=True)
class StepContent:
    articles: list[Offer]
    practices: list[Offer]
    sessions: list[Offer]

    def __bool__(self):
        return bool(self.articles or self.practices or self.sessions)


def guide_content(step_list) -> dict[int, StepContent]:
    """Per topic of ``step_list``: its newest articles and practices and its coming sessions,
    GUIDE_ITEMS of each, for the public guide. Five queries, whatever the number of pages
    and sessions (of the newest GUIDE_SCAN of each kind)."""
    from aanspreekpunt.pages.models import ArticlePage, PracticePage
    from vorming.selectors import sessions_public

    topic_ids = {step.topic_id for step in step_list if step.topic_id}
    if not topic_ids:
        return {}
    found = {topic_id: {"articles": [], "practices": [], "sessions": []} for topic_id in topic_ids}

    def spread(objects, kind, offer):
        for obj in objects:
            for topic in obj.topics.all():
                rows = found.get(topic.pk, {}).get(kind)
                if rows is not None and len(rows) < GUIDE_ITEMS:
                    rows.append(offer(obj))

    for model, kind in ((ArticlePage, "articles"), (PracticePage, "practices")):
        pages = (
            model.objects.live()
            .public()
            .filter(topics__in=topic_ids)
            .distinct()
            .order_by("-first_published_at", "pk")
            .prefetch_related("topics")
        )
        spread(pages[:GUIDE_SCAN], kind, lambda page: Offer(page.title, page.url))
    sessions = sessions_public()
    status = sessions.model.Status
    upcoming = (
        sessions.filter(
            topics__in=topic_ids,
            start__gte=timezone.now(),
            status__in=[status.PLANNED, status.CONFIRMED],
        )
        .distinct()
        .order_by("start", "pk")
    )

    def session_offer(session):
        when = date_format(timezone.localtime(session.start), "j F Y")
        return Offer(f"{session.title}, {when}", session.get_absolute_url())

    spread(upcoming[:GUIDE_SCAN], "sessions", session_offer)
    return {topic_id: StepContent(**kinds) for topic_id, kinds in found.items()}


def _upcoming_session(*, kind: str, topic, sector):
    """The first coming session of ``kind`` (a training day, a teaser), on ``topic`` and of
    ``sector`` when there is one, else of ``sector``, else on ``topic``: at most three
    queries."""
    from vorming.selectors import sessions_public

    sessions = sessions_public()
    status = sessions.model.Status
    upcoming = sessions.filter(
        kind=kind, start__gte=timezone.now(), status__in=[status.PLANNED, status.CONFIRMED]
    ).order_by("start", "pk")
    tries = []
    if sector is not None and topic is not None:
        tries.append({"sector": sector, "topics": topic})
    if sector is not None:
        tries.append({"sector": sector})
    elif topic is not None:
        tries.append({"topics": topic})
    for lookup in tries:
        session = upcoming.filter(**lookup).first()
        if session is not None:
            return session
    return None


def next_step_offers(*, step: Step, sector: Sector | None = None, user=None) -> list[Offer]:
    """What the platform offers for the organisation's next step, named one by one: the
    coming training day of its sector and a teaser (on the step's topic if there is one), an
    article or practice on the topic and a forum category about it; then the general links
    of ``offers_for_step``. A fixed number of queries."""
    from aanspreekpunt.forum.selectors import categories_visible
    from aanspreekpunt.pages.models import ArticlePage, PracticePage
    from aanspreekpunt.pages.selectors import tagged

    topic = step.topic
    found = []
    for kind, label in (
        ("training_day", _("Training day: %(title)s, %(date)s")),
        ("teaser", _("Teaser: %(title)s, %(date)s")),
    ):
        session = _upcoming_session(kind=kind, topic=topic, sector=sector)
        if session is not None:
            when = date_format(timezone.localtime(session.start), "j F Y")
            found.append(
                Offer(label % {"title": session.title, "date": when}, session.get_absolute_url())
            )
    if topic is not None:
        for model, label in (
            (ArticlePage, _("Article: %(title)s")),
            (PracticePage, _("Practice: %(title)s")),
        ):
            page = tagged(model, topics=[topic]).order_by("-first_published_at", "pk").first()
            if page is not None:
                found.append(Offer(label % {"title": page.title}, page.url))
        category = (
            categories_visible(user=user or AnonymousUser())
            .filter(topics=topic)
            .order_by("sort_order", "name", "pk")
            .first()
        )
        if category is not None:
            found.append(
                Offer(
                    _("Forum category: %(name)s") % {"name": category.name},
                    category.get_absolute_url(),
                )
            )
    return found + offers_for_step(step=step, sector=sector)


# --- figures ------------------------------------------------------------------------------


def _organisations_on_map():
    return public_offerings().order_by().values("organisation_id")


@dataclass(frozen=True)
class StepShare:
    number: int
    finished: int | None  # None: hidden (fewer than MIN_ORGANISATIONS on the map)
    share: float | None


@dataclass(frozen=True)
class SectorCoverage:
    name: str
    slug: str
    organisations: int  # on the map
    steps: list[StepShare]

    @property
    def shown(self) -> bool:
        return self.organisations >= MIN_ORGANISATIONS


def sector_step_coverage() -> list[SectorCoverage]:
    """Per sector: of its organisations on the map, the share that finished each step.
    Sectors with fewer than MIN_ORGANISATIONS on the map show no figures. Four queries,
    whatever the number of organisations."""
    on_map = _organisations_on_map()
    totals = dict(
        Organisation.objects.filter(pk__in=on_map, sectors__isnull=False)
        .values_list("sectors")
        .annotate(n=Count("pk", distinct=True))
    )
    done = {
        (sector, number): n
        for sector, number, n in StepProgress.objects.filter(
            organisation__in=on_map,
            state=StepProgress.State.DONE,
            organisation__sectors__isnull=False,
        )
        .values_list("organisation__sectors", "step__number")
        .annotate(n=Count("organisation", distinct=True))
    }
    numbers = list(Step.objects.order_by("number").values_list("number", flat=True))
    coverage = []
    for sector in Sector.objects.all():
        total = totals.get(sector.pk, 0)
        shown = total >= MIN_ORGANISATIONS
        coverage.append(
            SectorCoverage(
                name=sector.name,
                slug=sector.slug,
                organisations=total,
                steps=[
                    StepShare(
                        number=number,
                        finished=done.get((sector.pk, number), 0) if shown else None,
                        share=100 * done.get((sector.pk, number), 0) / total if shown else None,
                    )
                    for number in numbers
                ],
            )
        )
    return coverage


def stepplan_indicator(*, step_number: int = 1) -> dict:
    """The live figure for the priority action "elke organisatie concretiseert haar visie op
    onlinehulp" (Bouwstenen (2014)): the share of organisations on the map that finished
    step 1 ("Visie"). Hidden (value None) below MIN_ORGANISATIONS."""
    on_map = _organisations_on_map()
    total = Organisation.objects.filter(pk__in=on_map).count()
    finished = (
        StepProgress.objects.filter(
            organisation__in=on_map, step__number=step_number, state=StepProgress.State.DONE
        )
        .values("organisation")
        .distinct()
        .count()
    )
    shown = total >= MIN_ORGANISATIONS
    return {
        "key": f"stepplan-step-{step_number}",
        "label": _("Organisations on the service map that finished step %(number)s")
        % {"number": step_number},
        "organisations": total if shown else None,
        "finished": finished if shown else None,
        "share": round(100 * finished / total, 1) if shown else None,
        "unit": "%",
    }


def stuck_organisations(*, now=None) -> QuerySet[Organisation]:
    """Organisations stuck on a step for more than six months, longest stuck first: busy
    with a step since before then, or done with a step before then without having touched
    the plan since (the next step never started). ``stuck_since`` is when it began."""
    cutoff = (now or timezone.now()) - STUCK_AFTER
    old_busy = Q(
        step_progress__state=StepProgress.State.BUSY, step_progress__state_since__lt=cutoff
    )
    return (
        Organisation.objects.annotate(
            busy_since=Min("step_progress__state_since", filter=old_busy),
            last_change=Max("step_progress__state_since"),
            finished=Count(
                "step_progress", filter=Q(step_progress__state__in=StepProgress.FINISHED)
            ),
        )
        .filter(
            Q(busy_since__isnull=False)
            | Q(last_change__lt=cutoff, finished__gt=0, finished__lt=Step.objects.count())
        )
        .annotate(stuck_since=Coalesce("busy_since", "last_change"))
        .only("name", "slug")
        .order_by("stuck_since", "pk")
    )


@dataclass(frozen=True)
class StuckRow:
    organisation: Organisation
    step: Step
    since: datetime
    busy: bool  # busy with the step; otherwise the step after the last one finished


def stuck_rows(organisations) -> list[StuckRow]:
    """The step each of ``organisations`` (from ``stuck_organisations``) is stuck on: two
    queries, whatever the number of organisations."""
    organisations = list(organisations)
    progress = {}
    for row in StepProgress.objects.filter(organisation__in=[o.pk for o in organisations]):
        progress.setdefault(row.organisation_id, {})[row.step_id] = row
    all_steps = list(steps())
    rows = []
    for organisation in organisations:
        own = progress.get(organisation.pk, {})
        if organisation.busy_since is not None:
            oldest = min(
                (p for p in own.values() if p.state == StepProgress.State.BUSY),
                key=lambda p: p.state_since,
            )
            step = next(s for s in all_steps if s.pk == oldest.step_id)
            rows.append(StuckRow(organisation, step, organisation.busy_since, busy=True))
            continue
        step = next(
            s for s in all_steps if s.pk not in own or own[s.pk].state not in StepProgress.FINISHED
        )
        rows.append(StuckRow(organisation, step, organisation.last_change, busy=False))
    return rows


def sharing_organisations() -> list[tuple]:
    """Organisations that show their progress in public: (organisation, steps done)."""
    plans = (
        Organisation.objects.filter(step_plan__shares_progress=True)
        .annotate(
            done=Count(
                "step_progress",
                filter=Q(step_progress__state=StepProgress.State.DONE),
            )
        )
        .order_by("name")
        .only("name", "slug")
    )
    return [(organisation, organisation.done) for organisation in plans[:200]]
