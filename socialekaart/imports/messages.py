"""What the service map's import tells coordinators about its rows (Dutch in the catalogue).

The messages about the file and the job are core's (``aanspreekpunt.core.imports.messages``);
they are repeated here so the importer's code and tests name every message from one module.
"""

from django.utils.translation import gettext_lazy

from aanspreekpunt.core.imports.messages import *  # noqa: F403

DUPLICATE_ROW = gettext_lazy("The same offering of the same organisation is also in row %(row)s.")
OFFERING_EXISTS = gettext_lazy("This organisation already has an offering with this name.")
NUMBER_OTHER_NAME = gettext_lazy(
    "Row %(row)s gives this enterprise number to another name: “%(name)s”."
)
NAME_AMBIGUOUS = gettext_lazy(
    "Several organisations on the map are called “%(name)s”. Add the enterprise number."
)
ORGANISATION_MATCHED = gettext_lazy(
    "Organisation “%(name)s” is already on the map; it is used as it is."
)
ORGANISATION_NEW = gettext_lazy("A new organisation is created.")
