"""The columns of the overview's export and import: the same, so a file round-trips."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aanspreekpunt.core.imports.reading import Column

SEPARATOR = "|"
YES = ("ja", "yes", "j", "1", "waar", "true")
NO = ("nee", "no", "n", "0", "onwaar", "false", "")

IMPORT_COLUMNS = [
    Column("plan", gettext_lazy("key of the plan, e.g. bouwstenen-2014"), required=True),
    Column(
        "nummer", gettext_lazy("the platform's number of the action in its plan"), required=True
    ),
    Column("rapportnummer", gettext_lazy("the number the document itself gives the action")),
    Column("strategie", gettext_lazy("number of the strategy in the plan")),
    Column("titel", gettext_lazy("title: only text from the document")),
    Column("omschrijving", gettext_lazy("description")),
    Column("actoren", gettext_lazy("actor keys, separated by |")),
    Column("prioriteit", gettext_lazy("ja or nee")),
    Column("eigenaar", gettext_lazy("owner")),
    Column("streefdatum", gettext_lazy("target date, dd/mm/yyyy")),
    Column("onderwerpen", gettext_lazy("topic keys, separated by |")),
    Column("bron", gettext_lazy("source")),
]
# In the export for reading; an import ignores them: status and progress follow the updates.
INFO_COLUMNS = [
    Column("status", gettext_lazy("status (ignored on import: it follows the updates)")),
    Column("voortgang", gettext_lazy("progress (ignored on import: it follows the updates)")),
    Column("laatste_update", gettext_lazy("date of the last update (ignored on import)")),
]
EXPORT_COLUMNS = IMPORT_COLUMNS + INFO_COLUMNS


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")
