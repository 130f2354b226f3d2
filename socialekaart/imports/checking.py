"""Checking the rows of an import against the vocabularies, the map and each other."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError

from aanspreekpunt.core.imports.importers import CheckedRow

from ..models import Offering, Organisation
from ..validators import normalise_enterprise_number
from .columns import (
    CHOICE_COLUMNS,
    DATE_FORMATS,
    NO,
    OFFERING_COLUMNS,
    ORGANISATION_COLUMNS,
    SEPARATOR,
    TERM_COLUMNS,
    YES,
)
from .messages import (
    DUPLICATE_ROW,
    INVALID_CHOICE,
    INVALID_DATE,
    INVALID_YES_NO,
    NAME_AMBIGUOUS,
    NUMBER_OTHER_NAME,
    OFFERING_EXISTS,
    ORGANISATION_MATCHED,
    ORGANISATION_NEW,
    UNKNOWN_KEYS,
    VALUE_REQUIRED,
)


@dataclass
class ParsedRow(CheckedRow):
    """One row, checked: the organisation and offering for the services, or the errors."""

    organisation_key: str = ""
    organisation: dict = field(default_factory=dict)
    existing_organisation: Organisation | None = None
    offering: dict = field(default_factory=dict)


class _Checker:
    """Checks rows against the vocabularies, the map and the rows before them."""

    def __init__(self, records: list[dict]):
        self.terms = {column: _by_slug(model) for column, (_f, model) in TERM_COLUMNS.items()}
        self.organisations = list(Organisation.objects.values("pk", "name", "enterprise_number"))
        self.by_number = {o["enterprise_number"]: o for o in self.organisations}
        self.names_in_file: dict[str, tuple[int, str]] = {}  # key -> (row, name)
        # casefolded name -> the enterprise number the file gives it in any row
        self.number_of_name: dict[str, str] = {}
        for record in records:
            name = record["values"].get("organisatie", "").casefold()
            number = _enterprise_number(record["values"].get("kbo", ""))
            if name and number:
                self.number_of_name.setdefault(name, number)
        self.offerings_in_file: dict[tuple[str, str], int] = {}
        self.existing_offerings: dict[int, set[str]] = {}

    def check(self, record: dict) -> ParsedRow:
        parsed, values = ParsedRow(row=record["row"]), record["values"]
        self._fields(parsed, values)
        self._terms(parsed, values)
        self._choices(parsed, values)
        self._validate(parsed)
        if parsed.organisation.get("name") and parsed.offering.get("name"):
            self._match_organisation(parsed)
            self._duplicates(parsed)
        return parsed

    def _fields(self, parsed: ParsedRow, values: dict) -> None:
        for column, name in ORGANISATION_COLUMNS.items():
            parsed.organisation[name] = values.get(column, "")
        for column, name in OFFERING_COLUMNS.items():
            parsed.offering[name] = values.get(column, "")
        for column in ("organisatie", "aanbod"):
            if not values.get(column):
                parsed.errors.append(VALUE_REQUIRED % {"column": column})
        parsed.organisation["enterprise_number"] = _enterprise_number(values.get("kbo", ""))
        flag = values.get("altijd_beschikbaar", "").lower()
        if flag not in YES | NO:
            parsed.errors.append(INVALID_YES_NO % {"column": "altijd_beschikbaar"})
        parsed.offering["always_available"] = flag in YES
        parsed.offering["start_date"] = self._date(parsed, values.get("startdatum", ""))

    def _date(self, parsed: ParsedRow, text: str) -> date | None:
        for date_format in DATE_FORMATS if text else ():
            try:
                return datetime.strptime(text, date_format).date()
            except ValueError:
                continue
        if text:
            parsed.errors.append(INVALID_DATE % {"column": "startdatum", "value": text})
        return None

    def _terms(self, parsed: ParsedRow, values: dict) -> None:
        for column, (name, _model) in TERM_COLUMNS.items():
            keys = [k.strip() for k in values.get(column, "").split(SEPARATOR) if k.strip()]
            unknown = [key for key in keys if key not in self.terms[column]]
            if unknown:
                parsed.errors.append(UNKNOWN_KEYS % {"column": column, "keys": ", ".join(unknown)})
            terms = [self.terms[column][key] for key in dict.fromkeys(keys) if key not in unknown]
            target = parsed.organisation if column == "sectoren" else parsed.offering
            target[name] = terms

    def _choices(self, parsed: ParsedRow, values: dict) -> None:
        for column, (name, choices) in CHOICE_COLUMNS.items():
            text = values.get(column, "").strip()
            if not text:
                continue
            allowed = {v.lower(): v for v in choices.values}
            allowed.update({str(label).lower(): v for v, label in choices.choices})
            if text.lower() in allowed:
                parsed.offering[name] = allowed[text.lower()]
            else:
                listed = ", ".join(choices.values)
                parsed.errors.append(
                    INVALID_CHOICE % {"column": column, "value": text, "choices": listed}
                )

    def _validate(self, parsed: ParsedRow) -> None:
        """The models' own field rules (lengths, web and e-mail addresses, KBO check digits)."""
        checks = (
            (Organisation(**_plain(parsed.organisation)), ORGANISATION_COLUMNS),
            (Offering(**_plain(parsed.offering)), {**OFFERING_COLUMNS, **_choice_names()}),
        )
        for instance, columns in checks:
            # An empty name is already reported, in the column's words.
            exclude = ["slug", "organisation"] + ([] if instance.name else ["name"])
            try:
                instance.full_clean(
                    exclude=exclude,
                    validate_unique=False,
                    validate_constraints=False,
                )
            except ValidationError as error:
                column_of = {name: column for column, name in columns.items()}
                for name, messages in error.message_dict.items():
                    for message in messages:
                        parsed.errors.append(f"{column_of.get(name, name)}: {message}")

    def _match_organisation(self, parsed: ParsedRow) -> None:
        name, number = parsed.organisation["name"], parsed.organisation["enterprise_number"]
        folded = name.casefold()
        number = number or self.number_of_name.get(folded, "")
        key = f"kbo:{number}" if number else f"name:{folded}"
        first_row, first_name = self.names_in_file.setdefault(key, (parsed.row, name))
        if first_name.casefold() != folded:
            parsed.errors.append(NUMBER_OTHER_NAME % {"row": first_row, "name": first_name})
        parsed.organisation_key = key
        if number and number in self.by_number:
            existing = [self.by_number[number]]
        else:  # by name, unless the namesake has another enterprise number
            existing = [
                o
                for o in self.organisations
                if o["name"].casefold() == folded and not (number and o["enterprise_number"])
            ]
        if len(existing) > 1:
            parsed.errors.append(NAME_AMBIGUOUS % {"name": name})
        elif existing:
            parsed.existing_organisation = Organisation(**existing[0])
            parsed.notes.append(ORGANISATION_MATCHED % {"name": existing[0]["name"]})
        elif first_row == parsed.row:
            parsed.notes.append(ORGANISATION_NEW)

    def _duplicates(self, parsed: ParsedRow) -> None:
        name = parsed.offering["name"].casefold()
        first = self.offerings_in_file.setdefault((parsed.organisation_key, name), parsed.row)
        if first != parsed.row:
            parsed.errors.append(DUPLICATE_ROW % {"row": first})
        existing = parsed.existing_organisation
        if existing is not None and name in self._offering_names(existing.pk):
            parsed.errors.append(OFFERING_EXISTS)

    def _offering_names(self, organisation_id: int) -> set[str]:
        if organisation_id not in self.existing_offerings:
            names = (
                Offering.objects.filter(organisation_id=organisation_id)
                .exclude(moderation_state=Offering.Moderation.ARCHIVED)
                .values_list("name", flat=True)
            )
            self.existing_offerings[organisation_id] = {n.casefold() for n in names}
        return self.existing_offerings[organisation_id]


def _enterprise_number(text: str) -> str:
    number = normalise_enterprise_number(text)
    # Excel drops the leading zero of a number such as 0123456749.
    return number.zfill(10) if len(number) == 9 and number.isdigit() else number


def _by_slug(model) -> dict:
    return {term.slug: term for term in model.objects.all()}


def _plain(data: dict) -> dict:
    """The non-relational fields of ``data``, to build an unsaved model for checking."""
    return {key: value for key, value in data.items() if not isinstance(value, list)}


def _choice_names() -> dict:
    return {column: name for column, (name, _choices) in CHOICE_COLUMNS.items()}


def check_rows(records: list[dict]) -> list[ParsedRow]:
    """Check every row; rows with errors say why, in the users' language."""
    checker = _Checker(records)
    return [checker.check(record) for record in records]
