"""iCalendar (RFC 5545) output for sessions, built with the ``icalendar`` library: the agenda
feed and one .ics per session.

Times are written in Europe/Brussels with its VTIMEZONE, so calendars show the hour the
session was planned at. Each part of a session (a training day of two half-days has two)
is one event; its UID is stable, so a moved session replaces the event in a subscribed
calendar instead of adding one. The online link is never in a calendar file.
"""

from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//Aanspreekpunt Onlinehulp//Vorming//NL"
TZID = "Europe/Brussels"
BRUSSELS = ZoneInfo(TZID)


def session_events(session) -> list[Event]:
    """One event per part of ``session``."""
    url = settings.SITE_URL.rstrip("/") + session.get_absolute_url()
    host = urlsplit(settings.SITE_URL).hostname or "onlinehulp"
    parts = session.parts
    now = timezone.now()
    events = []
    for number, (start, end) in enumerate(parts, start=1):
        summary = session.title
        if len(parts) > 1:
            summary = f"{session.title} (dagdeel {number}/{len(parts)})"
        event = Event()
        event.add("uid", f"vorming-sessie-{session.pk}-{number}@{host}")
        event.add("dtstamp", now)
        event.add("dtstart", start.astimezone(BRUSSELS))
        event.add("dtend", end.astimezone(BRUSSELS))
        event.add("summary", summary)
        event.add("description", f"{session.get_kind_display()}. Meer info en inschrijven: {url}")
        if session.place:
            event.add("location", session.place)
        event.add("url", url)
        cancelled = session.status == session.Status.CANCELLED
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        events.append(event)
    return events


def calendar_render(*, events: list[Event], name: str = "") -> str:
    """A complete VCALENDAR with the events and the VTIMEZONE they use."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name or "Aanspreekpunt Onlinehulp - vorming")
    calendar.add("x-wr-timezone", TZID)
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()


def session_ics(session) -> str:
    return calendar_render(events=session_events(session), name=session.title)


def sessions_ics(sessions) -> str:
    return calendar_render(events=[e for session in sessions for e in session_events(session)])
