"""Validation of Belgian enterprise (KBO) numbers."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NON_DIGITS = re.compile(r"[\s.\-]|^BE", re.IGNORECASE)


def normalise_enterprise_number(value: str) -> str:
    """Strip the separators people type ("0123.456.749", "BE 0123 456 749")."""
    return NON_DIGITS.sub("", value or "")


def enterprise_number_is_valid(value: str) -> bool:
    """Ten digits, first 0 or 1, last two = 97 - (first eight mod 97)."""
    return (
        len(value) == 10
        and value.isdigit()
        and value[0] in "01"
        and int(value[8:]) == 97 - int(value[:8]) % 97
    )


def validate_enterprise_number(value: str) -> None:
    if not value:
        return
    if not re.fullmatch(r"\d{10}", value):
        raise ValidationError(
            _("An enterprise number has ten digits, for example 0123.456.749."),
            code="format",
        )
    if value[0] not in "01":
        raise ValidationError(_("An enterprise number starts with 0 or 1."), code="first_digit")
    if not enterprise_number_is_valid(value):
        raise ValidationError(
            _("This enterprise number does not exist: its check digits do not match."),
            code="checksum",
        )
