"""iCalendar (RFC 5545) output for sessions: the agenda feed and one .ics per session.

Times are written in Europe/Brussels with its VTIMEZONE (the EU's summer-time rules), so
calendars show the hour the session was planned at. Each part of a session (a training day
of two half-days has two) is one event; its UID is stable, so a moved session replaces
the event in a subscribed calendar instead of adding one.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

PRODID = "-//Aanspreekpunt Onlinehulp//Vorming//NL"
TZID = "Europe/Brussels"
BRUSSELS = ZoneInfo(TZID)

VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    start: datetime
    end: datetime
    summary: str
    location: str = ""
    url: str = ""
    description: str = ""
    cancelled: bool = False


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", r"\;").replace(",", r"\,").replace("\n", r"\n")


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(moment: datetime) -> str:
    return moment.astimezone(BRUSSELS).strftime("%Y%m%dT%H%M%S")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1)."""
    parts, current = [], ""
    for char in line:
        if len((current + char).encode()) > 75:
            parts.append(current)
            current = " "
        current += char
    parts.append(current)
    return "\r\n".join(parts)


def calendar_render(*, events: list[CalendarEvent], name: str = "") -> str:
    """A complete VCALENDAR with one VEVENT per event, in Brussels time."""
    now = _stamp(timezone.now())
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    lines.append(f"X-WR-CALNAME:{_escape(name or 'Aanspreekpunt Onlinehulp - vorming')}")
    lines.append(f"X-WR-TIMEZONE:{TZID}")
    lines += VTIMEZONE
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{now}",
            f"DTSTART;TZID={TZID}:{_local(event.start)}",
            f"DTEND;TZID={TZID}:{_local(event.end)}",
            f"SUMMARY:{_escape(event.summary)}",
        ]
        if event.description:
            lines.append(f"DESCRIPTION:{_escape(event.description)}")
        if event.location:
            lines.append(f"LOCATION:{_escape(event.location)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        lines.append("STATUS:CANCELLED" if event.cancelled else "STATUS:CONFIRMED")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def session_events(session) -> list[CalendarEvent]:
    """One event per part of ``session``; the online link is never in a public calendar."""
    url = settings.SITE_URL.rstrip("/") + session.get_absolute_url()
    host = urlsplit(settings.SITE_URL).hostname or "onlinehulp"
    parts = session.parts
    events = []
    for number, (start, end) in enumerate(parts, start=1):
        summary = session.title
        if len(parts) > 1:
            summary = f"{session.title} (dagdeel {number}/{len(parts)})"
        events.append(
            CalendarEvent(
                uid=f"vorming-sessie-{session.pk}-{number}@{host}",
                start=start,
                end=end,
                summary=summary,
                location=session.place,
                url=url,
                description=f"{session.get_kind_display()}. Meer info en inschrijven: {url}",
                cancelled=session.status == session.Status.CANCELLED,
            )
        )
    return events


def session_ics(session) -> str:
    return calendar_render(events=session_events(session), name=session.title)


def sessions_ics(sessions) -> str:
    return calendar_render(events=[e for session in sessions for e in session_events(session)])
