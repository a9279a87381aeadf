"""Places are never over-allocated, and reminders never sent twice, when many requests or workers race.

Threads each open their own database connection, so these run on PostgreSQL, where rows are locked with
SELECT … FOR UPDATE (SQLite's test database is one in-memory connection shared by the threads)."""

import threading

import pytest
from django.db import connection, connections

from catalyse.events import services
from catalyse.events.models import Registration, ReminderSent

from .conftest import later, make_event, person

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks between connections: PostgreSQL"),
]


def race(function, arguments):
    """Start every call at the same moment, each in its own thread and connection; return the errors."""
    barrier = threading.Barrier(len(arguments))
    errors = []

    def run(argument):
        try:
            barrier.wait(timeout=10)
            function(argument)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


def test_it_never_gives_more_places_than_the_capacity_to_simultaneous_registrations():
    event = make_event(capacity=3)
    users = [person(f"personne{i}") for i in range(12)]
    errors = race(lambda user: services.event_register(event=event, user=user), users)
    assert errors == []
    assert Registration.objects.confirmed().filter(event=event).count() == 3
    assert Registration.objects.waiting().filter(event=event).count() == 9


def test_it_never_overfills_a_track_under_simultaneous_registrations():
    event = make_event(kind="rencontre", capacity=None, tracks=[{"title": "Évaluation", "capacity": 2}])
    track = event.tracks.get()
    users = [person(f"personne{i}") for i in range(8)]
    errors = race(lambda user: services.event_register(event=event, user=user, track=track), users)
    assert errors == []
    assert Registration.objects.confirmed().filter(track=track).count() == 2


def test_it_promotes_exactly_as_many_people_as_places_freed_by_simultaneous_cancellations():
    event = make_event(capacity=3)
    users = [person(f"personne{i}") for i in range(8)]
    for user in users:
        services.event_register(event=event, user=user)
    leaving = list(Registration.objects.confirmed().filter(event=event).select_related("user"))
    errors = race(
        lambda registration: services.registration_cancel(registration=registration, by=registration.user), leaving
    )
    assert errors == []
    confirmed = Registration.objects.confirmed().filter(event=event)
    assert confirmed.count() == 3
    assert {r.user.email for r in confirmed} == {u.email for u in users[3:6]}  # the first three waiting, in order


def test_it_sends_each_reminder_once_when_several_workers_run_together(inbox):
    event = make_event(starts_at=later(hours=20))
    users = [person(f"personne{i}") for i in range(4)]
    for user in users:
        services.event_register(event=event, user=user)
    inbox.clear()
    errors = race(lambda _n: services.event_reminders_send(), range(4))
    assert errors == []
    assert ReminderSent.objects.filter(kind="j-1").count() == 4
    received = inbox.wait_for(4)
    assert sorted(m["To"] for m in received) == sorted(u.email for u in users)
