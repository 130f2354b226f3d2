"""Model fields for text that people type, with limits that hold on every path.

Django's form fields refuse NUL characters and text over ``max_length``, but its model
fields leave both to the form: ``full_clean`` lets them through, and so does anything that
writes without a form (an import checks its rows with ``full_clean``). PostgreSQL cannot
store a NUL character at all, and a ``TextField`` has no length limit in the database.
"""

from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.functional import cached_property

prohibit_nul_characters = ProhibitNullCharactersValidator()


class PlainCharField(models.CharField):
    """A line of typed text: ``full_clean`` refuses a NUL character, as the form does."""

    default_validators = [prohibit_nul_characters]


class PlainTextField(models.TextField):
    """Typed text of at most ``max_length`` characters, without NUL characters; forms and
    ``full_clean`` check both. Pair it with ``length_constraint`` for the database."""

    default_validators = [prohibit_nul_characters]

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)

    @cached_property
    def validators(self):
        return [*super().validators, MaxLengthValidator(self.max_length)]


def length_constraint(table: str, field: str, max_length: int) -> models.CheckConstraint:
    """The database refuses text longer than ``max_length`` in ``field`` (one comparison per
    write), so no path around the model's validation can store more."""
    return models.CheckConstraint(
        condition=LessThanOrEqual(Length(field), max_length),
        name=f"{table}_{field}_max_length",
    )
