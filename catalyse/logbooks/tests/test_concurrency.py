"""Each subscriber gets an issue exactly once, and an issue is published once, when workers or facilitators race.

Threads each open their own database connection, so these run on PostgreSQL, where the unique delivery row and the
issue's row lock hold between connections (SQLite's test database is one connection shared by the threads)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from catalyse.logbooks import services
from catalyse.logbooks.models import Delivery, LogbookIssue, Status
from catalyse.logbooks.tests.conftest import OCTOBER, build_journey
from catalyse.test import make_person

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="locks between connections: PostgreSQL"),
]


def race(function: Callable[[Any], Any], arguments: Iterable[Any]) -> list[BaseException]:
    """Start every call at the same moment, each in its own thread and connection; return the errors."""
    items = list(arguments)
    barrier = threading.Barrier(len(items))
    errors: list[BaseException] = []

    def run(argument: Any) -> None:
        try:
            barrier.wait(timeout=10)
            function(argument)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def _cohort() -> Any:
    facilitator = make_person(role="facilitator", email="elodie.animatrice@exemple.fr")
    member = make_person(email="nadia.pilote@exemple.fr")
    cohort = build_journey(facilitator=facilitator, member=member)
    for index in range(5):
        services.logbook_subscribe(journey=cohort.journey, user=make_person(email=f"lecteur{index}@exemple.fr"))
    return cohort


def test_several_workers_sending_the_same_issue_send_it_once_to_each(inbox: Any) -> None:
    cohort = _cohort()
    issue = services.logbook_draft(journey=cohort.journey, month=OCTOBER)
    LogbookIssue.objects.filter(pk=issue.pk).update(status=Status.PUBLISHED)
    services.subscriptions_sync_participants(journey=cohort.journey)

    errors = race(lambda _n: services.logbook_deliver(issue_id=issue.pk), range(4))

    assert errors == []
    assert Delivery.objects.filter(issue=issue).count() == 8
    received = inbox.wait_for(8)
    assert len(received) == 8
    assert len({str(m["To"]) for m in received}) == 8


def test_two_facilitators_publishing_at_once_publish_and_send_once(inbox: Any) -> None:
    cohort = _cohort()
    other = make_person(role="facilitator", email="marc.animateur@exemple.fr")
    cohort.journey.facilitators.add(other)
    issue = services.logbook_draft(journey=cohort.journey, month=OCTOBER)

    errors = race(lambda who: services.logbook_publish(issue=issue, by=who), [cohort.facilitator, other])

    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert "déjà publié" in errors[0].messages[0]
    assert LogbookIssue.objects.get().status == Status.PUBLISHED
    received = inbox.wait_for(9)
    assert len(received) == 9  # 2 facilitators, 2 members, 5 readers
    assert Delivery.objects.filter(issue=issue).count() == 9
