"""Demo content of the service map.

The real offerings of ``fixtures/demo/offerings.yaml`` are created and published by the demo
coordinator. A demo representative then gets one organisation and two made-up offerings in
moderation, marked as demo content. Running ``seed`` again adds only what is missing.
"""

from datetime import date, time

import yaml
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from aanspreekpunt.accounts import roles
from aanspreekpunt.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_account
from aanspreekpunt.accounts.services import user_create

from . import services
from .models import (
    Modality,
    Offering,
    Organisation,
    Province,
    Representation,
    Sector,
    TargetGroup,
    Theme,
)

OFFERINGS_FILE = settings.BASE_DIR / "fixtures" / "demo" / "offerings.yaml"

COORDINATOR_EMAIL = next(
    email for email, groups, *_ in DEMO_ACCOUNTS if roles.COORDINATORS in groups
)
REPRESENTATIVE_EMAIL = "vertegenwoordiger@demo.onlinehulp.be"
DEMO_ORGANISATION = "Liga Autisme Vlaanderen"
DEMO_NOTE = "Demo-inhoud: dit aanbod is verzonnen om het platform te tonen."

MODERATION_LABELS = {
    Offering.Moderation.DRAFT: "concept",
    Offering.Moderation.SUBMITTED: "ingediend",
    Offering.Moderation.PUBLISHED: "gepubliceerd",
    Offering.Moderation.ARCHIVED: "gearchiveerd",
}
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}

# The representative's offerings: one waiting for review, one still a draft.
DEMO_OFFERINGS = [
    {
        "submit": True,
        "name": "Groepschat voor ouders van kinderen met autisme (demo)",
        "description": (
            "Eén avond per week wisselen ouders in een begeleide groepschat ervaringen uit. "
            + DEMO_NOTE
        ),
        "modalities": ["chat", "lotgenotencontact"],
        "target_groups": ["ouders-en-opvoeders"],
        "themes": ["beperking-en-autisme", "opvoeding"],
        "target_group_note": "ouders van kinderen met (een vermoeden van) autisme",
        "anonymity": "both",
        "cost": "free",
        "staffed_by": "professionals",
        "status": "planned",
        "hours_modality": "chat",
        "hours": [{"days": ["thu"], "opens": "20:00", "closes": "21:30"}],
    },
    {
        "submit": False,
        "name": "Online zelftest voor volwassenen met vragen over autisme (demo)",
        "description": (
            "Een korte vragenlijst helpt inschatten of een gesprek over autisme zinvol is. "
            + DEMO_NOTE
        ),
        "modalities": ["zelftest"],
        "target_groups": ["volwassenen"],
        "themes": ["beperking-en-autisme"],
        "anonymity": "anonymous",
        "cost": "free",
        "staffed_by": "automated",
        "status": "pilot",
        "always_available": True,
    },
]


def seed() -> list[str]:
    """Create and publish the missing offerings, then the representative's demo content."""
    with open(OFFERINGS_FILE, encoding="utf-8") as source:
        data = yaml.safe_load(source)
    coordinator = demo_account(COORDINATOR_EMAIL)
    with transaction.atomic():
        organisations, new_organisations = _seed_organisations(data["organisations"], coordinator)
        new_offerings = 0
        for entry in data["offerings"]:
            organisation = organisations[entry["organisation"]]
            if _offering_exists(organisation, entry["name"]):
                continue
            offering = _create_offering(organisation, entry, actor=coordinator, is_demo=False)
            services.offering_submit(offering=offering, actor=coordinator)
            services.offering_publish(offering=offering, actor=coordinator)
            new_offerings += 1
        representative, organisation = _seed_representative(coordinator)
        demo_lines = _seed_demo_offerings(organisation, representative)
    return [
        f"  {len(organisations)} organisaties ({new_organisations} nieuw)",
        f"  {len(data['offerings'])} gepubliceerde aanbiedingen ({new_offerings} nieuw)",
        f"  {REPRESENTATIVE_EMAIL:<36} {roles.REPRESENTATIVES}, {organisation.name}",
        *demo_lines,
    ]


def _seed_organisations(entries: list[dict], actor) -> tuple[dict[str, Organisation], int]:
    organisations, created = {}, 0
    for entry in entries:
        organisation = Organisation.objects.filter(name=entry["name"]).first()
        if organisation is None:
            organisation = services.organisation_create(
                actor=actor,
                data={
                    "name": entry["name"],
                    "description": entry.get("description", ""),
                    "website": entry.get("website", ""),
                    "serves_all_flanders": entry.get("serves_all_flanders", False),
                    "serves_brussels": entry.get("serves_brussels", False),
                    "sectors": _terms(Sector, entry.get("sectors", [])),
                    "provinces": _terms(Province, entry.get("provinces", [])),
                },
            )
            created += 1
        organisations[organisation.name] = organisation
    return organisations, created


def _seed_representative(coordinator):
    """The demo representative, approved for the demo organisation."""
    representative = user_create(
        email=REPRESENTATIVE_EMAIL,
        password=DEMO_PASSWORD,
        groups=[roles.MEMBERS, roles.REPRESENTATIVES],
        first_name="Vera",
        last_name="Vertegenwoordiger",
    )
    organisation = Organisation.objects.get(name=DEMO_ORGANISATION)
    representation = Representation.objects.filter(
        user=representative, organisation=organisation
    ).first()
    if representation is None:
        representation = services.representation_request(
            user=representative,
            organisation=organisation,
            motivation="Demo-account om de rol van vertegenwoordiger te tonen.",
        )
    if representation.status == Representation.Status.REQUESTED:
        services.representation_decide(
            representation=representation, actor=coordinator, approve=True
        )
    return representative, organisation


def _seed_demo_offerings(organisation: Organisation, representative) -> list[str]:
    lines = []
    for entry in DEMO_OFFERINGS:
        if not _offering_exists(organisation, entry["name"]):
            offering = _create_offering(organisation, entry, actor=representative, is_demo=True)
            if entry["submit"]:
                services.offering_submit(offering=offering, actor=representative)
        offering = Offering.objects.get(organisation=organisation, name=entry["name"])
        state = MODERATION_LABELS[offering.moderation_state]
        lines.append(f"  Demo-aanbod: {offering.name} ({state})")
    return lines


def _offering_exists(organisation: Organisation, name: str) -> bool:
    return Offering.objects.filter(
        Q(slug=slugify(name)) | Q(organisation=organisation, name=name)
    ).exists()


def _create_offering(organisation: Organisation, entry: dict, *, actor, is_demo: bool) -> Offering:
    hours_modality = entry.get("hours_modality")
    start_date = entry.get("start_date")
    data = {
        "name": entry["name"],
        "description": entry.get("description", ""),
        "target_group_note": entry.get("target_group_note", ""),
        "anonymity": entry.get("anonymity", Offering.Anonymity.UNKNOWN),
        "cost": entry.get("cost", Offering.Cost.UNKNOWN),
        "staffed_by": entry.get("staffed_by", Offering.StaffedBy.UNKNOWN),
        "languages": entry.get("languages", ""),
        "cost_note": entry.get("cost_note", ""),
        "age_min": entry.get("age_min"),
        "age_max": entry.get("age_max"),
        "access": entry.get("access", Offering.Access.UNKNOWN),
        "waiting_time": entry.get("waiting_time", ""),
        "access_url": entry.get("access_url", ""),
        "phone": entry.get("phone", ""),
        "email": entry.get("email", ""),
        "status": entry.get("status", Offering.Status.REALISED),
        "start_date": date.fromisoformat(start_date) if start_date else None,
        "since_note": entry.get("since_note", ""),
        "always_available": entry.get("always_available", False),
        "hours_modality": Modality.objects.get(slug=hours_modality) if hours_modality else None,
        "hours_note": entry.get("hours_note", ""),
        "hours_as_of": entry.get("hours_as_of", ""),
        "sources": entry.get("sources", []),
        "is_demo": is_demo,
        "modalities": _terms(Modality, entry.get("modalities", [])),
        "target_groups": _terms(TargetGroup, entry.get("target_groups", [])),
        "themes": _terms(Theme, entry.get("themes", [])),
    }
    return services.offering_create(
        organisation=organisation, actor=actor, data=data, hours=_hours(entry.get("hours", []))
    )


def _hours(entries: list[dict]) -> list[dict]:
    """Weekly rows from ``{days, opens, closes}``; ``closes`` before ``opens`` runs overnight."""
    return [
        {
            "weekday": WEEKDAYS[day],
            "opens": time.fromisoformat(entry["opens"]),
            "closes": time.fromisoformat(entry["closes"]),
        }
        for entry in entries
        for day in entry["days"]
    ]


def _terms(model, slugs: list[str]) -> list:
    """The rows of ``model`` with these slugs; an unknown slug is an error in the data file."""
    terms = list(model.objects.filter(slug__in=slugs))
    missing = set(slugs) - {term.slug for term in terms}
    if missing:
        raise ValueError(f"Unknown {model._meta.model_name} slugs: {sorted(missing)}")
    return terms
