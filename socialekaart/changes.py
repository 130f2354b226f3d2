"""What a coordinator reviews: every field of an offering, as visitors would read it, and
for a change to a published offering the proposed value beside the published one, with the
words that change marked (names of terms, never their ids)."""

import difflib
from dataclasses import dataclass
from datetime import date, time

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import Modality, Offering, OpeningHours, TargetGroup, Theme
from .services import OFFERING_FIELDS, OFFERING_M2M

TERM_MODELS = {"modalities": Modality, "target_groups": TargetGroup, "themes": Theme}


@dataclass(frozen=True)
class ReviewRow:
    label: str
    current: str
    proposed: str | None = None  # None: no change pending for this offering

    @property
    def changed(self) -> bool:
        return self.proposed is not None and self.proposed != self.current

    @property
    def diff(self) -> SafeString:
        """The proposed text with removed words struck through and new words marked."""
        return word_diff(self.current, self.proposed or "")


def word_diff(before: str, after: str) -> SafeString:
    old, new = before.split(), after.split()
    parts = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(old[a1:a2])))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(' '.join(old[a1:a2]))}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(' '.join(new[b1:b2]))}</ins>")
    return mark_safe(" ".join(parts))  # every piece of text above is escaped


def _field_label(name: str) -> str:
    return str(Offering._meta.get_field(name).verbose_name).capitalize()


def _display(name: str, value) -> str:
    """A stored value as visitors read it."""
    if value in (None, "", []):
        return "—"
    field = Offering._meta.get_field(name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def _hours_text(rows) -> str:
    weekdays = dict(OpeningHours.Weekday.choices)
    dash = "\u2013"
    parts = [f"{weekdays[r['weekday']]} {r['opens']:%H:%M}{dash}{r['closes']:%H:%M}" for r in rows]
    return "; ".join(parts) or "—"


def review_rows(offering: Offering) -> list[ReviewRow]:
    """Every field of ``offering``; with the pending change, the proposed value of each."""
    change = offering.pending_changes
    names = {}
    if change:  # the terms a change names, in one query per vocabulary
        for field, model in TERM_MODELS.items():
            ids = change.get(field) or []
            names[field] = dict(model.objects.filter(pk__in=ids).values_list("pk", "name"))
        if change.get("hours_modality"):
            names["hours_modality"] = dict(
                Modality.objects.filter(pk=change["hours_modality"]).values_list("pk", "name")
            )
    rows = []
    for field in OFFERING_FIELDS:
        current = _display(field, getattr(offering, field))
        proposed = None
        if change is not None and field in change:
            value = change[field]
            if field == "start_date" and value:
                value = date.fromisoformat(value)
            proposed = _display(field, value)
        elif change is not None:
            proposed = current
        rows.append(ReviewRow(_field_label(field), current, proposed))
    for field in OFFERING_M2M:
        current = ", ".join(term.name for term in getattr(offering, field).all()) or "—"
        proposed = None
        if change is not None:
            ids = change.get(field)
            proposed = (
                current
                if ids is None
                else ", ".join(names[field][pk] for pk in ids if pk in names[field]) or "—"
            )
        rows.append(ReviewRow(_field_label(field), current, proposed))
    modality = offering.hours_modality.name if offering.hours_modality else "—"
    proposed_modality = None
    if change is not None:
        key = change.get("hours_modality", offering.hours_modality_id)
        proposed_modality = names.get("hours_modality", {}).get(key, modality if key else "—")
    rows.append(ReviewRow(_field_label("hours_modality"), modality, proposed_modality))
    current_hours = _hours_text(
        {"weekday": r.weekday, "opens": r.opens, "closes": r.closes}
        for r in offering.opening_hours.all()
    )
    proposed_hours = None
    if change is not None:
        proposed_hours = _hours_text(
            {
                "weekday": row["weekday"],
                "opens": time.fromisoformat(row["opens"]),
                "closes": time.fromisoformat(row["closes"]),
            }
            for row in change.get("hours", [])
        )
    rows.append(ReviewRow(_("Opening hours"), current_hours, proposed_hours))
    return rows
