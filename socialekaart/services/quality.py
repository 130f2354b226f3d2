"""Quality of online help (issue 18): the norms, representatives' answers, their review,
the one reminder to organisations that did not answer, and the monthly figures.

Answers follow the offering's moderation: what a representative saves waits (the
``pending_`` fields) until a coordinator publishes the offering, exactly as a change to a
published offering does; ``offering_publish`` calls ``quality_publish_pending``.
"""

import json
from datetime import date, datetime
from pathlib import Path

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.pagecache import data_changed
from aanspreekpunt.core.services import audit_record, email_enqueue_each

from .. import messages as msg
from ..models import (
    QUALITY_EXPLANATION_MAX_LENGTH,
    Offering,
    QualityAnswer,
    QualityMonthlyFigure,
    QualityNorm,
    QualityReminder,
)

QUALITY_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "quality_norms.json"
# An organisation that has not answered this long after its offering was published (or
# after the feature went live, whichever is later) gets one reminder.
REMIND_AFTER = relativedelta(months=6)

EXPLANATION_TOO_LONG = _("Keep the explanation to %(limit)d characters.")
LINK_INVALID = _("Give a full web address, starting with https:// or http://.")
STATUS_INVALID = _("Choose one of the answers offered.")
STATUS_REQUIRED = _("Choose an answer before giving an explanation or a link.")
NORM_UNKNOWN = _("This quality norm does not exist.")
OFFERING_ARCHIVED = _("This offering is archived; its quality answers cannot be changed.")
NUL_CHARACTER = _("The text contains a character that is not allowed.")

Status = QualityAnswer.Status


# --- Norms ----------------------------------------------------------------------------------


@transaction.atomic
def quality_norms_load(path: Path = QUALITY_FIXTURE) -> int:
    """Load the norms from the fixture by their code: new norms are added, reworded ones
    updated; answers point at the code and stay. Returns the number of norms."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    source = data["source"]
    for row in data["norms"]:
        QualityNorm.objects.update_or_create(
            code=row["code"],
            defaults={
                **{key: value for key, value in row.items() if key != "code"},
                "source_title": source["title"],
                "source_url": source["url"],
            },
        )
    data_changed("map", "reference")
    return len(data["norms"])


def quality_live_since() -> datetime | None:
    """When the feature went live: the norms were loaded by its migration."""
    return QualityNorm.objects.aggregate(first=Min("created_at"))["first"]


# --- Answers --------------------------------------------------------------------------------


def _clean_answer(row: dict) -> tuple[str, str, str]:
    """The status, explanation and link of one answer, or a DomainError."""
    status = (row.get("status") or "").strip()
    explanation = (row.get("explanation") or "").strip()
    link = (row.get("link") or "").strip()
    if status and status not in Status.values:
        raise DomainError(STATUS_INVALID)
    if "\x00" in explanation or "\x00" in link:
        raise DomainError(NUL_CHARACTER)
    if len(explanation) > QUALITY_EXPLANATION_MAX_LENGTH:
        raise DomainError(EXPLANATION_TOO_LONG % {"limit": QUALITY_EXPLANATION_MAX_LENGTH})
    if link:
        try:
            URLValidator(schemes=["http", "https"])(link)
        except ValidationError:
            raise DomainError(LINK_INVALID) from None
        if len(link) > 500:
            raise DomainError(LINK_INVALID)
    if not status and (explanation or link):
        raise DomainError(STATUS_REQUIRED)
    return status, explanation, link


@transaction.atomic
def quality_answers_save(*, offering: Offering, actor, answers: dict[str, dict]) -> int:
    """Keep the representative's answers (norm code -> status, explanation, link) as
    waiting for review. An answer equal to the published one waits for nothing. Returns
    how many answers now differ from what visitors see."""
    offering = Offering.objects.select_for_update().get(pk=offering.pk)
    if offering.moderation_state == Offering.Moderation.SUBMITTED:
        raise DomainError(msg.UNDER_REVIEW)
    if offering.moderation_state == Offering.Moderation.ARCHIVED:
        raise DomainError(OFFERING_ARCHIVED)
    norms = {norm.code: norm for norm in QualityNorm.objects.all()}
    if set(answers) - set(norms):
        raise DomainError(NORM_UNKNOWN)
    cleaned = {code: _clean_answer(row) for code, row in answers.items()}
    existing = {a.norm_id: a for a in QualityAnswer.objects.filter(offering=offering)}
    now = timezone.now()
    changes = {}
    for code, (status, explanation, link) in cleaned.items():
        answer = existing.get(code)
        if answer is None:
            if not status:
                continue
            answer = QualityAnswer(offering=offering, norm=norms[code])
        same_as_published = (answer.status, answer.explanation, answer.link) == (
            status,
            explanation,
            link,
        )
        before = (answer.pending_status, answer.pending_explanation, answer.pending_link)
        was_pending = answer.pending_since is not None
        if same_as_published:
            answer.pending_status, answer.pending_explanation, answer.pending_link = "", "", ""
            answer.pending_since = None
        else:
            answer.pending_status, answer.pending_explanation = status, explanation
            answer.pending_link = link
            if not was_pending or before != (status, explanation, link):
                answer.pending_since = now
        if answer.pk is None or was_pending or answer.pending_since is not None:
            answer.save()
        if not same_as_published:
            changes[code] = status or "-"
    if changes:
        audit_record(
            actor=actor,
            action="socialekaart.offering.quality_proposed",
            obj=offering,
            changes=changes,
        )
    return len(changes)


def quality_has_pending(offering: Offering) -> bool:
    return QualityAnswer.objects.filter(offering=offering, pending_since__isnull=False).exists()


def quality_publish_pending(*, offering: Offering, actor, now: datetime | None = None) -> int:
    """Publish the answers waiting for ``offering`` (inside ``offering_publish``'s
    transaction); the public pages are renewed once it commits."""
    now = now or timezone.now()
    waiting = list(
        QualityAnswer.objects.select_for_update().filter(
            offering=offering, pending_since__isnull=False
        )
    )
    for answer in waiting:
        answer.status = answer.pending_status
        answer.explanation = answer.pending_explanation
        answer.link = answer.pending_link
        answer.pending_status = answer.pending_explanation = answer.pending_link = ""
        answer.pending_since = None
        answer.published_at = now
        answer.save()
    if waiting:
        audit_record(
            actor=actor,
            action="socialekaart.offering.quality_published",
            obj=offering,
            changes={answer.norm_id: answer.status or "-" for answer in waiting},
        )
        data_changed("map")
    return len(waiting)


# --- The reminder ---------------------------------------------------------------------------


def quality_unanswered_due(*, now: datetime):
    """Public offerings without any answer (given or waiting), published six months ago or
    more, counted from the feature's launch at the earliest, not reminded before."""
    live_since = quality_live_since()
    if live_since is None or live_since + REMIND_AFTER > now:
        return Offering.objects.none()
    return (
        Offering.objects.filter(
            is_public=True,
            published_at__lte=now - REMIND_AFTER,
            quality_answers__isnull=True,
            quality_reminder__isnull=True,
        )
        .select_related("organisation")
        .order_by("pk")
    )


def quality_remind_unanswered(*, now: datetime | None = None) -> int:
    """One e-mail (outbox) per organisation with offerings due, naming every one of them;
    each offering is reminded about exactly once. Returns how many organisations were
    reminded."""
    from ..selectors import representative_emails

    now = now or timezone.now()
    due: dict[int, list[Offering]] = {}
    for offering in quality_unanswered_due(now=now)[:500]:
        due.setdefault(offering.organisation_id, []).append(offering)
    reminded = 0
    for offerings in due.values():
        organisation = offerings[0].organisation
        recipients = representative_emails(organisation=organisation)
        if not recipients:
            continue  # nobody to ask yet: tried again once a representative is approved
        try:
            with transaction.atomic():
                # The one-to-one rows are the claim: a second run (or a simultaneous one)
                # cannot insert them again.
                QualityReminder.objects.bulk_create(
                    [QualityReminder(offering=offering, sent_at=now) for offering in offerings]
                )
                for offering in offerings:
                    audit_record(
                        actor=None, action="socialekaart.offering.quality_reminded", obj=offering
                    )
                email_enqueue_each(
                    to=recipients,
                    template="quality_norms_reminder",
                    context={
                        "organisation": organisation,
                        "offerings": offerings,
                        "names": ", ".join(f"“{offering.name}”" for offering in offerings),
                    },
                )
        except IntegrityError:
            continue
        reminded += 1
    return reminded


# --- Monthly figures --------------------------------------------------------------------------


@transaction.atomic
def quality_figures_keep_month(*, today: date | None = None) -> int:
    """Store this month's figures (run daily: the month ends with its last day's figures)."""
    from ..selectors_quality import quality_figures

    today = today or timezone.localdate()
    month = today.replace(day=1)
    rows = 0
    for sector in quality_figures():
        for norm in sector.norms:
            QualityMonthlyFigure.objects.update_or_create(
                month=month,
                sector_slug=sector.slug,
                norm_code=norm.code,
                defaults={
                    "sector_name": sector.name,
                    "offerings": sector.offerings,
                    "met": norm.met,
                    "partly": norm.partly,
                    "not_yet": norm.not_yet,
                    "not_applicable": norm.not_applicable,
                    "unanswered": norm.unanswered,
                },
            )
            rows += 1
    return rows
