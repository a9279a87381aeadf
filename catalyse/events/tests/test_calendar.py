"""Calendar files (RFC 5545), read back with icalendar; the personal feed behind a secret address."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from catalyse.events import services
from catalyse.events.models import CalendarFeed

from .conftest import make_event, person

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_it_writes_a_calendar_file_with_time_zone_uid_url_and_location(client, places):
    start = datetime.datetime(2027, 6, 12, 9, 30, tzinfo=PARIS)
    event = make_event(
        title="4ᵉ rencontre du réseau : « Ensemble innovons ! »",
        kind="rencontre",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=7, minutes=30),
        format="presentiel",
        venue="Maison des associations",
        address="4 rue André Malraux",
        territory=places["saint_etienne"],
        online_url="",
    )
    calendar = parse(client.get(f"/evenements/{event.slug}/calendrier.ics"))
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    [timezone] = calendar.walk("VTIMEZONE")
    assert timezone["TZID"] == "Europe/Paris"
    [vevent] = calendar.walk("VEVENT")
    assert vevent["UID"] == f"{event.uid}@catalyse.events"
    assert vevent.decoded("DTSTART") == start
    assert vevent.decoded("DTSTART").tzinfo.key == "Europe/Paris"
    assert vevent["DTSTART"].params["TZID"] == "Europe/Paris"
    assert vevent.decoded("DTEND") == datetime.datetime(2027, 6, 12, 17, 0, tzinfo=PARIS)
    assert vevent.decoded("DTSTAMP").tzinfo is not None
    assert vevent["SUMMARY"] == event.title
    assert vevent["URL"] == f"http://testserver/evenements/{event.slug}/"
    assert vevent["LOCATION"] == "Maison des associations, 4 rue André Malraux, 42000 Saint-Étienne"
    assert vevent["STATUS"] == "CONFIRMED"


def test_it_keeps_the_uid_and_raises_the_sequence_when_the_event_moves(client):
    event = make_event()
    first = parse(client.get(f"/evenements/{event.slug}/calendrier.ics")).walk("VEVENT")[0]
    services.event_update(
        event=event,
        title="Nouveau titre",
        starts_at=event.starts_at + datetime.timedelta(hours=1),
        ends_at=event.ends_at + datetime.timedelta(hours=1),
    )
    second = parse(client.get(f"/evenements/{event.slug}/calendrier.ics")).walk("VEVENT")[0]
    assert first["UID"] == second["UID"]
    assert second["SEQUENCE"] == first["SEQUENCE"] + 1
    assert second["SUMMARY"] == "Nouveau titre"


def test_it_puts_the_private_link_only_in_the_file_of_people_registered(client):
    event = make_event()
    alice, bruno = person("alice"), person("bruno")
    services.event_register(event=event, user=alice)
    url = f"/evenements/{event.slug}/calendrier.ics"
    assert b"salle-secrete-42" not in client.get(url).content
    client.force_login(bruno)
    assert b"salle-secrete-42" not in client.get(url).content
    client.force_login(alice)
    response = client.get(url)
    assert "salle-secrete-42" in str(parse(response).walk("VEVENT")[0]["DESCRIPTION"])
    assert response["Cache-Control"] == "private, no-store"


def test_it_marks_a_cancelled_event_as_cancelled(client):
    event = make_event()
    services.event_update(event=event, status="cancelled")
    assert parse(client.get(f"/evenements/{event.slug}/calendrier.ics")).walk("VEVENT")[0]["STATUS"] == "CANCELLED"


def test_the_personal_feed_lists_confirmed_registrations_with_their_links(client):
    alice, bruno = person("alice"), person("bruno")
    webinar = make_event(capacity=1)
    workshop = make_event(title="Atelier cartographie", kind="atelier", online_url="https://visio.exemple.fr/atelier")
    full = make_event(title="Complet", capacity=1)
    services.event_register(event=webinar, user=alice)
    services.event_register(event=workshop, user=alice)
    services.event_register(event=full, user=bruno)
    services.event_register(event=full, user=alice)  # waiting: not in her calendar
    feed = services.calendar_feed_get_or_create(user=alice)
    calendar = parse(client.get(feed.get_absolute_url()))
    events = calendar.walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in events) == sorted([webinar.title, workshop.title])
    assert all("visio.exemple.fr" in str(e["DESCRIPTION"]) for e in events)
    assert calendar["X-WR-CALNAME"] == "Mes événements Catalyse"


def test_regenerating_the_feed_address_revokes_the_old_one(client):
    alice = person("alice")
    client.force_login(alice)
    response = client.post("/evenements/mes-evenements/agenda/")
    assert response.status_code == 302
    old = CalendarFeed.objects.get(user=alice).token
    assert client.get(f"/evenements/agenda/{old}.ics").status_code == 200
    client.post("/evenements/mes-evenements/agenda/")
    new = CalendarFeed.objects.get(user=alice).token
    assert new != old
    assert client.get(f"/evenements/agenda/{old}.ics").status_code == 404
    assert client.get(f"/evenements/agenda/{new}.ics").status_code == 200
    page = client.get("/evenements/mes-evenements/").content.decode()
    assert f"/evenements/agenda/{new}.ics" in page


def test_an_unknown_feed_address_is_not_found(client):
    assert client.get("/evenements/agenda/pas-un-jeton.ics").status_code == 404
