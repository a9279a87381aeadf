"""Calendar files (RFC 5545) written with icalendar: one event, or a person's feed of events."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from catalyse.events.models import Event, Status

PARIS = ZoneInfo("Europe/Paris")
PRODID = "-//Catalyse//Agenda du réseau des catalyseurs territoriaux//FR"
UID_DOMAIN = "catalyse.events"


def event_uid(event: Event) -> str:
    """Stable for the life of the event, whatever its title or address becomes."""
    return f"{event.uid}@{UID_DOMAIN}"


def _location(event: Event) -> str:
    if not event.is_in_person:
        return "En ligne"
    parts = [p for p in (event.venue, event.address) if p]
    if event.territory_id and event.territory:
        postal = event.territory.postal_code_list[:1]
        parts.append(" ".join([*postal, event.territory.name]))
    location = ", ".join(parts)
    return f"{location} (et en ligne)" if event.is_online else location


def event_vevent(event: Event, *, base_url: str, with_online_link: bool, now: datetime.datetime) -> VEvent:
    url = base_url + event.get_absolute_url()
    description = [event.summary.strip()] if event.summary.strip() else []
    if event.theme:
        description.insert(0, f"Thème : {event.theme}")
    if with_online_link and event.online_url:
        description.append(f"Lien de connexion : {event.online_url}")
    description.append(f"Détails et inscription : {url}")

    vevent = VEvent()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", now.astimezone(datetime.UTC))
    vevent.add("last-modified", event.updated_at.astimezone(datetime.UTC))
    vevent.add("created", event.created_at.astimezone(datetime.UTC))
    vevent.add("sequence", event.sequence)
    vevent.add("dtstart", event.starts_at.astimezone(PARIS))
    vevent.add("dtend", event.ends_at.astimezone(PARIS))
    vevent.add("summary", event.title)
    vevent.add("description", "\n\n".join(description))
    vevent.add("location", _location(event))
    vevent.add("url", url)
    vevent.add("categories", [event.get_kind_display()])
    vevent.add("status", "CANCELLED" if event.status == Status.CANCELLED else "CONFIRMED")
    vevent.add("transp", "OPAQUE")
    if with_online_link and event.online_url:
        vevent.add("conference", event.online_url, parameters={"VALUE": "URI", "FEATURE": "VIDEO"})
    return vevent


def event_calendar_bytes(
    events: Iterable[Event], *, base_url: str, online_for: set[int] | frozenset[int] = frozenset(), name: str = ""
) -> bytes:
    """A VCALENDAR with one VEVENT per event, times in Europe/Paris with its VTIMEZONE.

    `online_for`: the events whose private online link this reader may see (they registered)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    now = timezone.now()
    for event in events:
        calendar.add_component(event_vevent(event, base_url=base_url, with_online_link=event.pk in online_for, now=now))
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
