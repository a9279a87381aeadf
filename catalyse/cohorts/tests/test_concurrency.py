"""Places are never over-allocated, and a meeting's reminder never leaves twice, when requests or workers race.

Threads each open their own database connection, so these run on PostgreSQL, where the cohort's row is locked
with SELECT … FOR UPDATE (SQLite's test database is one in-memory connection shared by the threads)."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from catalyse.cohorts import services
from catalyse.cohorts.models import Enrolment

from .conftest import make_cohort, make_course, person

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks between connections: PostgreSQL"),
]


def race(function: Callable[[Any], Any], arguments: list[Any]) -> list[Exception]:
    """Start every call at the same moment, each in its own thread and connection; return the errors."""
    barrier = threading.Barrier(len(arguments))
    errors: list[Exception] = []

    def run(argument: Any) -> None:
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


def test_it_never_gives_more_places_than_the_capacity_to_simultaneous_enrolments() -> None:
    cohort = make_cohort(make_course(), capacity=3)
    users = [person(f"personne{i}") for i in range(10)]
    errors = race(lambda user: services.cohort_enrol(cohort=cohort, user=user), users)
    assert Enrolment.objects.active().filter(cohort=cohort).count() == 3
    assert len(errors) == 7 and all(isinstance(e, ValidationError) for e in errors)
    assert all("complète" in " ".join(e.messages) for e in errors if isinstance(e, ValidationError))


def test_a_meeting_reminder_is_claimed_once_by_simultaneous_workers() -> None:
    cohort = make_cohort(make_course())
    for i in range(3):
        services.cohort_enrol(cohort=cohort, user=person(f"membre{i}"))
    row = cohort.schedule.get(session__number=1)
    assert row.meeting_starts_at is not None
    now = row.meeting_starts_at - datetime.timedelta(hours=5)
    sent: list[int] = []
    errors = race(lambda _n: sent.append(services.meeting_reminders_send(now=now)), list(range(5)))
    assert errors == []
    assert sum(sent) == 3
