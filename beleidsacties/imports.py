"""Coordinators fill in the slots of a plan from a CSV or Excel file (core's import machinery).

One row per action, in the export's columns (``columns``). A column that is not in the file
leaves that field as it is; an empty cell in a column that is there empties the field. The
check refuses a number outside its plan, a number twice in the file, an unknown plan,
strategy, actor or topic; nothing is imported until every row is valid, and then all rows
in one transaction.
"""

from datetime import date, datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aanspreekpunt.core.imports import jobs
from aanspreekpunt.core.imports.importers import CheckedRow, Importer, ImportRun
from aanspreekpunt.topics.selectors import topic_list

from . import services
from .columns import EXPORT_COLUMNS, NO, SEPARATOR, YES
from .models import TEXT_MAX_LENGTH, Action, Actor, ImportJob, ImportUpload, Plan

TEXT_FIELDS = {
    "rapportnummer": ("report_number", 20),
    "titel": ("title", 300),
    "omschrijving": ("description", TEXT_MAX_LENGTH),
    "eigenaar": ("owner", 200),
    "bron": ("source", 300),
}


def _date(text: str) -> date | None:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError


class ActionImporter(Importer):
    key = "beleidsacties.actions"
    label = gettext_lazy("policy actions")
    columns = EXPORT_COLUMNS
    job_model = ImportJob
    upload_model = ImportUpload
    audit_prefix = "beleidsacties.import"
    result_keys = ("actions_updated",)

    def check_rows(self, records: list[dict]) -> list[CheckedRow]:
        plans = {plan.slug: plan for plan in Plan.objects.prefetch_related("strategies")}
        actors = {actor.key: actor for actor in Actor.objects.all()}
        topics = {topic.slug: topic for topic in topic_list()}
        seen: dict[tuple, int] = {}
        return [self._check(record, plans, actors, topics, seen) for record in records]

    def _check(self, record, plans, actors, topics, seen) -> CheckedRow:
        values = record["values"]
        row = CheckedRow(row=record["row"])
        errors = row.errors
        plan = plans.get(values.get("plan", ""))
        if plan is None:
            errors.append(_("Unknown plan “%(plan)s”.") % {"plan": values.get("plan", "")})
        number = None
        try:
            number = int(values.get("nummer", ""))
        except ValueError:
            errors.append(_("The number must be a whole number."))
        if plan is not None and number is not None:
            if not 1 <= number <= plan.action_count:
                errors.append(
                    _("Number %(number)s is outside the plan (1 to %(count)s).")
                    % {"number": number, "count": plan.action_count}
                )
            elif (plan.pk, number) in seen:
                errors.append(
                    _("Number %(number)s of this plan is also in row %(row)s.")
                    % {"number": number, "row": seen[(plan.pk, number)]}
                )
            else:
                seen[(plan.pk, number)] = record["row"]
        data = {}
        for column, (field, limit) in TEXT_FIELDS.items():
            if column in values:
                if len(values[column]) > limit or "\x00" in values[column]:
                    errors.append(_("The column %(column)s is too long.") % {"column": column})
                data[field] = values[column]
        if "strategie" in values and plan is not None:
            text = values["strategie"]
            strategies = {str(s.number): s for s in plan.strategies.all()}
            if text and text not in strategies:
                errors.append(
                    _("Unknown strategy “%(strategy)s” in this plan.") % {"strategy": text}
                )
            data["strategy"] = strategies.get(text)
        for column, field, known in (
            ("actoren", "actors", actors),
            ("onderwerpen", "topics", topics),
        ):
            if column in values:
                keys = [key.strip() for key in values[column].split(SEPARATOR) if key.strip()]
                unknown = [key for key in keys if key not in known]
                if unknown:
                    errors.append(
                        _("Unknown keys in %(column)s: %(keys)s.")
                        % {"column": column, "keys": ", ".join(unknown)}
                    )
                data[field] = [known[key] for key in keys if key in known]
        if "prioriteit" in values:
            text = values["prioriteit"].lower()
            if text not in YES + NO:
                errors.append(_("Priority is “ja” or “nee”."))
            data["is_priority"] = text in YES
        if "streefdatum" in values:
            try:
                data["target_date"] = (
                    _date(values["streefdatum"]) if values["streefdatum"] else None
                )
            except ValueError:
                errors.append(_("The target date is not a date (dd/mm/yyyy)."))
        if not errors:
            row.data = {"plan": plan.pk, "number": number, "fields": data}
            action = Action.objects.filter(plan=plan, number=number).only("title").first()
            if action is not None and not action.title and data.get("title"):
                row.notes.append(_("An open slot is filled in."))
        return row

    def write_row(self, row: CheckedRow, *, run: ImportRun) -> None:
        action = Action.objects.get(plan_id=row.data["plan"], number=row.data["number"])
        services.action_fill(action=action, actor=run.actor, data=row.data["fields"])
        run.result["actions_updated"] += 1


action_importer = ActionImporter()


def import_job_upload(*, actor, upload):
    return jobs.import_job_upload(importer=action_importer, actor=actor, upload=upload)


def import_job_queue(*, job, actor):
    return jobs.import_job_queue(importer=action_importer, job=job, actor=actor)


def import_job_progress(*, job) -> dict:
    return jobs.import_job_progress(importer=action_importer, job=job)


def import_job_get_or_404(*, pk: int):
    return jobs.import_job_get_for_user_or_404(importer=action_importer, pk=pk, allowed=True)


def import_jobs_recent(*, limit: int = 10):
    return jobs.import_jobs_recent(importer=action_importer, limit=limit)
