"""Calendar files (RFC 5545) of a cohort's live meetings, written with icalendar as the events' are."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from catalyse.cohorts.models import Cohort, CohortSession, CohortStatus

PARIS = ZoneInfo("Europe/Paris")
PRODID = "-//Catalyse//Cohortes de formation//FR"
UID_DOMAIN = "catalyse.cohorts"


def meeting_uid(row: CohortSession) -> str:
    return f"{row.uid}@{UID_DOMAIN}"


def meeting_vevent(
    cohort: Cohort, row: CohortSession, *, base_url: str, with_online_link: bool, now: datetime.datetime
) -> VEvent:
    session = row.session
    url = base_url + row.get_absolute_url()
    description = [f"Session {session.number} : {session.title}", f"La question : {session.question}"]
    if with_online_link and row.meeting_url:
        description.append(f"Lien de connexion : {row.meeting_url}")
    description.append(f"La session et sa discussion : {url}")
    if row.meeting_starts_at is None or row.meeting_ends_at is None:
        raise ValueError("A session without a live meeting has no calendar entry.")
    vevent = VEvent()
    vevent.add("uid", meeting_uid(row))
    vevent.add("dtstamp", now.astimezone(datetime.UTC))
    vevent.add("sequence", row.sequence)
    vevent.add("dtstart", row.meeting_starts_at.astimezone(PARIS))
    vevent.add("dtend", row.meeting_ends_at.astimezone(PARIS))
    vevent.add("summary", f"{cohort.title} — réunion de la session {session.number}")
    vevent.add("description", "\n\n".join(description))
    vevent.add("location", "En ligne")
    vevent.add("url", url)
    vevent.add("categories", ["Formation"])
    vevent.add("status", "CANCELLED" if cohort.status == CohortStatus.CANCELLED else "CONFIRMED")
    vevent.add("transp", "OPAQUE")
    if with_online_link and row.meeting_url:
        vevent.add("conference", row.meeting_url, parameters={"VALUE": "URI", "FEATURE": "VIDEO"})
    return vevent


def cohort_calendar_bytes(
    cohort: Cohort, rows: Iterable[CohortSession], *, base_url: str, with_online_link: bool
) -> bytes:
    """A VCALENDAR with one VEVENT per live meeting (sessions without one are left out), in Europe/Paris."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", cohort.title)
    calendar.add("x-wr-timezone", "Europe/Paris")
    now = timezone.now()
    for row in rows:
        if row.has_meeting:
            calendar.add_component(
                meeting_vevent(cohort, row, base_url=base_url, with_online_link=with_online_link, now=now)
            )
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
