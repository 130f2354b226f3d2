"""Training sessions, platforms and registrations for tests."""

from datetime import timedelta
from itertools import count

from django.core.files.base import ContentFile
from django.utils import timezone

from tests.socialekaart.factories import SectorFactory
from vorming import services
from vorming.models import Material, Meeting, Platform, Registration, Session

_numbers = count(1)


def platform_with_meetings(*, sector=None, meetings: int = 2) -> Platform:
    number = next(_numbers)
    platform = Platform.objects.create(
        sector=sector or SectorFactory(), via=f"Koepel {number}", sort_order=number
    )
    Meeting.objects.bulk_create(
        [Meeting(platform=platform, number=n) for n in range(1, meetings + 1)]
    )
    return platform


def session_data(**overrides) -> dict:
    """A training day in a week, one half-day, in person, 20 places."""
    start = (timezone.now() + timedelta(days=7)).replace(microsecond=0)
    data = {
        "kind": Session.Kind.TRAINING_DAY,
        "title": f"Vormingsdag {next(_numbers)}",
        "start": start,
        "end": start + timedelta(hours=3),
        "place": "Brussel",
        "capacity": 20,
    }
    data.update(overrides)
    return data


def make_session(*, actor=None, **overrides) -> Session:
    return services.session_create(data=session_data(**overrides), actor=actor)


def registration_data(number: int = 1, **overrides) -> dict:
    data = {
        "name": f"Directeur {number}",
        "email": f"directeur{number}@example.org",
        "organisation": f"Vzw {number}",
        "function": Registration.Function.DIRECTOR,
    }
    data.update(overrides)
    return data


def register(session, number: int = 1, **overrides) -> Registration:
    return services.registration_create(
        session=session, data=registration_data(number, **overrides)
    )


def link_value(registration, purpose: str) -> str:
    return services.registration_link(registration, purpose).rstrip("/").rsplit("/", 1)[1]


def matrix_objects(sector) -> dict:
    """What the authorization matrix requests the training app's URLs with."""
    session = make_session(sector=sector)
    registration = register(session, 999)
    attendee = register(session, 998)
    Registration.objects.filter(pk=attendee.pk).update(attended=True)
    platform = platform_with_meetings(sector=sector, meetings=1)
    return {
        "vorming_session": session,
        "vorming_meeting": platform.meetings.get(),
        "vorming_confirm_value": link_value(registration, "confirm"),
        "vorming_cancel_value": link_value(registration, "cancel"),
        "vorming_evaluate_value": link_value(attendee, "evaluate"),
        "vorming_material": Material.objects.create(
            session=session, title="Dia's", file=ContentFile(b"dia's", name="dias.txt")
        ),
    }
