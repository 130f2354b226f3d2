"""Demo content of the training app, marked as demo: a teaser held last month and a
training day held two months ago, with their registrations, attendance and evaluations, and
upcoming sessions with open registration, one of them
full with a waiting list. Dates are relative to the day of seeding. Running ``seed`` again
adds nothing: sessions are found by their demo title."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from aanspreekpunt.accounts import roles
from aanspreekpunt.accounts.demo import DEMO_ACCOUNTS, demo_account
from socialekaart.models import Sector

from . import services
from .calendar import BRUSSELS
from .models import Element, Meeting, Registration, Session

COORDINATOR_EMAIL = next(
    email for email, groups, *_ in DEMO_ACCOUNTS if roles.COORDINATORS in groups
)
NOTE = "Demo-inhoud: deze sessie is verzonnen om het platform te tonen."
PEOPLE = [
    ("An Demo", "Vzw De Brug (demo)", "director"),
    ("Bram Voorbeeld", "Thuiszorg Oost (demo)", "middle_manager"),
    ("Chris Proef", "CLB Noord (demo)", "director"),
    ("Dina Test", "Woonzorg Zuid (demo)", "other"),
]


def _at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour), tzinfo=BRUSSELS)


def _session(title, coordinator, **data) -> tuple[Session, bool]:
    existing = Session.objects.filter(title=title, is_demo=True).first()
    if existing:
        return existing, False
    return services.session_create(
        data={"title": title, "description": NOTE, "is_demo": True, **data}, actor=coordinator
    ), True


def _register(session, people, *, now=None):
    for number, (name, organisation, function) in enumerate(people, start=1):
        services.registration_create(
            session=session,
            data={
                "name": name,
                "email": f"deelnemer{number}.sessie{session.pk}@demo.onlinehulp.be",
                "organisation": organisation,
                "function": function,
            },
            now=now,
        )


def _held(session, people, coordinator, elements, overalls, *, days_before, absent=0):
    """Registrations confirmed before the session, attendance (the last ``absent`` stayed
    away), the session held and an evaluation per score in ``overalls``."""
    start = timezone.localtime(session.start)
    _register(session, people, now=start - timedelta(days=days_before))
    placed = list(session.registrations.order_by("pk"))
    for registration in placed:
        services.registration_confirm(
            registration=registration, now=start - timedelta(days=days_before - 1)
        )
    came = placed[: len(placed) - absent]
    Registration.objects.filter(pk__in=[r.pk for r in came]).update(attended=True)
    Registration.objects.filter(session=session).exclude(pk__in=[r.pk for r in came]).update(
        attended=False
    )
    services.session_set_status(session=session, to_status=Session.Status.HELD, actor=coordinator)
    for registration, overall in zip(came, overalls, strict=False):
        services.evaluation_submit(
            registration=registration,
            overall=overall,
            scores={element: overall - (i % 2) for i, element in enumerate(elements)},
            comment="Demo-evaluatie: de getuigenissen maakten het concreet.",
        )


@transaction.atomic
def seed() -> list[str]:
    if not Meeting.objects.exists():
        raise ValueError("Laad eerst de referentiegegevens (manage.py load_reference_data).")
    coordinator = demo_account(COORDINATOR_EMAIL)
    ingredients = list(Element.objects.filter(kind=Element.Kind.INGREDIENT))
    angles = list(Element.objects.filter(kind=Element.Kind.ANGLE))
    lines = []
    meeting = Meeting.objects.filter(platform__sector__slug="ouderenzorg").order_by("pk").first()
    past, created = _session(
        "Teaser onlinehulp voor directies woonzorgcentra (demo)",
        coordinator,
        kind=Session.Kind.TEASER,
        meeting=meeting,
        start=_at(-30, 10),
        end=_at(-30, 12),
        place="Brussel (demo)",
        capacity=20,
        elements=ingredients,
    )
    if created:
        _held(past, PEOPLE, coordinator, ingredients, (5, 4, 4), days_before=10)
        lines.append(f"  {past.title}: gegeven, {len(PEOPLE)} deelnemers")
    youth = Sector.objects.filter(slug="jeugdhulp").first()
    earlier, created = _session(
        "Vormingsdag onlinehulp voor de jeugdhulp (demo)",
        coordinator,
        kind=Session.Kind.TRAINING_DAY,
        sector=youth,
        start=_at(-60, 9),
        end=_at(-60, 12),
        place="Leuven (demo)",
        capacity=15,
        elements=angles,
        trainers="Demo-trainer",
    )
    if created:
        _held(earlier, PEOPLE[:3], coordinator, angles, (4, 3), days_before=10, absent=1)
        lines.append(f"  {earlier.title}: gegeven, 2 van de 3 ingeschrevenen aanwezig")
    ggz = Sector.objects.filter(slug="ggz-verslavingszorg").first()
    upcoming, created = _session(
        "Vormingsdag onlinehulp voor de geestelijke gezondheidszorg (demo)",
        coordinator,
        kind=Session.Kind.TRAINING_DAY,
        sector=ggz,
        start=_at(21, 9),
        end=_at(21, 12),
        second_start=_at(28, 9),
        second_end=_at(28, 12),
        mode=Session.Mode.HYBRID,
        place="Gent (demo)",
        online_link="https://example.org/demo-vorming",
        capacity=25,
        elements=angles,
        trainers="Demo-trainer",
    )
    if created:
        _register(upcoming, PEOPLE[:2])
        lines.append(f"  {upcoming.title}: inschrijvingen open")
    full, created = _session(
        "Vormingsdag onlinehulp intersectoraal (demo, volzet)",
        coordinator,
        kind=Session.Kind.TRAINING_DAY,
        start=_at(35, 13),
        end=_at(35, 16),
        mode=Session.Mode.ONLINE,
        online_link="https://example.org/demo-intersectoraal",
        capacity=2,
        elements=angles,
    )
    if created:
        _register(full, PEOPLE)
        lines.append(f"  {full.title}: volzet, 2 op de wachtlijst")
    return lines
