"""The demo logbooks, and what the logbooks hold about a person (GDPR export and erasure)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from catalyse.journeys.models import Journey
from catalyse.lib.registry import registry
from catalyse.logbooks import demo, services
from catalyse.logbooks.models import Delivery, LogbookIssue, Status, Subscription
from catalyse.logbooks.tests.conftest import OCTOBER

pytestmark = pytest.mark.django_db


def test_the_demo_skips_quietly_without_the_demo_journey() -> None:
    assert demo.demo_load() == {"carnets de bord publiés": 0}
    assert not LogbookIssue.objects.exists()


def test_the_demo_publishes_two_logbooks_once_without_sending_mail(facilitator: Any, inbox: Any) -> None:
    starts_on = (timezone.localdate() - datetime.timedelta(days=120)).replace(day=1)
    journey = Journey.objects.create(
        slug=demo.DEMO_JOURNEY_SLUG,
        title="Parcours d’expérience « Co-construction territoriale »",
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=273),
    )
    journey.facilitators.add(facilitator)

    assert demo.demo_load() == {"carnets de bord publiés": 2}
    assert demo.demo_load() == {"carnets de bord publiés": 2}

    issues = list(LogbookIssue.objects.order_by("month"))
    assert [i.status for i in issues] == [Status.PUBLISHED, Status.PUBLISHED]
    assert issues[0].month == starts_on
    assert issues[0].title == "L’embarquement des douze territoires pilotes"
    assert "co-développement entre pairs" in issues[0].editorial
    assert all(i.published_at and i.published_at <= timezone.now() for i in issues)
    assert Subscription.objects.filter(journey=journey, user=facilitator).exists()
    assert inbox.wait_for(1, timeout=0.3) == []
    assert [loader.key for loader in registry.demo_loaders].index("logbooks") > [
        loader.key for loader in registry.demo_loaders
    ].index("codevelopment")


def _export(user: Any) -> Any:
    from catalyse.accounts.services import user_export

    return user_export(user=user)["carnets_de_bord"]


def test_subscriptions_and_deliveries_are_in_the_export_and_go_on_erasure(
    cohort: Any, outsider: Any, django_capture_on_commit_callbacks: Any
) -> None:
    services.logbook_subscribe(journey=cohort.journey, user=outsider)
    issue = services.logbook_draft(journey=cohort.journey, month=OCTOBER)
    with django_capture_on_commit_callbacks(execute=True):
        services.logbook_publish(issue=issue, by=cohort.facilitator)

    data = _export(outsider)
    assert data["abonnements"][0]["parcours"] == cohort.journey.slug
    assert data["abonnements"][0]["origine"] == "abonnement"
    assert data["carnets reçus"][0]["carnet"] == issue.title
    assert data["carnets reçus"][0]["adresse"] == outsider.email
    assert _export(cohort.member)["abonnements"][0]["origine"] == "participant"

    from catalyse.accounts.services import user_erase

    user_erase(user=outsider)

    assert not Subscription.objects.filter(user=outsider).exists()
    assert not Delivery.objects.filter(user=outsider).exists()
    assert Delivery.objects.filter(user=cohort.member).exists()  # the others keep theirs
    assert LogbookIssue.objects.get().status == Status.PUBLISHED  # the issue is the journey's
