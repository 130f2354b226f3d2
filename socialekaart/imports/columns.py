"""The columns of the service map's import file, and how they map onto the models."""

from django.utils.translation import gettext_lazy

from aanspreekpunt.core.imports.reading import Column

from ..models import Modality, Offering, Sector, TargetGroup, Theme

SEPARATOR = "|"  # between several keys in one cell

COLUMNS = [
    Column("organisatie", gettext_lazy("name of the organisation"), required=True),
    Column("kbo", gettext_lazy("enterprise number, e.g. 0123.456.749")),
    Column("sectoren", gettext_lazy("sector keys, separated by |")),
    Column("organisatie_website", gettext_lazy("website of the organisation")),
    Column("organisatie_email", gettext_lazy("e-mail address of the organisation")),
    Column("organisatie_telefoon", gettext_lazy("phone number of the organisation")),
    Column("straat", gettext_lazy("street and number")),
    Column("postcode", gettext_lazy("postcode")),
    Column("gemeente", gettext_lazy("city")),
    Column("organisatie_beschrijving", gettext_lazy("description of the organisation")),
    Column("aanbod", gettext_lazy("name of the offering"), required=True),
    Column("beschrijving", gettext_lazy("description of the offering")),
    Column("modaliteiten", gettext_lazy("modality keys, separated by |")),
    Column("doelgroepen", gettext_lazy("target group keys, separated by |")),
    Column("themas", gettext_lazy("theme keys, separated by |")),
    Column("anonimiteit", gettext_lazy("anonymous, identified, both or unknown")),
    Column("kosten", gettext_lazy("free, paid or unknown")),
    Column("status", gettext_lazy("realised, planned, pilot or stopped")),
    Column("talen", gettext_lazy("languages")),
    Column("url", gettext_lazy("web address of the offering")),
    Column("telefoon", gettext_lazy("phone number of the offering")),
    Column("email", gettext_lazy("e-mail address of the offering")),
    Column("altijd_beschikbaar", gettext_lazy("ja or nee")),
    Column("openingsuren", gettext_lazy("opening hours, in words")),
    Column("startdatum", gettext_lazy("start date, e.g. 31/12/2024")),
]
COLUMN_KEYS = [column.key for column in COLUMNS]

ORGANISATION_COLUMNS = {
    "organisatie": "name",
    "kbo": "enterprise_number",
    "organisatie_website": "website",
    "organisatie_email": "email",
    "organisatie_telefoon": "phone",
    "straat": "street",
    "postcode": "postcode",
    "gemeente": "city",
    "organisatie_beschrijving": "description",
}
OFFERING_COLUMNS = {
    "aanbod": "name",
    "beschrijving": "description",
    "talen": "languages",
    "url": "access_url",
    "telefoon": "phone",
    "email": "email",
    "openingsuren": "hours_note",
}
CHOICE_COLUMNS = {
    "anonimiteit": ("anonymity", Offering.Anonymity),
    "kosten": ("cost", Offering.Cost),
    "status": ("status", Offering.Status),
}
TERM_COLUMNS = {
    "sectoren": ("sectors", Sector),
    "modaliteiten": ("modalities", Modality),
    "doelgroepen": ("target_groups", TargetGroup),
    "themas": ("themes", Theme),
}
YES = {"ja", "j", "yes", "y", "1", "true", "waar", "x"}
NO = {"nee", "n", "no", "0", "false", "onwaar", ""}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")
